/**
 * How a stretch of text begins and ends: what tells a page-break continuation, a heading and a finished
 * paragraph apart.
 */
import { superscriptDigitClass } from '../superscript.ts';
import { endsWithSource } from './source-annotation.ts';

// What may stand after a sentence's final stop: closing quotes and brackets, markup, footnote markers.
const trailingClosers = new RegExp(`(?:[\\s"'”’»)\\]*_]|${superscriptDigitClass})+$`, 'u');
const trailingMarkers = new RegExp(`(?:\\s|${superscriptDigitClass})+$`, 'u');

/** True when the text ends a sentence or a clause list (. ; : ! ? …) or with a source annotation. */
export function isFinished(text: string): boolean {
  if (endsWithSource(text)) return true;
  return /[.;:!?…]$/.test(text.replace(trailingClosers, ''));
}

/** True when the text's last character, before any footnote marker, is one that ends a clause (. ; , :). */
export function endsWithClauseStop(text: string): boolean {
  return /[.;,:]$/.test(text.replace(trailingMarkers, ''));
}

/** True when the text begins with a lowercase letter, as the second half of a paragraph split by a page break does. */
export function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}
