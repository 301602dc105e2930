/**
 * Turns a paragraph's live rich text into the text a person meant with the fewest changes: a character
 * diff, so the words nobody changed keep their Yjs identity (others' carets and the brackets anchored in
 * them stay put), and marks changed only where they differ. Changes only the document it is given.
 */
import { diffChars } from 'diff';
import * as Y from 'yjs';
import { getParagraphText } from '../model/negotiation-doc.ts';
import { paragraphElementName, writeRuns } from '../model/paragraph-fragment.ts';
import { MarkName, type TextRun } from '../model/text-run.ts';

/**
 * Past this many changed characters the diff gives up and the changed middle is replaced whole: the page
 * runs it on reconnecting, paragraph after paragraph, and must not freeze (tens of ms at worst). No time
 * limit: the replay makes each edit twice (judged on a scratch copy, then made), and both must be the same.
 */
const maxEditLength = 500;

const knownMarks = new Set<string>(Object.values(MarkName));

/** One code point and the marks it carries, as a sorted key ("bold,italic"). */
interface Char {
  text: string;
  marks: string;
}

type Change = { kind: 'equal' | 'removed' | 'added'; count: number };

/**
 * Makes the paragraph's text in `doc` read `runs` with minimal edits; call inside a transaction. 'missing'
 * when the paragraph is gone or its text is not laid out as our editor writes it (one paragraph element
 * holding one text), 'unchanged' when it already reads `runs`.
 */
export function editParagraphText(doc: Y.Doc, paragraphId: string, runs: readonly TextRun[]): 'applied' | 'unchanged' | 'missing' {
  return editFragmentText(getParagraphText(doc, paragraphId), runs);
}

/**
 * Makes a one-block rich-text fragment (a paragraph's or a proposal's text) read `runs` with minimal edits;
 * call inside a transaction. 'missing' when there is no fragment or it is not laid out as our editor writes it.
 */
export function editFragmentText(fragment: Y.XmlFragment | undefined, runs: readonly TextRun[]): 'applied' | 'unchanged' | 'missing' {
  if (!fragment) return 'missing';
  if (fragment.length === 0) {
    if (runs.every((run) => run.text === '')) return 'unchanged';
    writeRuns(fragment, runs);
    return 'applied';
  }
  const element = fragment.get(0);
  if (fragment.length !== 1 || !(element instanceof Y.XmlElement) || element.nodeName !== paragraphElementName || element.length > 1) return 'missing';
  let text = element.get(0);
  if (text === undefined) {
    if (runs.every((run) => run.text === '')) return 'unchanged';
    text = new Y.XmlText();
    element.insert(0, [text]);
  }
  if (!(text instanceof Y.XmlText)) return 'missing';
  // Yjs counts an embed as one position; our editor writes none, and the diff below reads characters only.
  if ((text.toDelta() as { insert?: unknown }[]).some((op) => typeof op.insert !== 'string')) return 'missing';
  return editText(text, runs) ? 'applied' : 'unchanged';
}

/** Makes `text` read `runs` with minimal edits (inserts, deletes, formatting); false when it already does. */
export function editText(text: Y.XmlText, runs: readonly TextRun[]): boolean {
  const target = charsOfRuns(runs);
  const typed = editCharacters(text, charsOfText(text), target);
  // Marks last, on the final text: formatting a stretch that later edits shrink leaves Yjs format items that
  // it deletes again in the same transaction, and an update of nothing but deleted content is refused.
  const formatted = editMarks(text, charsOfText(text), target);
  return typed || formatted;
}

/** Inserts and deletes characters so the text reads `after`; inserted words carry their marks. */
function editCharacters(text: Y.XmlText, before: Char[], after: Char[]): boolean {
  let changed = false;
  let index = 0; // in UTF-16 units of the text as edited so far, which is what Yjs counts
  let oldAt = 0;
  let newAt = 0;
  for (const change of diff(before, after)) {
    if (change.kind === 'removed') {
      text.delete(index, utf16Length(before, oldAt, change.count));
      oldAt += change.count;
      changed = true;
    } else if (change.kind === 'added') {
      for (const span of spans(after, newAt, change.count)) {
        const inserted = span.chars.map((char) => char.text).join('');
        // Attributes always given: without them Yjs would copy the marks of the character to the left.
        text.insert(index, inserted, attributesOf(span.key));
        index += inserted.length;
      }
      newAt += change.count;
      changed = true;
    } else {
      index += utf16Length(before, oldAt, change.count);
      oldAt += change.count;
      newAt += change.count;
    }
  }
  return changed;
}

/** Formats the stretches whose marks differ from `after`'s; `before` has the same characters. */
function editMarks(text: Y.XmlText, before: Char[], after: Char[]): boolean {
  let changed = false;
  let index = 0;
  for (let i = 0; i < before.length; ) {
    const from = before[i] as Char;
    const to = after[i] as Char;
    let end = i + 1;
    while (end < before.length && (before[end] as Char).marks === from.marks && (after[end] as Char).marks === to.marks) end += 1;
    const length = utf16Length(before, i, end - i);
    if (from.marks !== to.marks) {
      text.format(index, length, formatChange(from.marks, to.marks));
      changed = true;
    }
    index += length;
    i = end;
  }
  return changed;
}

/** The character diff of two texts, in code points (never splitting a surrogate pair). */
function diff(before: Char[], after: Char[]): Change[] {
  const oldText = before.map((char) => char.text).join('');
  const newText = after.map((char) => char.text).join('');
  const changes = diffChars(oldText, newText, { maxEditLength });
  if (changes) return changes.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'equal', count: change.count }));
  // Too different for the diff: keep the common start and end, replace the middle.
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix]?.text === after[prefix]?.text) prefix += 1;
  let suffix = 0;
  while (
    suffix < before.length - prefix && suffix < after.length - prefix
    && before[before.length - 1 - suffix]?.text === after[after.length - 1 - suffix]?.text
  ) suffix += 1;
  const result: Change[] = [
    { kind: 'equal', count: prefix },
    { kind: 'removed', count: before.length - prefix - suffix },
    { kind: 'added', count: after.length - prefix - suffix },
    { kind: 'equal', count: suffix },
  ];
  return result.filter((change) => change.count > 0);
}

function charsOfText(text: Y.XmlText): Char[] {
  const delta = text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[];
  const chars: Char[] = [];
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue;
    const marks = Object.keys(op.attributes ?? {}).filter((name) => knownMarks.has(name)).sort().join(',');
    for (const char of Array.from(op.insert)) chars.push({ text: char, marks });
  }
  return chars;
}

function charsOfRuns(runs: readonly TextRun[]): Char[] {
  return runs.flatMap((run) => {
    const marks = [...new Set(run.marks ?? [])].sort().join(',');
    return Array.from(run.text, (text) => ({ text, marks }));
  });
}

/** Consecutive characters of `chars[from, from + count)` grouped by their marks. */
function spans(chars: Char[], from: number, count: number): { key: string; chars: Char[] }[] {
  const out: { key: string; chars: Char[] }[] = [];
  for (let i = from; i < from + count; i += 1) {
    const char = chars[i] as Char;
    const key = char.marks;
    const last = out[out.length - 1];
    if (last && last.key === key) last.chars.push(char);
    else out.push({ key, chars: [char] });
  }
  return out;
}

function utf16Length(chars: Char[], from: number, count: number): number {
  let length = 0;
  for (let i = from; i < from + count; i += 1) length += (chars[i] as Char).text.length;
  return length;
}

/** Marks as Yjs attributes, written as the editor writes them ({ italic: {} }). */
function attributesOf(marks: string): Record<string, object> {
  return Object.fromEntries(markList(marks).map((mark) => [mark, {}]));
}

/** The attributes that turn marks `from` into marks `to`: added ones set, removed ones null. */
function formatChange(from: string, to: string): Record<string, object | null> {
  const before = new Set(markList(from));
  const after = new Set(markList(to));
  const change: Record<string, object | null> = {};
  for (const mark of after) if (!before.has(mark)) change[mark] = {};
  for (const mark of before) if (!after.has(mark)) change[mark] = null;
  return change;
}

function markList(marks: string): string[] {
  return marks === '' ? [] : marks.split(',');
}
