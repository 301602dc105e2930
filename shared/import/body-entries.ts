/**
 * Turns the items after the title block into the draft's headings and paragraphs: joins the halves of a
 * paragraph split by a page break (even around a footnote), tells headings from paragraphs, and sets the
 * footnote definitions aside.
 */
import type { Footnote } from '../model/paragraph.ts';
import { ParagraphKind } from '../model/paragraph.ts';
import { ItemType, type Item } from './line-items.ts';
import { endsWithClauseStop, isFinished, startsLowercase } from './sentence-shape.ts';
import { endsWithSource, splitSource } from './source-annotation.ts';

/** A heading or paragraph being assembled: its kind, its text (inline markup) in pieces, its footnotes. */
export interface Entry {
  kind: ParagraphKind;
  /** Kept apart until the end so that joining many pieces stays linear; see entryText. */
  parts: string[];
  footnotes: Footnote[];
}

/** A footnote definition not yet given to a paragraph; `after` is the index of the entry before it (-1 for none). */
export interface LooseFootnote {
  marker: string;
  text: string;
  after: number;
}

/** When a plain line is a heading: never (markdown), if short (numbered text), if short before a paragraph (prose). */
export const HeadingRule = { markdownOnly: 'markdown-only', numbered: 'numbered', prose: 'prose' } as const;

/** One of the values of HeadingRule. */
export type HeadingRule = (typeof HeadingRule)[keyof typeof HeadingRule];

const headingMax = 200;

/** The heading rule for the items after the title: markdown if they have `#` headings, numbered if numbered items. */
export function headingRuleFor(items: readonly Item[]): HeadingRule {
  if (items.some((item) => item.type === ItemType.heading)) return HeadingRule.markdownOnly;
  if (items.some((item) => item.type === ItemType.numbered)) return HeadingRule.numbered;
  return HeadingRule.prose;
}

/** The entries (headings and paragraphs, in order) and the footnote definitions found among the items. */
export function assembleBody(
  items: readonly Item[],
  rule: HeadingRule,
): { entries: Entry[]; footnotes: LooseFootnote[] } {
  const entries: Entry[] = [];
  const footnotes: LooseFootnote[] = [];
  items.forEach((item, i) => {
    const text = textOf(item);
    const last = entries[entries.length - 1];
    if (item.type === ItemType.footnote) {
      footnotes.push({ marker: item.label, text, after: entries.length - 1 });
    } else if (item.type === ItemType.plain && last && continues(last, text)) {
      last.parts.push(text);
    } else {
      entries.push({ kind: kindOf(item, nextBodyItem(items, i), rule), parts: [text], footnotes: [] });
    }
  });
  return { entries, footnotes };
}

// The second half of a paragraph split by a page break starts lowercase where the first half stopped mid-sentence;
// a source annotation on a line of its own belongs to the paragraph above it.
function continues(last: Entry, text: string): boolean {
  if (last.kind !== ParagraphKind.paragraph) return false;
  const tail = last.parts.at(-1) ?? '';
  if (splitSource(text).text === '' && endsWithSource(text)) return !endsWithSource(tail);
  return startsLowercase(text) && !isFinished(tail);
}

/** An entry's whole text: its pieces joined with single spaces. */
export function entryText(entry: Entry): string {
  return entry.parts.join(' ').trim();
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
  for (let i = index + 1; i < items.length; i += 1) {
    if (items[i]?.type !== ItemType.footnote) return items[i];
  }
  return undefined;
}

function textOf(item: Item): string {
  return item.lines.join(' ');
}
