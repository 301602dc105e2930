/**
 * The plain-text importer: a zero draft as circulated in plain text or Markdown (numbered paragraphs broken
 * across page breaks, footnotes printed mid-paragraph, superscript markers, headings, `*[...]*` source
 * annotations; or prose paragraphs; or a Markdown concept note) becomes a DraftDocument.
 */
import { InvalidInputError } from './errors.ts';
import { assembleBody, entryText, headingRuleFor, type Entry } from './import/body-entries.ts';
import { attachFootnotes } from './import/attach-footnotes.ts';
import { readItems } from './import/line-items.ts';
import { resolveMarkdownFootnotes } from './import/markdown-footnotes.ts';
import { sourceLines } from './import/source-lines.ts';
import { splitSource } from './import/source-annotation.ts';
import { takeTitleBlock } from './import/title-block.ts';
import { parseInlineMarkup } from './model/inline-markup.ts';
import { ParagraphKind, type DraftDocument, type DraftParagraph } from './model/paragraph.ts';

/** Reads a draft in plain text or Markdown; throws InvalidInputError for empty, binary or paragraph-less text. */
export function importText(source: string): DraftDocument {
  const items = readItems(sourceLines(source));
  resolveMarkdownFootnotes(items);
  const { titleBlock, rest } = takeTitleBlock(items);
  const { entries, footnotes } = assembleBody(rest, headingRuleFor(rest));
  if (!entries.some((entry) => entry.kind === ParagraphKind.paragraph)) throw noParagraphError(titleBlock);
  attachFootnotes(entries, footnotes);
  return { titleBlock, paragraphs: entries.map(toDraftParagraph) };
}

function toDraftParagraph(entry: Entry): DraftParagraph {
  const whole = entryText(entry);
  const { text, source } = entry.kind === ParagraphKind.paragraph ? splitSource(whole) : { text: whole, source: '' };
  return { kind: entry.kind, runs: parseInlineMarkup(text), source, footnotes: entry.footnotes };
}

function noParagraphError(titleBlock: readonly string[]): InvalidInputError {
  if (titleBlock.length > 0) {
    return new InvalidInputError(
      `No paragraph found after the title block ("${titleBlock.join(' / ')}"): ` +
        'put a blank line between the title and the first paragraph, and between paragraphs.',
    );
  }
  return new InvalidInputError(
    'No paragraph found: the text has only headings or footnotes. Write each paragraph as a block of its own, ' +
      'separated from the next by a blank line.',
  );
}
