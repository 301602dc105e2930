/**
 * The word diff of a proposal against a paragraph: which words both share, which the proposal inserts and
 * which it deletes, with their offsets in both texts. Words are Antragsgrün's (word-tokens.ts); the longest
 * common subsequence is node-diff3's, run on token arrays (never strings, which it would split on spaces).
 * Where that would cost too much (a long paragraph), jsdiff's Myers diff aligns the words instead, within a
 * bounded number of edits.
 */
import { diffArrays } from 'diff';
import { diffIndices } from 'node-diff3';
import type { TextChange } from './text-change.ts';
import { tokenOffset, wordTokens, type WordToken } from './word-tokens.ts';

/** What a piece of a word diff is; `reformatted` (the same words, other marks) only in a rich diff (format-diff.ts). */
export const PieceKind = { same: 'same', inserted: 'inserted', deleted: 'deleted', reformatted: 'reformatted' } as const;

/** One of the values of PieceKind. */
export type PieceKind = (typeof PieceKind)[keyof typeof PieceKind];

/** Characters [start, end) of a text. */
export interface Span {
  start: number;
  end: number;
}

/** A piece of a diff: its text, and where it stands in the paragraph (`before`) and the proposal (`after`); empty on the side that lacks it. */
export interface DiffPiece {
  kind: PieceKind;
  text: string;
  before: Span;
  after: Span;
}

// node-diff3's LCS costs about the number of pairs of equal words across the two lists (a paragraph of
// real prose up to a few hundred words: a few thousand). Past this budget (a long paragraph: "the" alone
// pairs quadratically) Myers' diff takes over: it costs about the words times the edits it tries, so the
// edits it may try shrink as the words grow. Past those too (a long text of a few words shuffled, written
// to stall every page that draws its redline) the differing middle reads as replaced whole: still exact,
// never slow.
const maxMatchingPairs = 20_000;
const myersBudget = 600_000;
const maxMyersEdits = 500;

function matchingPairs(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const word of b) counts.set(word, (counts.get(word) ?? 0) + 1);
  let pairs = 0;
  for (const word of a) pairs += counts.get(word) ?? 0;
  return pairs;
}

/** A stretch where two token lists differ: tokens [aStart, aEnd) of the first stand where [bStart, bEnd) of the second do. */
export interface TokenHunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** The stretches where token lists `a` and `b` differ, in order; the shared head and tail are cut first, and a middle too costly to align is one stretch. */
export function tokenHunks(a: readonly string[], b: readonly string[]): TokenHunk[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  if (middleA.length === 0 && middleB.length === 0) return [];
  const whole = [{ aStart: head, aEnd: head + middleA.length, bStart: head, bEnd: head + middleB.length }];
  if (middleA.length === 0 || middleB.length === 0) return whole;
  if (matchingPairs(middleA, middleB) > maxMatchingPairs) return myersHunks(middleA, middleB, head) ?? whole;
  return diffIndices(middleA, middleB).map((hunk) => ({
    aStart: head + hunk.buffer1[0],
    aEnd: head + hunk.buffer1[0] + hunk.buffer1[1],
    bStart: head + hunk.buffer2[0],
    bEnd: head + hunk.buffer2[0] + hunk.buffer2[1],
  }));
}

/** The stretches where `a` and `b` differ by Myers' diff, offset by `head`; null when they differ by more edits than the budget allows. */
function myersHunks(a: readonly string[], b: readonly string[], head: number): TokenHunk[] | null {
  const maxEditLength = Math.min(maxMyersEdits, Math.floor(myersBudget / (a.length + b.length)));
  const changes = diffArrays(a as string[], b as string[], { maxEditLength });
  if (!changes) return null;
  const hunks: TokenHunk[] = [];
  let aAt = head;
  let bAt = head;
  let open: TokenHunk | null = null;
  for (const change of changes) {
    const count = change.value.length;
    if (!change.added && !change.removed) {
      if (open) hunks.push(open);
      open = null;
      aAt += count;
      bAt += count;
      continue;
    }
    open ??= { aStart: aAt, aEnd: aAt, bStart: bAt, bEnd: bAt };
    if (change.removed) open.aEnd = aAt += count;
    else open.bEnd = bAt += count;
  }
  if (open) hunks.push(open);
  return hunks;
}

/** The change turning tokens [aStart, aEnd) of `a` into [bStart, bEnd) of `b`, narrowed as narrowChange does. */
export function hunkChange(a: string, aTokens: readonly WordToken[], b: string, bTokens: readonly WordToken[], hunk: TokenHunk): TextChange {
  const insert = b.slice(tokenOffset(bTokens, hunk.bStart, b.length), tokenOffset(bTokens, hunk.bEnd, b.length));
  return narrowChange(a, { from: tokenOffset(aTokens, hunk.aStart, a.length), to: tokenOffset(aTokens, hunk.aEnd, a.length), insert });
}

/**
 * `change` on `text` without the characters the replaced and the inserted words share at their edges, cut
 * only where both sides have a word boundary, so a change never splits a word: "safe, " → "secure, " changes
 * "safe" and leaves ", " (and their Yjs items) alone; "disasters " → "disasters, slow-onset events " inserts
 * ", slow-onset events" after the word.
 */
export function narrowChange(text: string, change: TextChange): TextChange {
  const { lead, trail } = sharedEdges(text.slice(change.from, change.to), change.insert);
  return { from: change.from + lead, to: change.to - trail, insert: change.insert.slice(lead, change.insert.length - trail) };
}

/** The changes turning `paragraph` into `proposal`, word by word, with offsets in `paragraph`. */
export function wordChanges(paragraph: string, proposal: string): TextChange[] {
  return diffHunks(paragraph, proposal).map(({ change }) => change);
}

/** The word diff of `proposal` against `paragraph`: joining the pieces not inserted gives `paragraph`, those not deleted `proposal`. */
export function wordDiff(paragraph: string, proposal: string): DiffPiece[] {
  const pieces: DiffPiece[] = [];
  const push = (kind: PieceKind, before: Span, after: Span) => {
    const text = kind === PieceKind.inserted ? proposal.slice(after.start, after.end) : paragraph.slice(before.start, before.end);
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last && last.kind === kind) {
      last.text += text;
      last.before.end = before.end;
      last.after.end = after.end;
    } else pieces.push({ kind, text, before: { ...before }, after: { ...after } });
  };
  let at = { before: 0, after: 0 };
  const same = (before: number, after: number) => push(PieceKind.same, { start: at.before, end: before }, { start: at.after, end: after });
  for (const { change, afterFrom } of diffHunks(paragraph, proposal)) {
    same(change.from, afterFrom);
    const afterTo = afterFrom + change.insert.length;
    push(PieceKind.deleted, { start: change.from, end: change.to }, { start: afterFrom, end: afterFrom });
    push(PieceKind.inserted, { start: change.to, end: change.to }, { start: afterFrom, end: afterTo });
    at = { before: change.to, after: afterTo };
  }
  same(paragraph.length, proposal.length);
  return pieces;
}

/** The text of a diff on one side: 'before' drops insertions (the paragraph), 'after' drops deletions (the proposal); reformatted words stand on both. */
export function diffSide(pieces: readonly Pick<DiffPiece, 'kind' | 'text'>[], side: 'before' | 'after'): string {
  const dropped = side === 'before' ? PieceKind.inserted : PieceKind.deleted;
  return pieces.filter((piece) => piece.kind !== dropped).map((piece) => piece.text).join('');
}

function diffHunks(a: string, b: string): { change: TextChange; afterFrom: number }[] {
  const aTokens = wordTokens(a);
  const bTokens = wordTokens(b);
  return tokenHunks(aTokens.map((t) => t.text), bTokens.map((t) => t.text)).map((hunk) => {
    const change = hunkChange(a, aTokens, b, bTokens, hunk);
    const lead = change.from - tokenOffset(aTokens, hunk.aStart, a.length);
    return { change, afterFrom: tokenOffset(bTokens, hunk.bStart, b.length) + lead };
  });
}

// A letter, digit or apostrophe (inside "other’s"); whitespace; anything else. A boundary is where two differ.
function charClass(ch: string | undefined): number {
  if (ch === undefined) return -1;
  if (/[\p{L}\p{N}\p{M}'’]/u.test(ch)) return 0;
  return /\s/u.test(ch) ? 1 : 2;
}

function isBoundary(s: string, at: number): boolean {
  return at === 0 || at === s.length || charClass(s[at - 1]) !== charClass(s[at]);
}

// How many characters both sides share at their start and at their end, each cut back to a boundary in both.
function sharedEdges(a: string, b: string): { lead: number; trail: number } {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  let lead = common;
  while (lead > 0 && !(isBoundary(a, lead) && isBoundary(b, lead))) lead -= 1;
  const room = Math.min(a.length, b.length) - lead;
  common = 0;
  while (common < room && a[a.length - 1 - common] === b[b.length - 1 - common]) common += 1;
  let trail = common;
  while (trail > 0 && !(isBoundary(a, a.length - trail) && isBoundary(b, b.length - trail))) trail -= 1;
  return { lead, trail };
}
