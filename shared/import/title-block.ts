/**
 * The title block heads a draft: its title, often a "Zero draft" label and a date. It is the first block of
 * the text when its lines read as a title (short, no closing punctuation), or a leading markdown `# Title`,
 * plus any date, draft-label or document-symbol lines standing right after it.
 */
import { ItemType, type Item } from './line-items.ts';
import { endsWithClauseStop } from './sentence-shape.ts';
import { endsWithSource } from './source-annotation.ts';

const titleLineMax = 200;
const metaLineMax = 80;
const month = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const date = new RegExp(
  [`\\b\\d{1,2}\\s+${month}\\s+\\d{4}\\b`, `\\b${month}\\s+\\d{1,2},?\\s+\\d{4}\\b`, '\\b\\d{4}-\\d{2}-\\d{2}\\b'].join('|'),
  'i',
);
const draftLabel =
  /^(?:(?:zero|first|second|third|revised|final|advance(?:\s+unedited)?)\s+)?(?:draft|version)\b|^rev(?:ision)?\.?\s*\d+\b/i;
const documentSymbol = /^[A-Z]{1,6}(?:\/[A-Za-z0-9.()-]+)+$/;

/** Splits the items into the title block's lines and the items after it (the title block may be empty). */
export function takeTitleBlock(items: readonly Item[]): { titleBlock: string[]; rest: Item[] } {
  let taken = leadingTitleItems(items);
  const titleBlock = items.slice(0, taken).flatMap((item) => item.lines);
  while (taken > 0 && isMetaItem(items[taken])) {
    titleBlock.push(...(items[taken]?.lines ?? []));
    taken += 1;
  }
  return { titleBlock, rest: items.slice(taken) };
}

/** True when a line could belong to a title block: short, not closed like a clause, no source annotation. */
export function isTitleLine(line: string): boolean {
  return line.length <= titleLineMax && !endsWithClauseStop(line) && !endsWithSource(line);
}

/** True when a line is title-block metadata: a date, a draft label ("Zero draft", "Rev.1") or a document symbol. */
export function isTitleMetaLine(line: string): boolean {
  const bare = line.replace(/[*_]/g, '').trim();
  if (bare.length > metaLineMax || endsWithClauseStop(bare)) return false;
  return date.test(bare) || draftLabel.test(bare) || documentSymbol.test(bare);
}

function leadingTitleItems(items: readonly Item[]): number {
  const first = items[0];
  if (!first) return 0;
  if (first.type === ItemType.heading) return first.level === 1 ? 1 : 0;
  let taken = 0;
  for (const item of items) {
    if (item.type !== ItemType.plain || item.block !== first.block || !item.lines.every(isTitleLine)) break;
    taken += 1;
  }
  return taken;
}

function isMetaItem(item: Item | undefined): boolean {
  return item?.type === ItemType.plain && item.lines.length === 1 && isTitleMetaLine(item.lines[0] ?? '');
}
