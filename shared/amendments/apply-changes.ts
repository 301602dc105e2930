/**
 * Applies a change list to a paragraph's Y.XmlText in place: each change deletes its words and inserts the
 * new ones at that spot, right to left so the offsets stay valid. Only the changed words get new Yjs items;
 * every other word keeps its item, and with it every bracket anchored on it. Marks change in place too
 * (applyMarkChanges): formatting a word keeps its characters' items.
 */
import type * as Y from 'yjs';
import type { ReformattedStretch } from '../model/proposal.ts';
import { plainText, type TextRun } from '../model/text-run.ts';
import { changesProblem, type TextChange } from './text-change.ts';

type Attributes = Record<string, unknown>;

/**
 * Applies `changes` (offsets in the text as it reads now) to `text` in one transaction. Inserted words take
 * the formatting of the first word they replace, else of the character before them (the one after at the
 * start), unless `formatted[i]` gives change i's words as runs (their text is its `insert`): then they take
 * their own marks. Throws when the changes do not fit the text: callers compute them from this very text.
 */
export function applyTextChanges(text: Y.XmlText, changes: readonly TextChange[], formatted: readonly (readonly TextRun[] | undefined)[] = []): void {
  const problem = changesProblem(changes, text.length);
  if (problem) throw new Error(`the changes do not fit the paragraph: ${problem}`);
  const edit = () => {
    const runs = formattingRuns(text);
    for (let i = changes.length - 1; i >= 0; i--) {
      const { from, to, insert } = changes[i] as TextChange;
      const own = formatted[i];
      if (to > from) text.delete(from, to - from);
      if (own && plainText(own) === insert) {
        let at = from;
        for (const run of own) {
          text.insert(at, run.text, Object.fromEntries((run.marks ?? []).map((mark) => [mark, {}])));
          at += run.text.length;
        }
      } else if (insert !== '') text.insert(from, insert, { ...attributesAt(runs, from < to ? from : from > 0 ? from - 1 : from) });
    }
  };
  if (text.doc) text.doc.transact(edit);
  else edit();
}

/** Adds and removes marks on `text` as `changes` say (null removing a mark), in one transaction and, when they are in reading order and do not overlap, one pass over the text; throws when one ends past the text. */
export function applyMarkChanges(text: Y.XmlText, changes: readonly ReformattedStretch[]): void {
  const bad = changes.find(({ from, to }) => !(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= text.length));
  if (bad) throw new Error(`a change of marks does not fit the paragraph: [${bad.from}, ${bad.to}) of ${text.length} characters`);
  // One text.format per change walks the text from its start each time; a delta of retains walks it once.
  const deltas: { retain: number; attributes?: Attributes }[][] = [];
  let delta: { retain: number; attributes?: Attributes }[] = [];
  let at = 0;
  for (const { from, to, added, removed } of changes) {
    if (to <= from) continue;
    // A change before or over the last one applies after it, as it would one format at a time.
    if (from < at) {
      deltas.push(delta);
      delta = [];
      at = 0;
    }
    if (from > at) delta.push({ retain: from - at });
    delta.push({ retain: to - from, attributes: Object.fromEntries([...added.map((mark) => [mark, {}]), ...removed.map((mark) => [mark, null])]) });
    at = to;
  }
  deltas.push(delta);
  const edit = () => {
    for (const ops of deltas) if (ops.length > 0) text.applyDelta(ops);
  };
  if (text.doc) text.doc.transact(edit);
  else edit();
}

interface FormattingRun {
  end: number;
  attributes: Attributes;
}

function formattingRuns(text: Y.XmlText): FormattingRun[] {
  let end = 0;
  return (text.toDelta() as { insert?: unknown; attributes?: Attributes }[]).map((op) => {
    end += typeof op.insert === 'string' ? op.insert.length : 1;
    return { end, attributes: op.attributes ?? {} };
  });
}

function attributesAt(runs: readonly FormattingRun[], index: number): Attributes {
  return runs.find((run) => index < run.end)?.attributes ?? runs[runs.length - 1]?.attributes ?? {};
}
