/**
 * Footnote markers are written in text as superscript digits (¹ ² ³ ⁴ …, "¹²" for 12); a footnote stores
 * its marker as the plain ASCII digits ("12").
 */

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** A regular-expression character class matching one superscript digit. */
export const superscriptDigitClass = `[${superscripts}]`;

const runPattern = new RegExp(`${superscriptDigitClass}+`, 'gu');

/** The superscript form of `digits` ("12" → "¹²"); characters other than 0-9 are kept as they are. */
export function toSuperscript(digits: string): string {
  return digits.replace(/[0-9]/g, (digit) => superscripts[Number(digit)] ?? digit);
}

/** The ASCII digits of superscript digits in `s` ("¹²" → "12"); other characters are kept as they are. */
export function fromSuperscript(s: string): string {
  return Array.from(s, (char) => {
    const value = superscripts.indexOf(char);
    return value >= 0 ? String(value) : char;
  }).join('');
}

/** The markers (ASCII digits) of every run of superscript digits in `text`, in order ("a¹ b²³" → ["1", "23"]). */
export function superscriptMarkers(text: string): string[] {
  return Array.from(text.matchAll(runPattern), (match) => fromSuperscript(match[0]));
}

/** A piece of text: plain (marker null), or a run of superscript digits and the footnote marker it names (ASCII digits). */
export interface MarkerPiece {
  text: string;
  marker: string | null;
}

/** `text` split into plain pieces and runs of superscript digits, in order; joined, the pieces give `text` back. */
export function splitSuperscriptMarkers(text: string): MarkerPiece[] {
  const pieces: MarkerPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(runPattern)) {
    const index = match.index ?? 0;
    if (index > at) pieces.push({ text: text.slice(at, index), marker: null });
    pieces.push({ text: match[0], marker: fromSuperscript(match[0]) });
    at = index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marker: null });
  return pieces;
}
