/**
 * Small readings of a paragraph's brackets for the controls: quoting words, the bracket a selection or
 * caret stands in, a selection trimmed to its words, and what the other brackets are called in a list.
 */
import type { BracketSnapshot } from '../../../shared/brackets/bracket-snapshot.ts';
import { holdersText } from '../../../shared/brackets/bracket-text.ts';

/** Words as the controls quote them: “safe, orderly” (cut to 40 characters), or “(no words)”. */
export function quote(words: string): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(no words)';
  return `“${flat.length > 40 ? `${flat.slice(0, 39)}…` : flat}”`;
}

/** A bracket as one line of a list: “words” (EU, G77 delete), with its alternative number. */
export function bracketLabel(bracket: BracketSnapshot): string {
  const alt = bracket.alternative === null ? '' : `Alt ${bracket.alternative}: `;
  return `${alt}${quote(bracket.text)} (${holdersText(bracket.holders)})`;
}

/** The innermost bracket holding the characters [from, to) (a caret when from === to), or null. */
export function bracketAt(brackets: readonly BracketSnapshot[], from: number, to: number): BracketSnapshot | null {
  let found: BracketSnapshot | null = null;
  for (const b of brackets) {
    const holds = from === to ? b.span.start < from && from < b.span.end : b.span.start <= from && to <= b.span.end;
    if (holds && (!found || b.depth > found.depth)) found = b;
  }
  return found;
}

/** [from, to) of `plain` without the spaces at either edge; null when nothing but spaces is left. */
export function trimRange(plain: string, from: number, to: number): { from: number; to: number } | null {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(plain[a] ?? '')) a += 1;
  while (b > a && /\s/.test(plain[b - 1] ?? '')) b -= 1;
  return a < b ? { from: a, to: b } : null;
}
