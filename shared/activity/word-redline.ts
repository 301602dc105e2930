/**
 * A word redline of a paragraph's plain text before and after a change: the words both share, the words
 * inserted and the words deleted, in reading order (a replacement reads as its deletion then its insertion).
 * Pure: the activity feed and each paragraph's history draw it, tests read it.
 */
import { diffWordsWithSpace, type Change } from 'diff';

/** What a piece of a redline is. */
export const RedlineKind = { same: 'same', inserted: 'inserted', deleted: 'deleted' } as const;

/** One of the values of RedlineKind. */
export type RedlineKind = (typeof RedlineKind)[keyof typeof RedlineKind];

/**
 * A run of text of one kind. Joining the runs not deleted gives `after`, joining those not inserted `before`.
 */
export interface RedlinePart {
  kind: RedlineKind;
  text: string;
}

// Past this many changed words the diff stops searching (a paragraph rewritten whole): the redline then
// reads as the old text deleted and the new one inserted, still exact, and never slow.
const maxEditLength = 400;

/** The word redline turning `before` into `after`: both sides exact, adjacent runs of one kind merged, no empty runs. */
export function wordRedline(before: string, after: string): RedlinePart[] {
  if (before === after) return before === '' ? [] : [{ kind: RedlineKind.same, text: before }];
  const changes = diffWordsWithSpace(before, after, { maxEditLength });
  if (!changes) return replaceWhole(before, after);
  return mergeRuns(readAsPhrases(changes.map(toPart)));
}

/** True when the redline changes anything (some run inserted or deleted). */
export function redlineChanges(parts: readonly RedlinePart[]): boolean {
  return parts.some((part) => part.kind !== RedlineKind.same);
}

/** The text a redline reads as on one side: 'before' drops insertions, 'after' drops deletions. */
export function redlineSide(parts: readonly RedlinePart[], side: 'before' | 'after'): string {
  const dropped = side === 'before' ? RedlineKind.inserted : RedlineKind.deleted;
  return parts
    .filter((part) => part.kind !== dropped)
    .map((part) => part.text)
    .join('');
}

/**
 * The redline with long unchanged runs cut to `context` words on each side of a change ("… the words
 * nearby"), so a one-word edit in a long paragraph reads in a narrow panel. Only `same` runs are cut.
 */
export function condenseRedline(parts: readonly RedlinePart[], context = 8): RedlinePart[] {
  if (!redlineChanges(parts)) return [...parts];
  return parts.map((part, index) => {
    if (part.kind !== RedlineKind.same) return part;
    const first = index === 0;
    const last = index === parts.length - 1;
    return { kind: RedlineKind.same, text: cutMiddle(part.text, first ? 0 : context, last ? 0 : context) };
  });
}

// Whitespace runs stay attached to the word after them, so cutting never glues two words together.
function cutMiddle(text: string, keepStart: number, keepEnd: number): string {
  const words = text.match(/\s*\S+/g) ?? [];
  if (words.length <= keepStart + keepEnd + 1) return text;
  const trailing = /\s*$/.exec(text)?.[0] ?? '';
  const head = words.slice(0, keepStart).join('');
  const tail = keepEnd > 0 ? words.slice(-keepEnd).join('') : '';
  if (keepStart === 0) return `…${tail}${trailing}`;
  if (keepEnd === 0) return `${head} …${trailing}`;
  return `${head} …${tail}${trailing}`;
}

function mergeRuns(parts: readonly RedlinePart[]): RedlinePart[] {
  const merged: RedlinePart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const previous = merged[merged.length - 1];
    if (previous && previous.kind === part.kind) previous.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

function toPart(change: Change): RedlinePart {
  return { kind: change.added ? RedlineKind.inserted : change.removed ? RedlineKind.deleted : RedlineKind.same, text: change.value };
}

function replaceWhole(before: string, after: string): RedlinePart[] {
  return mergeRuns([
    { kind: RedlineKind.deleted, text: before },
    { kind: RedlineKind.inserted, text: after },
  ]);
}

// Word by word, "clearly and" → "clearly, fairly and" reads "clearly[+,] [+fairly ]and", and two replaced
// words in a row interleave. A space kept between two changes is read as part of them, so each stretch of
// changes becomes one deletion and one insertion, with the spacing both share left outside them.
function readAsPhrases(parts: readonly RedlinePart[]): RedlinePart[] {
  const read: RedlinePart[] = [];
  let index = 0;
  while (index < parts.length) {
    const part = parts[index] as RedlinePart;
    if (part.kind === RedlineKind.same) {
      read.push(part);
      index += 1;
      continue;
    }
    let end = index;
    while (end + 1 < parts.length && (parts[end + 1]?.kind !== RedlineKind.same || (isSpace(parts[end + 1]) && parts[end + 2] !== undefined && parts[end + 2]?.kind !== RedlineKind.same))) end += 1;
    const stretch = parts.slice(index, end + 1);
    const deleted = stretch.filter((run) => run.kind !== RedlineKind.inserted).map((run) => run.text).join('');
    const inserted = stretch.filter((run) => run.kind !== RedlineKind.deleted).map((run) => run.text).join('');
    const lead = commonSpace(deleted, inserted, 'start');
    const trail = commonSpace(deleted.slice(lead.length), inserted.slice(lead.length), 'end');
    read.push(
      { kind: RedlineKind.same, text: lead },
      { kind: RedlineKind.deleted, text: deleted.slice(lead.length, deleted.length - trail.length) },
      { kind: RedlineKind.inserted, text: inserted.slice(lead.length, inserted.length - trail.length) },
      { kind: RedlineKind.same, text: trail },
    );
    index = end + 1;
  }
  return read;
}

function isSpace(part: RedlinePart | undefined): boolean {
  return part !== undefined && part.kind === RedlineKind.same && /^\s+$/.test(part.text);
}

// The whitespace both texts begin (or end) with.
function commonSpace(a: string, b: string, at: 'start' | 'end'): string {
  let length = 0;
  while (length < a.length && length < b.length) {
    const x = at === 'start' ? a[length] : a[a.length - 1 - length];
    const y = at === 'start' ? b[length] : b[b.length - 1 - length];
    if (x !== y || !/\s/.test(x as string)) break;
    length += 1;
  }
  return at === 'start' ? a.slice(0, length) : a.slice(a.length - length);
}
