/**
 * A proposal's formatting on the paragraph as it reads now. A replacement starts as a copy of the paragraph,
 * formatting included; the paragraph may be formatted otherwise afterwards (a facilitator italicises a
 * title). Compared with the paragraph as it reads now, the copy would seem to take that formatting back. So a
 * proposal keeps the formatting of the text it was written on (`baseMarks`), and what it changes is read
 * three ways: on each word that the proposal and the paragraph both still have from that text, the marks the
 * proposal added or removed there are applied to the paragraph's marks now; every other word keeps the marks
 * the proposal gives it. A proposal made before the base formatting was kept (`baseMarks` null) reads as it
 * is, against the paragraph now.
 */
import { normalizeRuns, plainText, remarkRuns, runsWithMarks, type MarkName, type MarkSpan, type TextRun } from '../model/text-run.ts';
import { marksCursor, sameMarks } from './format-diff.ts';
import { PieceKind, wordDiff } from './word-diff.ts';

/** A stretch of a base text another text keeps unchanged: characters [from, to) of the base stand `shift` further on in it. */
export interface KeptSpan {
  from: number;
  to: number;
  shift: number;
}

/** A stretch [from, to) of a base text two other texts both keep, with how far on it stands in each. */
export interface SharedSpan {
  from: number;
  to: number;
  toProposal: number;
  toNow: number;
}

/** The stretches of `basedOn` that `text` keeps, in reading order (the same pieces of their word diff). */
export function keptSpans(basedOn: string, text: string): KeptSpan[] {
  if (text === basedOn) return basedOn === '' ? [] : [{ from: 0, to: basedOn.length, shift: 0 }];
  return wordDiff(basedOn, text)
    .filter((piece) => piece.kind === PieceKind.same && piece.before.end > piece.before.start)
    .map(({ before, after }) => ({ from: before.start, to: before.end, shift: after.start - before.start }));
}

/** The stretches of the base that both the proposal (`kept`) and the paragraph now (`standing`) keep, in reading order. */
export function sharedSpans(kept: readonly KeptSpan[], standing: readonly KeptSpan[]): SharedSpan[] {
  const out: SharedSpan[] = [];
  for (let i = 0, j = 0; i < kept.length && j < standing.length; ) {
    const a = kept[i] as KeptSpan;
    const b = standing[j] as KeptSpan;
    const from = Math.max(a.from, b.from);
    const to = Math.min(a.to, b.to);
    if (from < to) out.push({ from, to, toProposal: a.shift, toNow: b.shift });
    if (a.to <= b.to) i++;
    else j++;
  }
  return out;
}

/**
 * The proposal's runs as accepting it now would format them: on words kept from `basedOn` by both the
 * proposal and `current`, the paragraph's marks with the proposal's own mark changes (against `baseMarks`)
 * applied; elsewhere the proposal's marks. The text is the proposal's. Unchanged when `baseMarks` or
 * `current` is null.
 */
export function rebasedRuns(proposal: readonly TextRun[], basedOn: string, baseMarks: readonly MarkSpan[] | null, current: readonly TextRun[] | null): TextRun[] {
  const proposalRuns = normalizeRuns(proposal);
  if (!baseMarks || !current) return proposalRuns;
  const nowRuns = normalizeRuns(current);
  const text = plainText(proposalRuns);
  const shared = sharedSpans(keptSpans(basedOn, text), keptSpans(basedOn, plainText(nowRuns)));
  const proposed = marksCursor(proposalRuns);
  const now = marksCursor(nowRuns);
  const base = marksCursor(runsWithMarks(basedOn, baseMarks));
  // Marks for stretches of the proposal's text, in reading order: the only places its runs change.
  const set: { from: number; to: number; marks: MarkName[] }[] = [];
  for (const { from, to, toProposal, toNow } of shared) {
    for (let start = from; start < to; ) {
      const mine = proposed(start + toProposal);
      const theirs = now(start + toNow);
      const was = base(start);
      const end = Math.min(to, mine.end - toProposal, theirs.end - toNow, was.end);
      const marks = threeWayMarks(was.marks, mine.marks, theirs.marks);
      if (!sameMarks(marks, mine.marks)) set.push({ from: start + toProposal, to: end + toProposal, marks });
      start = end;
    }
  }
  return set.length === 0 ? proposalRuns : remarkRuns(proposalRuns, set, (stretch) => stretch.marks);
}

/** The marks `now` carries with the change from `base` to `proposed` applied: what the proposal added, less what it removed. */
export function threeWayMarks(base: readonly MarkName[], proposed: readonly MarkName[], now: readonly MarkName[]): MarkName[] {
  const added = proposed.filter((mark) => !base.includes(mark));
  const removed = base.filter((mark) => !proposed.includes(mark));
  return [...new Set([...now, ...added])].filter((mark) => !removed.includes(mark)).sort();
}
