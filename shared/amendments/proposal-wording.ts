/**
 * A proposal in the words of a compilation text: `replace "over" with "regarding"`, `insert "and social
 * protection" after "decent work"`, `delete "many"`, `delete`, `retain`, `insert after: "…"`, and, when the
 * paragraph's formatting is known, `italicise "Sendai Framework"`, `remove bold from "shall"`. Quoted words
 * are widened to the words before them until they name one place in the paragraph.
 */
import { ProposalKind } from '../model/proposal.ts';
import { plainText, type MarkName, type TextRun } from '../model/text-run.ts';
import { reformattings, richWordDiff, type Reformatting } from './format-diff.ts';
import type { TextChange } from './text-change.ts';
import { wordChanges } from './word-diff.ts';
import { wordTokens } from './word-tokens.ts';

/** The rich text on both sides of a replacement, when the paragraph's formatting is known: its runs and the proposal's. */
export interface WordingRuns {
  paragraph: readonly TextRun[];
  proposal: readonly TextRun[];
}

// Past this many separate changes a compilation quotes the whole proposed paragraph instead.
const maxChangesListed = 3;
// Words of context at most before an ambiguous quote.
const maxContextWords = 6;

/** How a compilation states `proposal` (a proposal of `kind` with `text`) on a paragraph reading `paragraph`; with `runs` (matching both texts) a replacement also states its changes of formatting. */
export function proposalWording(paragraph: string, kind: ProposalKind, text: string, runs?: WordingRuns): string {
  switch (kind) {
    case ProposalKind.deleteParagraph:
      return 'delete';
    case ProposalKind.retain:
      return 'retain';
    case ProposalKind.insertParagraph:
      return `insert after: ${quote(text)}`;
    case ProposalKind.comment:
      return `comment: ${quote(text)}`;
    case ProposalKind.replaceText:
      return replacementWording(paragraph, text, runs && plainText(runs.paragraph) === paragraph && plainText(runs.proposal) === text ? runs : undefined);
  }
}

// Control characters (next line, a terminal's escape sequences) and the explicit bidi controls: inside a
// quote, each would let a delegation's words run past the closing quote on a reader's screen (a new line,
// a recoloured or cleared terminal, the line's tail reversed).
const quoteBreakers = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * `"words"` with its spacing flattened, as a compilation quotes; a quote mark or backslash inside is escaped
 * (`\"`, `\\`), so proposed words can never close the quote and append, say, `(supported by EU)` of their own.
 */
export function quote(words: string): string {
  const flat = words.replace(quoteBreakers, ' ').replace(/\s+/g, ' ').trim();
  return `"${flat.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function replacementWording(paragraph: string, proposal: string, runs: WordingRuns | undefined): string {
  const changes = wordChanges(paragraph, proposal);
  const formats = runs ? reformattings(richWordDiff(runs.paragraph, runs.proposal)) : [];
  if (changes.length === 0 && formats.length === 0) return 'no change to the text';
  if (changes.length > maxChangesListed) return `replace the paragraph with ${quote(proposal)}`;
  if (formats.length > maxChangesListed) return [...changes.map((change) => changeWording(paragraph, change)), `change the formatting of ${formats.length} passages`].join('; ');
  const said = [
    ...changes.map((change) => ({ at: change.from, words: changeWording(paragraph, change) })),
    ...formats.map((format) => ({ at: format.from, words: formatWording(paragraph, format) })),
  ];
  return said
    .sort((a, b) => a.at - b.at)
    .map((part) => part.words)
    .join('; ');
}

const markVerbs: Readonly<Record<MarkName, { add: string; remove: string }>> = {
  italic: { add: 'italicise', remove: 'remove italics from' },
  bold: { add: 'bold', remove: 'remove bold from' },
};

// `italicise "Sendai Framework"`, `bold and remove italics from "shall" after "States"`.
function formatWording(paragraph: string, { text, from, change }: Reformatting): string {
  const verbs = [...change.added.map((mark) => markVerbs[mark].add), ...change.removed.map((mark) => markVerbs[mark].remove)];
  const place = occursOnce(paragraph, text) ? '' : ` after ${quote(contextBefore(paragraph, from, text))}`;
  return `${verbs.join(' and ')} ${quote(text)}${place}`;
}

function changeWording(paragraph: string, change: TextChange): string {
  const old = paragraph.slice(change.from, change.to).trim();
  const added = change.insert.trim();
  if (old === '') {
    if (change.from === 0 || paragraph.slice(0, change.from).trim() === '') return `insert ${quote(added)} at the beginning`;
    return `insert ${quote(added)} after ${quote(contextBefore(paragraph, change.from, ''))}`;
  }
  const place = occursOnce(paragraph, old) ? '' : ` after ${quote(contextBefore(paragraph, change.from, old))}`;
  return added === '' ? `delete ${quote(old)}${place}` : `replace ${quote(old)}${place} with ${quote(added)}`;
}

// The fewest whole words ending at `at` that, followed by `then`, occur once in the paragraph.
function contextBefore(paragraph: string, at: number, then: string): string {
  const tokens = wordTokens(paragraph.slice(0, at));
  let context = '';
  for (let n = 1; n <= Math.min(tokens.length, maxContextWords); n++) {
    context = paragraph.slice(tokens[tokens.length - n]?.start ?? 0, at);
    if (occursOnce(paragraph, `${context}${then}`.trim())) break;
  }
  return context;
}

function occursOnce(text: string, words: string): boolean {
  const first = text.indexOf(words);
  return first >= 0 && text.indexOf(words, first + 1) < 0;
}
