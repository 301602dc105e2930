/**
 * How a stretch of text begins and ends: what tells a page-break continuation, a heading and a finished
 * paragraph apart.
 */
import { fromSuperscript } from '../superscript.ts';
import { endsWithSource } from './source-annotation.ts';

// What may stand after a sentence's final stop: closing quotes and brackets, markup.
const closers = new Set(['"', "'", '”', '’', '»', ')', ']', '*', '_']);

/** True when the text ends a sentence or a clause list (. ; : ! ? …) or with a source annotation. */
export function isFinished(text: string): boolean {
  if (endsWithSource(text)) return true;
  return /[.;:!?…]$/.test(withoutTrailing(text, (char) => closers.has(char) || isMarkerOrSpace(char)));
}

/** True when the text's last character, before any footnote marker, is one that ends a clause (. ; , :). */
export function endsWithClauseStop(text: string): boolean {
  return /[.;,:]$/.test(withoutTrailing(text, isMarkerOrSpace));
}

/** True when the text begins with a lowercase letter, as the second half of a paragraph split by a page break does. */
export function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function isMarkerOrSpace(char: string): boolean {
  return /\s/.test(char) || fromSuperscript(char) !== char;
}

// A loop, not a `(...)+$` regular expression: those take quadratic time on long runs of spaces.
function withoutTrailing(text: string, strip: (char: string) => boolean): string {
  let end = text.length;
  while (end > 0 && strip(text.charAt(end - 1))) end -= 1;
  return text.slice(0, end);
}
