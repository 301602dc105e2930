/**
 * Paragraph numbers are derived from order, never stored: paragraphs of the last issued revision are
 * numbered 1..n; a paragraph added since then takes the number before it with bis, ter, quater...
 */
import { ParagraphKind } from './model/paragraph.ts';

/** Latin ordinal suffixes used for paragraphs inserted between two numbered ones. */
export const latinSuffixes = [
  'bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies',
  'undecies', 'duodecies', 'terdecies', 'quaterdecies', 'quindecies', 'sexdecies', 'septdecies',
  'octodecies', 'novodecies', 'vicies',
] as const;

/** What numbering needs to know of a paragraph. */
export interface NumberingInput {
  kind: ParagraphKind;
  addedInRound: number;
}

/** The suffix for the n-th paragraph inserted after one numbered paragraph (1 → "bis"); falls back to "(n+1)". */
export function latinSuffix(n: number): string {
  return latinSuffixes[n - 1] ?? `(${n + 1})`;
}

/**
 * Numbers for paragraphs in order: null for headings; consecutive integers for paragraphs already in
 * revision `round`; "N bis", "N ter"... for paragraphs added since (N is the paragraph before, 0 at the start).
 */
export function numberParagraphs(paragraphs: readonly NumberingInput[], round: number): (string | null)[] {
  let base = 0;
  let insertedSinceBase = 0;
  return paragraphs.map((paragraph) => {
    if (paragraph.kind === ParagraphKind.heading) return null;
    if (paragraph.addedInRound <= round) {
      base += 1;
      insertedSinceBase = 0;
      return String(base);
    }
    insertedSinceBase += 1;
    return `${base} ${latinSuffix(insertedSinceBase)}`;
  });
}
