/**
 * What the structure commands read before deciding: the round, whether a paragraph is locked, the bracket
 * records standing in a paragraph with their spans now, a paragraph's characters, and the number a new
 * paragraph would take.
 */
import * as Y from 'yjs';
import { bracketSpan, getBrackets, type BracketRecord } from '../model/bracket.ts';
import { getMeta, getParagraphs, MetaField, ParagraphField, paragraphStatusOf } from '../model/negotiation-doc.ts';
import { isParagraphKind, lockedStatuses, ParagraphKind } from '../model/paragraph.ts';
import { numberParagraphs } from '../numbering.ts';
import { refuse, type Refusal } from './decision.ts';
import { headingLabel, numberingInputs, paragraphLabel } from './paragraph-facts.ts';
import { statusWords } from './status-commands.ts';

/** A bracket record of a paragraph, with the characters [start, end) it spans now (null when its anchors are gone). */
export interface PlacedBracket {
  id: string;
  record: BracketRecord;
  span: { start: number; end: number } | null;
}

/** One operation of a Y.XmlText delta: text (or an embed) with its formatting attributes. */
export interface DeltaOp {
  insert: unknown;
  attributes?: Record<string, unknown>;
}

/** The stand-in for one non-text item (an embed) in `characters`, so offsets match the Yjs length. */
export const embedCharacter = '\uFFFC';

/** The number of revisions issued so far (0 when unset). */
export function roundOf(doc: Y.Doc): number {
  const round = getMeta(doc).get(MetaField.round);
  return typeof round === 'number' && Number.isFinite(round) ? round : 0;
}

/** A 'conflict' refusal when the paragraph is agreed or agreed ad ref ("reopen it first"), else null. */
export function lockedRefusal(doc: Y.Doc, paragraphId: string, doing: string): Refusal | null {
  const status = paragraphStatusOf(doc, paragraphId);
  if (!status || !lockedStatuses.has(status)) return null;
  return refuse('conflict', `${paragraphLabel(doc, paragraphId)} is ${statusWords[status]}: reopen it before you ${doing}`);
}

/** The paragraph's kind as stored (paragraph when unreadable). */
export function kindOf(doc: Y.Doc, paragraphId: string): ParagraphKind {
  const kind = getParagraphs(doc).get(paragraphId)?.get(ParagraphField.kind);
  return isParagraphKind(kind) ? kind : ParagraphKind.paragraph;
}

/** The text's characters as one string, an embed counting as one character (so indices are Yjs indices). */
export function characters(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : embedCharacter)).join('');
}

/** Every bracket record anchored in the paragraph, with its span now. */
export function bracketsOf(doc: Y.Doc, paragraphId: string): PlacedBracket[] {
  const placed: PlacedBracket[] = [];
  getBrackets(doc).forEach((record, id) => {
    if (record?.paragraphId === paragraphId) placed.push({ id, record, span: bracketSpan(doc, record) });
  });
  return placed;
}

/** The bracketed words as people read them in a refusal: “safe, orderly” (cut to 60 characters). */
export function bracketWords(text: string, span: { start: number; end: number }): string {
  const words = text.slice(span.start, span.end).trim();
  return `“${words.length > 60 ? `${words.slice(0, 59)}…` : words}”`;
}

/** How people will name a paragraph of `kind` put at index `at` of the order, added in round `addedInRound` (by default a new one of this round): "paragraph 5 bis", "the heading “Annex”", "a new heading". */
export function newParagraphLabel(doc: Y.Doc, at: number, kind: ParagraphKind, text = '', addedInRound = roundOf(doc) + 1): string {
  if (kind === ParagraphKind.heading) return text.trim() === '' ? 'a new heading' : headingLabel(text);
  const inputs = numberingInputs(doc);
  inputs.splice(at, 0, { kind, addedInRound });
  return `paragraph ${numberParagraphs(inputs, roundOf(doc))[at] ?? '?'}`;
}
