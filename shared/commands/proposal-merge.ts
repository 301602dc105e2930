/**
 * How a replacement's words enter its paragraph as it reads now: the proposal's own word changes when it
 * was written on this very text, else the three-way merge of its base, the paragraph now and the proposal
 * (shared/amendments/three-way-merge.ts), with the clashes a facilitator must resolve. The page reads
 * `proposalClashes` on its own copy of the document to show exactly where a proposal clashes.
 */
import type * as Y from 'yjs';
import { characterString } from '../brackets/read-brackets.ts';
import { mergeThreeWay, type Clash, type ClashingMerge } from '../amendments/three-way-merge.ts';
import type { TextChange } from '../amendments/text-change.ts';
import { wordChanges } from '../amendments/word-diff.ts';
import { paragraphCharacters } from '../model/bracket.ts';
import { paragraphStatusOf } from '../model/negotiation-doc.ts';
import { getProposal, ProposalKind, readProposal, type ProposalSnapshot } from '../model/proposal.ts';
import { refuse, type Refusal } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { characters, lockedRefusal } from './structure-facts.ts';

/** A paragraph a proposal's acceptance may change: its characters, its plain text, how people name it. */
export interface OpenText {
  text: Y.XmlText;
  plain: string;
  label: string;
}

/** A merge that applies: the text it makes and the changes (offsets in `current`) that make it. */
export interface CleanProposalMerge {
  ok: true;
  current: string;
  text: string;
  changes: TextChange[];
}

/** A merge that clashes with changes made to the paragraph since the proposal was written. */
export interface ClashingProposalMerge {
  ok: false;
  current: string;
  merge: ClashingMerge;
}

/** What mergeProposal answers. */
export type ProposalMerge = CleanProposalMerge | ClashingProposalMerge;

/** The paragraph when it exists, is not agreed or ad ref, and holds only characters, else the refusal (`doing`: "accept it"). */
export function openText(doc: Y.Doc, paragraphId: string, doing: string): OpenText | Refusal {
  if (paragraphStatusOf(doc, paragraphId) === undefined) return refuse('conflict', 'that paragraph no longer exists');
  const locked = lockedRefusal(doc, paragraphId, doing);
  if (locked) return locked;
  const label = paragraphLabel(doc, paragraphId);
  const text = paragraphCharacters(doc, paragraphId);
  if (!text) return refuse('conflict', `${label} has no text`);
  const plain = characterString(text);
  // Word offsets are offsets into the characters only while nothing else stands among them.
  if (characters(text) !== plain) return refuse('invalid', `${label} holds something other than words: change it by editing`);
  return { text, plain, label };
}

/** How `proposal` enters a paragraph reading `current`: its own changes when written on that text, else the three-way merge. */
export function mergeProposal(current: string, proposal: Pick<ProposalSnapshot, 'basedOn' | 'text'>): ProposalMerge {
  if (proposal.basedOn === current) return { ok: true, current, text: proposal.text, changes: wordChanges(current, proposal.text) };
  const merge = mergeThreeWay(proposal.basedOn, current, proposal.text);
  return merge.ok ? { ok: true, current, text: merge.text, changes: merge.changes } : { ok: false, current, merge };
}

/** The clashes a facilitator must resolve to accept replacement `proposalId` now ([] when it merges cleanly or is no replacement). */
export function proposalClashes(doc: Y.Doc, proposalId: string): Clash[] {
  const map = getProposal(doc, proposalId);
  if (!map) return [];
  const proposal = readProposal(proposalId, map);
  if (proposal.kind !== ProposalKind.replaceText || proposal.paragraphId === null) return [];
  const text = paragraphCharacters(doc, proposal.paragraphId);
  if (!text) return [];
  const merged = mergeProposal(characterString(text), proposal);
  return merged.ok ? [] : merged.merge.clashes;
}

/** The stretches of `current` a merge touches: its changes and its clashes. */
export function touchedSpans(merge: ProposalMerge): { start: number; end: number }[] {
  if (merge.ok) return merge.changes.map((c) => ({ start: c.from, end: c.to }));
  return [...merge.merge.changes.map((c) => ({ start: c.from, end: c.to })), ...merge.merge.clashes.map((c) => c.current.span)];
}

/**
 * True when two touched stretches of `text` share words or touch: no word stands between them. That is
 * where the merge would join them into one region (as diff3 joins touching hunks), so a proposal that
 * meets an accepted one would clash with it.
 */
export function spansMeet(text: string, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  const [first, second] = a.start <= b.start ? [a, b] : [b, a];
  return !/[\p{L}\p{N}]/u.test(text.slice(first.end, second.start));
}
