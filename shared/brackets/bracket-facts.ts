/**
 * What bracket decisions read before they decide: the bracket a command names (or why it is gone), the
 * paragraph's lock, the holders' checks, and the words people read in the activity.
 */
import type * as Y from 'yjs';
import { getBrackets, paragraphCharacters, Stance, type BracketHolder, type BracketRecord } from '../model/bracket.ts';
import { getDelegations } from '../model/delegations.ts';
import { paragraphStatusOf } from '../model/negotiation-doc.ts';
import { lockedStatuses } from '../model/paragraph.ts';
import { refuse, type Refusal } from '../commands/decision.ts';
import { paragraphLabel } from '../commands/paragraph-facts.ts';
import { statusWords } from '../commands/status-commands.ts';
import type { BracketSnapshot } from './bracket-snapshot.ts';
import { readBrackets } from './read-brackets.ts';

/** A bracket a command names, as it reads now, with its paragraph's brackets and text. */
export interface NamedBracket {
  id: string;
  record: BracketRecord;
  snapshot: BracketSnapshot;
  /** All brackets of its paragraph, in reading order. */
  brackets: BracketSnapshot[];
  text: Y.XmlText;
  /** "paragraph 5". */
  label: string;
}

/** The paragraph's characters when it exists and takes changes, else the refusal to answer. */
export function openParagraph(doc: Y.Doc, paragraphId: string): { text: Y.XmlText; label: string } | Refusal {
  const status = paragraphStatusOf(doc, paragraphId);
  if (status === undefined) return refuse('conflict', 'that paragraph no longer exists');
  const label = paragraphLabel(doc, paragraphId);
  if (lockedStatuses.has(status)) return refuse('conflict', `${label} is ${statusWords[status]}: a facilitator must reopen it before its brackets change`);
  const text = paragraphCharacters(doc, paragraphId);
  if (!text) return refuse('conflict', `${label} has no text to bracket`);
  return { text, label };
}

/** The named bracket as it reads now, or the refusal when it is gone or its paragraph is locked. */
export function namedBracket(doc: Y.Doc, id: string): NamedBracket | Refusal {
  const record = getBrackets(doc).get(id);
  if (!record) return refuse('conflict', 'that bracket no longer exists: someone lifted or deleted it meanwhile');
  const open = openParagraph(doc, record.paragraphId);
  if ('ok' in open) return open;
  const brackets = readBrackets(doc, record.paragraphId);
  const snapshot = brackets.find((b) => b.id === id);
  if (!snapshot) return refuse('conflict', `that bracket's words are no longer in ${open.label}: its text was replaced meanwhile`);
  return { id, record, snapshot, brackets, ...open };
}

/** The refusal for holders that repeat a delegation or name one the negotiation does not have, else null. */
export function checkHolders(doc: Y.Doc, holders: readonly BracketHolder[]): Refusal | null {
  const delegations = getDelegations(doc);
  const seen = new Set<string>();
  for (const { delegation } of holders) {
    if (seen.has(delegation)) return refuse('invalid', `${delegation} is named twice among the holders: a delegation holds a bracket once`);
    seen.add(delegation);
    if (!delegations.has(delegation)) return refuse('invalid', `there is no delegation ${delegation} in this negotiation`);
  }
  return null;
}

/** True when the two holder lists are the same delegations with the same stances, in the same order. */
export function sameHolders(a: readonly BracketHolder[], b: readonly BracketHolder[]): boolean {
  return a.length === b.length && a.every((h, i) => h.delegation === b[i]?.delegation && h.stance === b[i]?.stance);
}

/** Holders as the activity writes them: "EU, G77 (delete)" (a proposing holder by code alone). */
export function holdersSummary(holders: readonly BracketHolder[]): string {
  return holders.map((h) => (h.stance === Stance.propose ? h.delegation : `${h.delegation} (${h.stance})`)).join(', ');
}

/** Bracketed words as the activity quotes them: “safe, orderly” (cut to 60 characters), or "an empty bracket". */
export function quoteWords(words: string): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'an empty bracket';
  return `“${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}”`;
}

/** True when the two spans cross: neither holds the other and they share characters. */
export function spansCross(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return (a.start < b.start && b.start < a.end && a.end < b.end) || (b.start < a.start && a.start < b.end && b.end < a.end);
}

/** True when the two spans share no character. */
export function spansApart(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.end <= b.start || b.end <= a.start;
}
