/**
 * A bracket as plain data, as readers receive it: the HTTP API, the page, the exporters. Spans are character
 * offsets into the paragraph's plain text (the same offsets as its runs' joined text).
 */
import type { BracketHolder } from '../model/bracket.ts';

/** Characters [start, end) of a paragraph's plain text; start === end for a bracket whose words are gone. */
export interface BracketSpan {
  start: number;
  end: number;
}

/** One bracket of a paragraph, read at one moment. */
export interface BracketSnapshot {
  id: string;
  span: BracketSpan;
  /** The bracketed words, as plain text. */
  text: string;
  holders: BracketHolder[];
  /** The alternative group's id, or null. */
  group: string | null;
  /** 1-based place among the group's brackets by position (Alt 1, Alt 2…); null outside a group of two or more. */
  alternative: number | null;
  /** 0 for an outermost bracket, 1 inside one bracket, and so on. */
  depth: number;
  /** The id of the innermost bracket holding this one, or null. */
  parent: string | null;
}
