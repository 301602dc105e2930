/**
 * What words typed raw into an editor (a paragraph's text, a proposal's words) may be: one line of printable
 * characters, no longer than the commands that write words take (insert-paragraph's and propose's `text`).
 * The propose command holds tabled words to the same characters (shared/commands/proposal-facts.ts).
 */

import { maxWordCharacters, unfitCharacter } from '../model/word-characters.ts';

/** The most characters a paragraph's text or a proposal's words may reach by typing: what the commands take. */
export const maxTypedCharacters = maxWordCharacters;

/**
 * Why typed `text` may not stand in a paragraph or a proposal, or null: it holds a line break (a paragraph is
 * one line) or a control character (an escape sequence in an export). One pass over the text.
 */
export function unfitTypedProblem(text: string): string | null {
  const found = unfitCharacter(text);
  if (!found) return null;
  return found.lineBreak
    ? `paragraph text may not hold a line break (${found.code}); a paragraph is one line`
    : `paragraph text may not hold a control character (${found.code})`;
}
