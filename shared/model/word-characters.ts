/**
 * What words in a paragraph or a proposal may be made of, the one rule for typing (judged by
 * shared/permissions/typed-words.ts) and for commands that table words (shared/commands/proposal-facts.ts):
 * one line of printable characters (tab allowed: a plain-text paste keeps it), at most 20,000 of them. The
 * command schema (shared/protocol/commands.ts) holds every other text a command writes to the same rule.
 */

/** The most characters a proposal's words, or a paragraph's text written by a command, may have. */
export const maxWordCharacters = 20_000;

// Controls (tab aside), line and paragraph separators, the noncharacters U+FFFE and U+FFFF, and a surrogate
// without its pair (in "u" mode only a lone one matches): none is text, and XML cannot hold the last three.
const unfitCharacters = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF\uFFFE\uFFFF]/u;
const lineBreaks = /[\r\n\u000b\u000c\u0085\u2028\u2029]/u;

/** The first character words may not hold, as "U+000A", and whether it breaks the line; null when there is none. One pass. */
export function unfitCharacter(text: string): { code: string; lineBreak: boolean } | null {
  const found = unfitCharacters.exec(text);
  if (!found) return null;
  const character = found[0];
  return { code: `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, lineBreak: lineBreaks.test(character) };
}

/** `text` as one line: each of its lines trimmed, the empty ones dropped, the rest joined by a space. */
export function oneLine(text: string): string {
  return text
    .split(/[\r\n\f\v]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
}
