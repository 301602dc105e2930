/**
 * Rich text as plain data: a paragraph's text is a list of runs, each with the marks it carries.
 * The editor schema (shared/model/editor-schema.ts) has exactly these marks.
 */

/** The inline marks paragraph text may carry. */
export const MarkName = { italic: 'italic', bold: 'bold' } as const;

/** One of the values of MarkName. */
export type MarkName = (typeof MarkName)[keyof typeof MarkName];

/** A stretch of text with one set of marks; `marks` is absent or sorted when present. */
export interface TextRun {
  text: string;
  marks?: MarkName[];
}

/** The runs' text without marks. */
export function plainText(runs: readonly TextRun[]): string {
  return runs.map((run) => run.text).join('');
}

/** True when two runs carry the same set of marks. */
export function sameMarks(a: TextRun, b: TextRun): boolean {
  const left = a.marks ?? [];
  const right = b.marks ?? [];
  return left.length === right.length && left.every((mark, i) => mark === right[i]);
}

/** Merges neighbouring runs with the same marks and drops empty runs; the text is unchanged. */
export function normalizeRuns(runs: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const marks = run.marks && run.marks.length > 0 ? [...new Set(run.marks)].sort() : undefined;
    const clean: TextRun = marks ? { text: run.text, marks } : { text: run.text };
    const last = out[out.length - 1];
    if (last && sameMarks(last, clean)) last.text += clean.text;
    else out.push(clean);
  }
  return out;
}
