/**
 * Words as amendments count them, after Antragsgrün: a word ends at a space, a hyphen, a full stop or a
 * colon, and carries the run of such characters that follows it, so the tokens of a text join back to it
 * exactly and a diff never aligns two texts on a lone space.
 */

/** A word of a text with the characters it covers: `text === source.slice(start, end)`. */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

// Hyphen-minus, hyphen and non-breaking hyphen split a word ("well-being" is "well-" and "being"); dashes
// are read as words of their own because they stand between spaces.
const wordPattern = /[^\s.:\-\u2010\u2011]*[\s.:\-\u2010\u2011]+|[^\s.:\-\u2010\u2011]+/gu;

/** The words of `text` in order, each with its trailing separators; joining their texts gives `text` back. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const start = match.index;
    tokens.push({ text: match[0], start, end: start + match[0].length });
  }
  return tokens;
}

/** The character offset where token `index` starts (`text.length` past the last one). */
export function tokenOffset(tokens: readonly WordToken[], index: number, textLength: number): number {
  return index < tokens.length ? (tokens[index] as WordToken).start : textLength;
}
