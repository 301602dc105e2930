/**
 * A change to a paragraph's text as amendments apply it: characters [from, to) of the text it was computed
 * on are replaced by `insert`. Lists are in reading order and never overlap, so they apply right to left
 * without shifting one another, and the words between them are never touched.
 */

/** Replace characters [from, to) with `insert`; from === to inserts, an empty `insert` deletes. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** Why `changes` cannot apply to a text of `length` characters (out of range, overlapping, out of order), or null. */
export function changesProblem(changes: readonly TextChange[], length: number): string | null {
  let last = 0;
  for (const [i, change] of changes.entries()) {
    if (!(Number.isInteger(change.from) && Number.isInteger(change.to) && change.from <= change.to)) return `change ${i + 1} is not a range`;
    if (change.to > length) return `change ${i + 1} ends past the text (${change.to} > ${length})`;
    if (change.from < last) return `change ${i + 1} overlaps or precedes the one before it`;
    last = change.to;
  }
  return null;
}

/** `text` with `changes` (in reading order, not overlapping) applied. */
export function applyToString(text: string, changes: readonly TextChange[]): string {
  let out = text;
  for (let i = changes.length - 1; i >= 0; i--) {
    const { from, to, insert } = changes[i] as TextChange;
    out = out.slice(0, from) + insert + out.slice(to);
  }
  return out;
}

/** Each change's range in the text after all of `changes` applied: where its `insert` stands. */
export function insertedRanges(changes: readonly TextChange[]): { start: number; end: number }[] {
  let shift = 0;
  return changes.map((change) => {
    const start = change.from + shift;
    shift += change.insert.length - (change.to - change.from);
    return { start, end: start + change.insert.length };
  });
}

/** The changes that take `text` with `changes` applied back to `text` (offsets in the changed text, in reading order). */
export function invertChanges(text: string, changes: readonly TextChange[]): TextChange[] {
  return insertedRanges(changes).map(({ start, end }, i) => {
    const { from, to } = changes[i] as TextChange;
    return { from: start, to: end, insert: text.slice(from, to) };
  });
}
