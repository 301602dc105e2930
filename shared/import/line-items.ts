/**
 * Cuts the source's lines into items: a markdown heading, a footnote definition, a numbered paragraph,
 * a bullet item, or a plain stretch of text. Blank lines separate blocks; within a block, hard-wrapped
 * lines join the item above, while in text written one line per paragraph each line is an item of its own.
 */
import { latinSuffixes } from '../numbering.ts';
import { fromSuperscript, superscriptDigitClass } from '../superscript.ts';

/** What an item of the source is. */
export const ItemType = {
  plain: 'plain',
  numbered: 'numbered',
  bullet: 'bullet',
  heading: 'heading',
  footnote: 'footnote',
} as const;

/** One of the values of ItemType. */
export type ItemType = (typeof ItemType)[keyof typeof ItemType];

/** A piece of the source: its lines (without number, bullet or marker) and the block it stands in. */
export interface Item {
  type: ItemType;
  lines: string[];
  block: number;
  /** Markdown heading level (1 for `#`); 0 for other items. */
  level: number;
  /** Footnote definitions only: the ASCII marker ("1" for ¹) or the markdown label ("note" for [^note]). */
  label: string;
  /** Footnote definitions only: written `[^label]:` (markdown) rather than with superscript digits. */
  markdown: boolean;
}

// Lines longer than this are a paragraph written on one line, not a hard-wrapped line.
const wrappedLineMax = 100;

const atxHeading = /^(#{1,6})\s+(.*)$/;
const markdownFootnote = /^\[\^([^\]\s]+)\]:\s*(.*)$/;
const superscriptFootnote = new RegExp(`^(${superscriptDigitClass}+)\\s+(\\S.*)$`, 'u');
const numbered = new RegExp(`^\\d{1,3}(?:\\s*(?:${latinSuffixes.join('|')})\\b\\.?|\\.)(?:\\s+(.*))?$`, 'i');
const bullet = /^[-*+•]\s+(.*)$/;
const setextUnderline = /^(=+|-+)$/;
const thematicBreak = /^(?:[-*_=]\s*){3,}$/;

/** The items of the source's lines, in order. */
export function readItems(lines: readonly string[]): Item[] {
  const hardWrapped = isHardWrapped(lines);
  const state: ReaderState = { items: [], block: 0, inBlock: false, current: undefined, hardWrapped };
  for (const raw of lines) readLine(state, raw);
  return state.items;
}

interface ReaderState {
  items: Item[];
  block: number;
  inBlock: boolean;
  /** The item that a following unmarked line may continue. */
  current: Item | undefined;
  hardWrapped: boolean;
}

function readLine(state: ReaderState, raw: string): void {
  const line = raw.trim();
  if (line === '') {
    if (state.inBlock) state.block += 1;
    state.inBlock = false;
    state.current = undefined;
    return;
  }
  state.inBlock = true;
  if (underlinesHeading(state.current, line) || thematicBreak.test(line)) {
    state.current = undefined;
    return;
  }
  const marked = markedItem(line, state.block);
  if (marked) {
    state.items.push(marked);
    state.current = marked.type === ItemType.heading ? undefined : marked;
  } else if (state.current && joinsCurrent(state.current, raw, state.hardWrapped)) {
    state.current.lines.push(line);
  } else {
    state.current = makeItem(ItemType.plain, line, state.block);
    state.items.push(state.current);
  }
}

// A markdown setext heading: one line of text underlined with === or ---.
function underlinesHeading(current: Item | undefined, line: string): boolean {
  if (!setextUnderline.test(line) || current?.type !== ItemType.plain || current.lines.length !== 1) return false;
  current.type = ItemType.heading;
  current.level = line.startsWith('=') ? 1 : 2;
  return true;
}

/** True when the text is hard-wrapped (few long lines), so that consecutive lines belong to one paragraph. */
export function isHardWrapped(lines: readonly string[]): boolean {
  const written = lines.filter((line) => line.trim() !== '');
  const long = written.filter((line) => line.length > wrappedLineMax).length;
  return long <= written.length * 0.05;
}

function joinsCurrent(current: Item, raw: string, hardWrapped: boolean): boolean {
  // A number alone on its line ("5.") takes the text that follows it.
  if (hardWrapped || current.lines.length === 0) return true;
  // An indented line under a footnote or bullet continues it even in one-line-per-paragraph text.
  return /^\s/.test(raw) && (current.type === ItemType.footnote || current.type === ItemType.bullet);
}

function markedItem(line: string, block: number): Item | undefined {
  let match = atxHeading.exec(line);
  if (match) {
    return { ...makeItem(ItemType.heading, withoutClosingHashes(match[2] ?? ''), block), level: match[1]?.length ?? 1 };
  }
  match = markdownFootnote.exec(line);
  if (match) return { ...makeItem(ItemType.footnote, match[2] ?? '', block), label: match[1] ?? '', markdown: true };
  match = superscriptFootnote.exec(line);
  if (match) return { ...makeItem(ItemType.footnote, match[2] ?? '', block), label: fromSuperscript(match[1] ?? '') };
  match = numbered.exec(line);
  if (match) return makeItem(ItemType.numbered, match[1] ?? '', block);
  match = bullet.exec(line);
  if (match) return makeItem(ItemType.bullet, match[1] ?? '', block);
  return undefined;
}

function makeItem(type: ItemType, text: string, block: number): Item {
  return { type, lines: text === '' ? [] : [text], block, level: 0, label: '', markdown: false };
}

// `## Title ##`: closing hashes after a space are markdown syntax, not text.
function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charAt(end - 1) === '#') end -= 1;
  if (end === text.length || (end > 0 && !/\s/.test(text.charAt(end - 1)))) return text;
  return text.slice(0, end).trimEnd();
}
