/**
 * The conventional plain-text inline markup of negotiated texts: `*italic*` and `**bold**`.
 * Parsing and formatting are inverse for any runs the formatter writes.
 */
import { normalizeRuns, type MarkName, type TextRun } from './text-run.ts';

const markupPattern = /\*\*(?=\S)([^*]+?)(?<=\S)\*\*|\*(?=\S)([^*]+?)(?<=\S)\*/g;

/** Reads `*italic*` and `**bold**` into runs; an unmatched asterisk stays as text. */
export function parseInlineMarkup(source: string): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const match of source.matchAll(markupPattern)) {
    const index = match.index ?? 0;
    if (index > at) runs.push({ text: source.slice(at, index) });
    if (match[1] !== undefined) runs.push({ text: match[1], marks: ['bold'] });
    else runs.push({ text: match[2] ?? '', marks: ['italic'] });
    at = index + match[0].length;
  }
  if (at < source.length) runs.push({ text: source.slice(at) });
  return normalizeRuns(runs);
}

/** Writes runs as `*italic*` / `**bold**` markup, keeping whitespace outside the markers. */
export function formatInlineMarkup(runs: readonly TextRun[]): string {
  return normalizeRuns(runs)
    .map((run) => wrap(run.text, run.marks ?? []))
    .join('');
}

function wrap(text: string, marks: readonly MarkName[]): string {
  if (marks.length === 0) return text;
  const leading = /^\s*/.exec(text)?.[0] ?? '';
  const trailing = /\s*$/.exec(text.slice(leading.length))?.[0] ?? '';
  const core = text.slice(leading.length, text.length - trailing.length);
  if (core === '') return text;
  let wrapped = core;
  if (marks.includes('italic')) wrapped = `*${wrapped}*`;
  if (marks.includes('bold')) wrapped = `**${wrapped}**`;
  return leading + wrapped + trailing;
}
