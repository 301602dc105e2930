/**
 * Footnote markers are written in paragraph text as superscript digits (¹ ² ³ …), as in the documents
 * delegations receive. The page renders each run of them as a link to its footnote.
 */

const superscriptDigits: Readonly<Record<string, string>> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9',
};

/** A piece of text: plain (marker null) or a run of superscript digits naming footnote `marker`. */
export interface TextPiece {
  text: string;
  marker: string | null;
}

/** Splits text into plain pieces and footnote-marker pieces, in order; joining the pieces gives the text back. */
export function splitFootnoteMarkers(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g)) {
    const index = match.index ?? 0;
    if (index > at) pieces.push({ text: text.slice(at, index), marker: null });
    pieces.push({ text: match[0], marker: markerOf(match[0]) });
    at = index + match[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marker: null });
  return pieces;
}

/** The plain digits of a superscript marker ("¹²" → "12"). */
export function markerOf(superscript: string): string {
  return Array.from(superscript, (char) => superscriptDigits[char] ?? '').join('');
}

/** The superscript form of a plain marker ("12" → "¹²"); other characters are kept. */
export function superscriptOf(marker: string): string {
  const plain = Object.fromEntries(Object.entries(superscriptDigits).map(([sup, digit]) => [digit, sup]));
  return Array.from(marker, (char) => plain[char] ?? char).join('');
}

/** The element id of footnote `marker` in the footnote list. */
export function footnoteElementId(marker: string): string {
  return `fn-${marker}`;
}

/** The attributes every footnote reference carries, in the editor and in static text alike. */
export function footnoteLinkAttributes(marker: string): { class: string; href: string; 'data-footnote': string } {
  return { class: 'fn-ref', href: `#${footnoteElementId(marker)}`, 'data-footnote': marker };
}
