/**
 * Turns the items after the title block into the draft's headings and paragraphs: joins the halves of a
 * paragraph split by a page break (even around a footnote), tells headings from paragraphs, and sets the
 * footnote definitions aside.
 */
import type { Footnote } from '../model/paragraph.ts';
import { ParagraphKind } from '../model/paragraph.ts';
import { ItemType, type Item } from './line-items.ts';
import { endsWithClauseStop, isFinished, startsLowercase } from './sentence-shape.ts';
import { endsWithSource } from './source-annotation.ts';

/** A heading or paragraph being assembled: its kind, its text in inline markup, its footnotes. */
export interface Entry {
  kind: ParagraphKind;
  text: string;
  footnotes: Footnote[];
}

/** A footnote definition not yet given to a paragraph; `after` is the index of the entry before it (-1 for none). */
export interface LooseFootnote {
  marker: string;
  text: string;
  after: number;
}

/** How unmarked lines become headings: never (markdown), when short (numbered text), when short and before a paragraph (prose). */
export const HeadingRule = { markdownOnly: 'markdown-only', numbered: 'numbered', prose: 'prose' } as const;

/** One of the values of HeadingRule. */
export type HeadingRule = (typeof HeadingRule)[keyof typeof HeadingRule];

const headingMax = 200;

/** The heading rule a text calls for: markdown when it has `#` headings, numbered when it has numbered paragraphs. */
export function headingRuleFor(items: readonly Item[]): HeadingRule {
  if (items.some((item) => item.type === ItemType.heading)) return HeadingRule.markdownOnly;
  if (items.some((item) => item.type === ItemType.numbered)) return HeadingRule.numbered;
  return HeadingRule.prose;
}

/** The entries (headings and paragraphs, in order) and the footnote definitions found among the items. */
export function assembleBody(items: readonly Item[], rule: HeadingRule): { entries: Entry[]; footnotes: LooseFootnote[] } {
  const entries: Entry[] = [];
  const footnotes: LooseFootnote[] = [];
  items.forEach((item, i) => {
    const text = textOf(item);
    const last = entries[entries.length - 1];
    if (item.type === ItemType.footnote) {
      footnotes.push({ marker: item.label, text, after: entries.length - 1 });
    } else if (item.type === ItemType.plain && last && continues(last, text)) {
      last.text = `${last.text} ${text}`;
    } else {
      entries.push({ kind: kindOf(item, nextBodyItem(items, i), rule), text, footnotes: [] });
    }
  });
  return { entries, footnotes };
}

// The second half of a paragraph split by a page break starts lowercase where the first half stopped mid-sentence.
function continues(last: Entry, text: string): boolean {
  return last.kind === ParagraphKind.paragraph && startsLowercase(text) && !isFinished(last.text);
}

function kindOf(item: Item, next: Item | undefined, rule: HeadingRule): ParagraphKind {
  if (item.type === ItemType.heading) return ParagraphKind.heading;
  if (item.type !== ItemType.plain || rule === HeadingRule.markdownOnly || !isHeadingShaped(item)) {
    return ParagraphKind.paragraph;
  }
  if (rule === HeadingRule.numbered || followedByParagraph(next)) return ParagraphKind.heading;
  return ParagraphKind.paragraph;
}

function isHeadingShaped(item: Item): boolean {
  const text = textOf(item);
  return item.lines.length === 1 && text.length <= headingMax && !endsWithClauseStop(text) && !endsWithSource(text);
}

// In prose, a short line is a heading only when a paragraph that is not its own continuation follows it.
function followedByParagraph(next: Item | undefined): boolean {
  if (next?.type === ItemType.numbered || next?.type === ItemType.bullet) return true;
  return next?.type === ItemType.plain && !isHeadingShaped(next) && !startsLowercase(textOf(next));
}

function nextBodyItem(items: readonly Item[], index: number): Item | undefined {
  return items.slice(index + 1).find((item) => item.type !== ItemType.footnote);
}

function textOf(item: Item): string {
  return item.lines.join(' ');
}
