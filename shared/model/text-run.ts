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

/** A stretch [from, to) of a plain text that carries marks: the formatting of a text kept beside it. */
export interface MarkSpan {
  from: number;
  to: number;
  /** Sorted, never empty. */
  marks: MarkName[];
}

/** The stretches of `runs` that carry marks, in reading order, as offsets in their plain text. */
export function markSpansOf(runs: readonly TextRun[]): MarkSpan[] {
  const spans: MarkSpan[] = [];
  let offset = 0;
  for (const run of normalizeRuns(runs)) {
    const end = offset + run.text.length;
    if (run.marks) spans.push({ from: offset, to: end, marks: [...run.marks] });
    offset = end;
  }
  return spans;
}

/** `text` as runs carrying the marks of `spans` (in reading order; a span past the text's end is cut at it). */
export function runsWithMarks(text: string, spans: readonly MarkSpan[]): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const { from, to, marks } of spans) {
    const start = Math.max(at, Math.min(from, text.length));
    const end = Math.max(start, Math.min(to, text.length));
    if (start > at) runs.push({ text: text.slice(at, start) });
    if (end > start) runs.push({ text: text.slice(start, end), marks: [...marks] });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return normalizeRuns(runs);
}

/** `runs` with the marks of each of `stretches` (in reading order, not overlapping) on [from, to) replaced by `marksFor(stretch, marks there now)`; the text is unchanged. */
export function remarkRuns<S extends { from: number; to: number }>(runs: readonly TextRun[], stretches: readonly S[], marksFor: (stretch: S, marks: readonly MarkName[]) => readonly MarkName[]): TextRun[] {
  const out: TextRun[] = [];
  let offset = 0;
  let next = 0;
  for (const run of runs) {
    const end = offset + run.text.length;
    for (let at = offset; at < end; ) {
      while (next < stretches.length && (stretches[next] as S).to <= at) next += 1;
      const stretch = stretches[next];
      const inside = stretch !== undefined && stretch.from <= at;
      const stop = Math.min(end, stretch === undefined ? end : inside ? stretch.to : stretch.from);
      const marks = inside ? marksFor(stretch, run.marks ?? []) : (run.marks ?? []);
      out.push({ text: run.text.slice(at - offset, stop - offset), ...(marks.length > 0 ? { marks: [...marks] } : {}) });
      at = stop;
    }
    offset = end;
  }
  return normalizeRuns(out);
}
