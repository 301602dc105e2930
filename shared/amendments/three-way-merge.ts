/**
 * The three-way merge of a proposal written against an older text: its base (the text it was written
 * against), the paragraph's current text and the proposal, word by word. Where only the proposal changed
 * words, the change applies to the current text; where only the current text changed, it stays; where both
 * changed the same words (or words touching each other) differently, the three versions are a clash for a
 * facilitator to resolve. Changes come with offsets in the current text and apply one by one, so the words
 * between them keep their Yjs items and their brackets.
 */
import { applyToString, type TextChange } from './text-change.ts';
import { hunkChange, narrowChange, tokenHunks, type Span } from './word-diff.ts';
import { wordTokens, tokenOffset, type WordToken } from './word-tokens.ts';

/** One version of clashing words: where they stand in their text, and the words. */
export interface ClashSide {
  span: Span;
  text: string;
}

/** Words the current text and the proposal changed differently since the base, with all three versions. */
export interface Clash {
  base: ClashSide;
  current: ClashSide;
  proposal: ClashSide;
}

/** A merge that applies: the merged text, and the changes that turn the current text into it. */
export interface CleanMerge {
  ok: true;
  text: string;
  changes: TextChange[];
}

/** A merge that clashes: the clashes, and the changes that merge cleanly around them (offsets in the current text). */
export interface ClashingMerge {
  ok: false;
  clashes: Clash[];
  changes: TextChange[];
}

/** What mergeThreeWay answers. */
export type MergeResult = CleanMerge | ClashingMerge;

/** How a facilitator resolves one clash: keep the current words, take the proposal's, or write new words. */
export type ClashChoice = 'current' | 'proposal' | { text: string };

interface Hunk {
  side: 'current' | 'proposal';
  oStart: number;
  oEnd: number;
  xStart: number;
  xEnd: number;
}

interface Tokens {
  text: string;
  tokens: WordToken[];
  words: string[];
}

/** Merges `proposal` (written against `base`) into `current` word by word: the merged text and its changes, or the clashes. */
export function mergeThreeWay(base: string, current: string, proposal: string): MergeResult {
  const o = tokensOf(base);
  const a = tokensOf(current);
  const b = tokensOf(proposal);
  const hunks: Hunk[] = [
    ...tokenHunks(o.words, a.words).map((h) => ({ side: 'current' as const, oStart: h.aStart, oEnd: h.aEnd, xStart: h.bStart, xEnd: h.bEnd })),
    ...tokenHunks(o.words, b.words).map((h) => ({ side: 'proposal' as const, oStart: h.aStart, oEnd: h.aEnd, xStart: h.bStart, xEnd: h.bEnd })),
  ].sort((x, y) => x.oStart - y.oStart);
  const changes: TextChange[] = [];
  const clashes: Clash[] = [];
  const shift = { current: 0, proposal: 0 };
  let next = 0;
  while (next < hunks.length) {
    const first = hunks[next] as Hunk;
    const region = { start: first.oStart, end: first.oEnd };
    let last = next + 1;
    // Touching hunks join one region, as diff3 does: an insertion next to changed words is read with them.
    while (last < hunks.length && (hunks[last] as Hunk).oStart <= region.end) region.end = Math.max(region.end, (hunks[last++] as Hunk).oEnd);
    const members = hunks.slice(next, last);
    next = last;
    const cur = sideRange(members, 'current', region, shift);
    const prop = sideRange(members, 'proposal', region, shift);
    if (!members.some((h) => h.side === 'proposal')) continue;
    if (!members.some((h) => h.side === 'current')) {
      changes.push(hunkChange(current, a.tokens, proposal, b.tokens, { aStart: cur.start, aEnd: cur.end, bStart: prop.start, bEnd: prop.end }));
      continue;
    }
    const curWords = a.words.slice(cur.start, cur.end).join('');
    const propWords = b.words.slice(prop.start, prop.end).join('');
    if (curWords === propWords) continue;
    clashes.push({ base: sideOf(o, region), current: sideOf(a, cur), proposal: sideOf(b, prop) });
  }
  if (clashes.length > 0) return { ok: false, clashes, changes };
  return { ok: true, text: applyToString(current, changes), changes };
}

/** The clean merge once the facilitator has chosen for every clash (`choices[i]` for `clashes[i]`) on the same `current` text. */
export function resolveClashes(current: string, merge: ClashingMerge, choices: readonly ClashChoice[]): CleanMerge {
  if (choices.length !== merge.clashes.length) throw new Error(`${merge.clashes.length} clashes need as many choices, not ${choices.length}`);
  const chosen = merge.clashes.flatMap((clash, i) => {
    const choice = choices[i] as ClashChoice;
    if (choice === 'current') return [];
    const insert = choice === 'proposal' ? clash.proposal.text : ownWords(choice.text, clash.current.text || clash.proposal.text);
    const change = narrowChange(current, { from: clash.current.span.start, to: clash.current.span.end, insert });
    return change.from === change.to && change.insert === '' ? [] : [change];
  });
  const changes = [...merge.changes, ...chosen].sort((x, y) => x.from - y.from || x.to - y.to);
  return { ok: true, text: applyToString(current, changes), changes };
}

// A clash's words run up to the next word, so they end in the space before it: words a facilitator writes
// take the place of the clashing ones with that space after them (unless they bring their own or are empty),
// so they never glue to the next word. Where the current text has no words there, the proposal's tell.
function ownWords(text: string, replaced: string): string {
  const space = /\s+$/.exec(replaced)?.[0] ?? '';
  return text === '' || /\s$/.test(text) ? text : text + space;
}

function tokensOf(text: string): Tokens {
  const tokens = wordTokens(text);
  return { text, tokens, words: tokens.map((t) => t.text) };
}

// The tokens of one side that stand where base tokens [region.start, region.end) stood. Outside its own
// hunks a side runs parallel to the base, offset by what its earlier hunks added or removed.
function sideRange(members: readonly Hunk[], side: Hunk['side'], region: Span, shift: Record<Hunk['side'], number>): Span {
  const own = members.filter((h) => h.side === side);
  const range =
    own.length === 0
      ? { start: region.start + shift[side], end: region.end + shift[side] }
      : {
          start: Math.min(...own.map((h) => h.xStart)) + (region.start - Math.min(...own.map((h) => h.oStart))),
          end: Math.max(...own.map((h) => h.xEnd)) + (region.end - Math.max(...own.map((h) => h.oEnd))),
        };
  shift[side] = range.end - region.end;
  return range;
}

function sideOf(side: Tokens, range: Span): ClashSide {
  const start = tokenOffset(side.tokens, range.start, side.text.length);
  const end = tokenOffset(side.tokens, range.end, side.text.length);
  return { span: { start, end }, text: side.text.slice(start, end) };
}
