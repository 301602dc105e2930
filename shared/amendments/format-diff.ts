/**
 * The word diff of a proposal's rich text against its paragraph's: word-diff.ts says which words are
 * inserted, deleted or kept; of the kept words, those whose marks differ read as `reformatted`, with the
 * marks the proposal adds and removes, so a proposal that only italicises a title still shows its change.
 * Words both reworded and reformatted stay inserted and deleted. Every piece carries the marks it reads
 * with, so a redline can draw them.
 */
import type { DecisionRecord, ReformattedStretch } from '../model/proposal.ts';
import { normalizeRuns, plainText, remarkRuns, runsWithMarks, type MarkName, type MarkSpan, type TextRun } from '../model/text-run.ts';
import { PieceKind, wordDiff, type DiffPiece } from './word-diff.ts';

/** A piece of a rich diff: its marks as it reads (the proposal's; the paragraph's for a deleted piece) and, when reformatted, the paragraph's (`was`). */
export interface RichPiece extends DiffPiece {
  marks: MarkName[];
  was?: MarkName[];
}

/** The marks a reformatting adds and removes, each sorted. */
export interface MarkChange {
  added: MarkName[];
  removed: MarkName[];
}

/** A stretch of unchanged words whose marks change: its text, where it starts and ends in the paragraph, and how. */
export interface Reformatting {
  text: string;
  from: number;
  to: number;
  change: MarkChange;
}

/** The rich word diff of `proposal` against `paragraph`: the pieces of wordDiff on their plain text, split where marks change on either side, kept words with other marks `reformatted` (never only whitespace). */
export function richWordDiff(paragraph: readonly TextRun[], proposal: readonly TextRun[]): RichPiece[] {
  const beforeRuns = normalizeRuns(paragraph);
  const afterRuns = normalizeRuns(proposal);
  const beforeAt = marksCursor(beforeRuns);
  const afterAt = marksCursor(afterRuns);
  const before = (start: number, limit: number) => limitedTo(beforeAt(start), limit);
  const after = (start: number, limit: number) => limitedTo(afterAt(start), limit);
  const afterPlain = plainText(afterRuns);
  const out: RichPiece[] = [];
  for (const piece of wordDiff(plainText(beforeRuns), afterPlain)) {
    const { kind } = piece;
    // Offsets of one side read on the other: equal words stand this far apart.
    const shift = piece.after.start - piece.before.start;
    const side = kind === PieceKind.inserted ? piece.after : piece.before;
    for (let start = side.start; start < side.end; ) {
      let end = side.end;
      let marks: readonly MarkName[];
      let was: readonly MarkName[] | undefined;
      if (kind === PieceKind.inserted) ({ end, marks } = after(start, end));
      else if (kind === PieceKind.deleted) ({ end, marks } = before(start, end));
      else {
        const old = before(start, end);
        const now = after(start + shift, end + shift);
        end = Math.min(old.end, now.end - shift);
        marks = now.marks;
        if (!sameMarks(old.marks, now.marks)) was = old.marks;
      }
      const text = kind === PieceKind.inserted ? afterPlain.slice(start, end) : piece.text.slice(start - side.start, end - side.start);
      const at = kind === PieceKind.inserted ? { before: piece.before, after: { start, end } } : { before: { start, end }, after: kind === PieceKind.deleted ? piece.after : { start: start + shift, end: end + shift } };
      out.push(...splitSpace({ kind: was ? PieceKind.reformatted : kind, text, ...at, marks: [...marks], ...(was ? { was: [...was] } : {}) }));
      start = end;
    }
  }
  return mergePieces(out);
}

/** What a reformatted piece's marks changed: those added and those removed (empty lists for any other piece). */
export function markChange(piece: Pick<RichPiece, 'marks' | 'was'>): MarkChange {
  const was = piece.was ?? piece.marks;
  return { added: piece.marks.filter((mark) => !was.includes(mark)), removed: was.filter((mark) => !piece.marks.includes(mark)) };
}

/** A change of marks in words, as a title and screen readers say it: "italic added", "italic added, bold removed". */
export function markChangeWords(change: MarkChange): string {
  return [...change.added.map((mark) => `${mark} added`), ...change.removed.map((mark) => `${mark} removed`)].join(', ');
}

/** The reformatted stretches of a rich diff in reading order; pieces that change the same marks and stand apart only by unchanged spaces read as one. */
export function reformattings(pieces: readonly RichPiece[]): Reformatting[] {
  const found: Reformatting[] = [];
  // After a reformatted piece: the spaces that follow it, until a piece that is not a space.
  let open = false;
  let gap = '';
  for (const piece of pieces) {
    const last = found[found.length - 1];
    if (piece.kind === PieceKind.reformatted) {
      const change = markChange(piece);
      if (open && last && sameChange(last.change, change)) {
        last.text += gap + piece.text;
        last.to = piece.before.end;
      } else found.push({ text: piece.text, from: piece.before.start, to: piece.before.end, change });
      open = true;
      gap = '';
    } else if (open && gap === '' && piece.kind === PieceKind.same && /^\s+$/u.test(piece.text)) gap = piece.text;
    else {
      open = false;
      gap = '';
    }
  }
  return found;
}

/**
 * The runs to compare a proposal written on `basedOn` with for formatting: the paragraph's `current` runs
 * while it still reads `basedOn`; else the text it was written on with its formatting (`baseMarks`); null
 * when that formatting was not kept (a proposal made before it was).
 */
export function formattingBase(basedOn: string, current: readonly TextRun[] | null | undefined, baseMarks: readonly MarkSpan[] | null = null): readonly TextRun[] | null {
  if (current && plainText(current) === basedOn) return current;
  return baseMarks ? runsWithMarks(basedOn, baseMarks) : null;
}

/**
 * The runs a decided proposal's redline compares with ("as proposed, against the text it was written on"):
 * that text with its formatting when kept (`baseMarks`). For a proposal made before it was kept: after an
 * acceptance that changed only formatting, while the paragraph still reads as the acceptance left it, its
 * runs with those changes taken back (the formatting before); otherwise formattingBase.
 */
export function decidedFormattingBase(decision: Pick<DecisionRecord, 'before' | 'after' | 'reformatted'> | null, basedOn: string, current: readonly TextRun[] | null | undefined, baseMarks: readonly MarkSpan[] | null = null): readonly TextRun[] | null {
  if (baseMarks) return runsWithMarks(basedOn, baseMarks);
  const stretches = decision?.reformatted ?? [];
  if (current && stretches.length > 0 && decision?.before === decision?.after && plainText(current) === decision?.after) return runsBeforeReformatting(current, stretches);
  return formattingBase(basedOn, current);
}

/** `runs` with each stretch's mark changes taken back on [from, to): the marks it added taken off, those it removed put back. */
export function runsBeforeReformatting(runs: readonly TextRun[], stretches: readonly ReformattedStretch[]): TextRun[] {
  const sorted = [...stretches].sort((a, b) => a.from - b.from);
  return remarkRuns(runs, sorted, (stretch, marks) => [...marks.filter((mark) => !stretch.added.includes(mark)), ...stretch.removed]);
}

/** A reader of normalized runs' marks at increasing offsets: the marks at `at` and where their run ends (Infinity past the last run). */
export function marksCursor(runs: readonly TextRun[]): (at: number) => { end: number; marks: readonly MarkName[] } {
  let index = 0;
  let start = 0;
  return (at) => {
    while (index < runs.length - 1 && start + (runs[index] as TextRun).text.length <= at) start += (runs[index++] as TextRun).text.length;
    const run = runs[index];
    const end = run ? start + run.text.length : 0;
    return { end: end > at ? end : Infinity, marks: run?.marks ?? [] };
  };
}

function limitedTo(read: { end: number; marks: readonly MarkName[] }, limit: number): { end: number; marks: readonly MarkName[] } {
  return { end: Math.min(limit, read.end), marks: read.marks };
}

/** True when two sorted mark lists are the same. */
export function sameMarks(a: readonly MarkName[], b: readonly MarkName[]): boolean {
  return a.length === b.length && a.every((mark, i) => mark === b[i]);
}

function sameChange(a: MarkChange, b: MarkChange): boolean {
  return sameMarks(a.added, b.added) && sameMarks(a.removed, b.removed);
}

/** How many whitespace characters `text` starts and ends with (all of them count as leading when it is only whitespace). */
export function spaceEnds(text: string): { lead: number; trail: number } {
  // Counted by hand: /\s*$/ is tried from every offset, quadratic on a long run of spaces before a word.
  let lead = 0;
  while (lead < text.length && /\s/u.test(text[lead] as string)) lead += 1;
  let trail = 0;
  while (trail < text.length - lead && /\s/u.test(text[text.length - 1 - trail] as string)) trail += 1;
  return { lead, trail };
}

// A reformatted piece's spaces at either end are unchanged words: marks on a space are not seen.
function splitSpace(piece: RichPiece): RichPiece[] {
  if (piece.kind !== PieceKind.reformatted) return [piece];
  const { lead, trail } = spaceEnds(piece.text);
  const cut = (from: number, to: number, kind: PieceKind): RichPiece => {
    const part: RichPiece = {
      kind,
      text: piece.text.slice(from, to),
      before: { start: piece.before.start + from, end: piece.before.start + to },
      after: { start: piece.after.start + from, end: piece.after.start + to },
      marks: piece.marks,
    };
    return kind === PieceKind.reformatted ? { ...part, was: piece.was ?? [] } : part;
  };
  const length = piece.text.length;
  if (lead === length) return [cut(0, length, PieceKind.same)];
  return [cut(0, lead, PieceKind.same), cut(lead, length - trail, PieceKind.reformatted), cut(length - trail, length, PieceKind.same)].filter((part) => part.text !== '');
}

function mergePieces(pieces: readonly RichPiece[]): RichPiece[] {
  const merged: RichPiece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.kind === piece.kind && sameMarks(last.marks, piece.marks) && sameMarks(last.was ?? [], piece.was ?? [])) {
      last.text += piece.text;
      last.before = { start: last.before.start, end: piece.before.end };
      last.after = { start: last.after.start, end: piece.after.end };
    } else merged.push({ ...piece, before: { ...piece.before }, after: { ...piece.after } });
  }
  return merged;
}
