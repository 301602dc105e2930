/**
 * A change list applied to rich text held as runs (plain data), by the rule applyTextChanges follows on a
 * Y.XmlText: untouched words keep their marks, inserted words take the marks of the first word they
 * replace, else of the character before them (the one after at the start). A proposal written as plain
 * words starts from the paragraph's runs this way, so its untouched words keep their italics.
 */
import { normalizeRuns, plainText, type MarkName, type TextRun } from '../model/text-run.ts';
import { changesProblem, type TextChange } from './text-change.ts';

/** `runs` with `changes` (offsets in their plain text, in reading order, not overlapping) applied; throws when they do not fit. */
export function applyChangesToRuns(runs: readonly TextRun[], changes: readonly TextChange[]): TextRun[] {
  const length = plainText(runs).length;
  const problem = changesProblem(changes, length);
  if (problem) throw new Error(`the changes do not fit the text: ${problem}`);
  const out: TextRun[] = [];
  let at = 0;
  for (const { from, to, insert } of changes) {
    out.push(...sliceRuns(runs, at, from));
    if (insert !== '') out.push(withMarks(insert, marksAt(runs, from < to ? from : from > 0 ? from - 1 : from)));
    at = to;
  }
  out.push(...sliceRuns(runs, at, length));
  return normalizeRuns(out);
}

/** The runs' characters [from, to), each piece with its run's marks. */
export function sliceRuns(runs: readonly TextRun[], from: number, to: number): TextRun[] {
  const out: TextRun[] = [];
  let start = 0;
  for (const run of runs) {
    const end = start + run.text.length;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a < b) out.push(withMarks(run.text.slice(a - start, b - start), run.marks ?? []));
    start = end;
  }
  return out;
}

function marksAt(runs: readonly TextRun[], index: number): readonly MarkName[] {
  let start = 0;
  for (const run of runs) {
    start += run.text.length;
    if (index < start) return run.marks ?? [];
  }
  return runs[runs.length - 1]?.marks ?? [];
}

function withMarks(text: string, marks: readonly MarkName[]): TextRun {
  return marks.length > 0 ? { text, marks: [...marks] } : { text };
}
