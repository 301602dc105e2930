/**
 * A paragraph's rich text lives in a Y.XmlFragment laid out exactly as the TipTap Collaboration binding
 * writes it for the editor schema: one <paragraph> element holding one Y.XmlText whose formatting
 * attributes are mark names with empty attrs ({ italic: {} }).
 */
import * as Y from 'yjs';
import { MarkName, normalizeRuns, type TextRun } from './text-run.ts';

/** The name of the single block element inside a paragraph fragment. */
export const paragraphElementName = 'paragraph';

const knownMarks = new Set<string>(Object.values(MarkName));

/** Replaces the fragment's content with one paragraph element holding `runs`. Call inside a transaction. */
export function writeRuns(fragment: Y.XmlFragment, runs: readonly TextRun[]): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  const element = new Y.XmlElement(paragraphElementName);
  fragment.insert(0, [element]);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  text.applyDelta(
    normalizeRuns(runs).map((run) => ({ insert: run.text, attributes: marksToAttributes(run.marks ?? []) })),
  );
}

/** Reads the fragment's text as runs; several block elements (never written by our editor) join with a space. */
export function readRuns(fragment: Y.XmlFragment): TextRun[] {
  const blocks: TextRun[][] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement) blocks.push(readElementRuns(child));
    else if (child instanceof Y.XmlText) blocks.push(deltaToRuns(child));
  }
  const runs: TextRun[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) runs.push({ text: ' ' });
    runs.push(...block);
  });
  return normalizeRuns(runs);
}

function readElementRuns(element: Y.XmlElement): TextRun[] {
  return element.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText) return deltaToRuns(child);
    if (child instanceof Y.XmlElement) return readElementRuns(child);
    return [];
  });
}

function deltaToRuns(text: Y.XmlText): TextRun[] {
  const delta = text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[];
  return delta
    .filter((op): op is { insert: string; attributes?: Record<string, unknown> } => typeof op.insert === 'string')
    .map((op) => {
      const marks = Object.keys(op.attributes ?? {}).filter((name) => knownMarks.has(name)) as MarkName[];
      return marks.length > 0 ? { text: op.insert, marks } : { text: op.insert };
    });
}

function marksToAttributes(marks: readonly MarkName[]): Record<string, object> | undefined {
  if (marks.length === 0) return undefined;
  return Object.fromEntries(marks.map((mark) => [mark, {}]));
}
