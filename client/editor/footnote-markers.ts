/**
 * Footnote markers are written in paragraph text as superscript digits (¹ ² ³ …), as in the documents
 * delegations receive (shared/superscript.ts reads them). The page renders each run of them as a link to
 * its footnote.
 */

/** The element id of footnote `marker` in the footnote list. */
export function footnoteElementId(marker: string): string {
  return `fn-${marker}`;
}

/** The attributes every footnote reference carries, in the editor and in static text alike. */
export function footnoteLinkAttributes(marker: string): { class: string; href: string; 'data-footnote': string } {
  return { class: 'fn-ref', href: `#${footnoteElementId(marker)}`, 'data-footnote': marker };
}
