/**
 * The writes the structure commands share, each called inside the one transaction of a command's apply:
 * placing and removing ids in the order, copying formatted text between paragraphs, removing a paragraph.
 */
import * as Y from 'yjs';
import { anchorRange, getBrackets } from '../model/bracket.ts';
import { getMeta, getOrder, getParagraphs, MetaField } from '../model/negotiation-doc.ts';
import type { RelativePositionJson } from '../protocol/presence.ts';
import type { DeltaOp } from './structure-facts.ts';

/** Puts `id` into the order just after the first `afterId` (at the top for null, at the end when `afterId` is absent). */
export function placeAfter(doc: Y.Doc, id: string, afterId: string | null): void {
  const order = getOrder(doc);
  if (afterId === null) return order.insert(0, [id]);
  const index = order.toArray().indexOf(afterId);
  order.insert(index >= 0 ? index + 1 : order.length, [id]);
}

/** Puts `id` into the order just before the first `beforeId` (at the end when it is absent). */
export function placeBefore(doc: Y.Doc, id: string, beforeId: string): void {
  const order = getOrder(doc);
  const index = order.toArray().indexOf(beforeId);
  order.insert(index >= 0 ? index : order.length, [id]);
}

/** Removes every occurrence of `id` from the order (concurrent moves may have left more than one). */
export function removeFromOrder(doc: Y.Doc, id: string): void {
  const order = getOrder(doc);
  const ids = order.toArray();
  for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === id) order.delete(i, 1);
}

/** The delta from character `from` to the end, each insert copied so it can be written into another text. */
export function deltaFrom(text: Y.XmlText, from: number): DeltaOp[] {
  const out: DeltaOp[] = [];
  let position = 0;
  for (const op of text.toDelta() as DeltaOp[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    const skip = Math.max(0, from - position);
    position += length;
    if (skip >= length) continue;
    const insert = typeof op.insert === 'string' ? op.insert.slice(skip) : op.insert instanceof Y.AbstractType ? op.insert.clone() : op.insert;
    out.push(op.attributes ? { insert, attributes: { ...op.attributes } } : { insert });
  }
  return out;
}

/**
 * Writes `ops` at the end of `text`. Every op states its own attributes (none for plain text), so text
 * appended after an italic run does not turn italic.
 */
export function appendDelta(text: Y.XmlText, ops: readonly DeltaOp[]): void {
  if (ops.length === 0) return;
  const length = text.length;
  const inserts = ops.map((op) => ({ insert: op.insert, attributes: op.attributes ?? {} }));
  text.applyDelta(length > 0 ? [{ retain: length }, ...inserts] : inserts);
}

/** Removes the paragraph: its place in the order, its map, its bracket records, and the floor when it was there (or moves the floor to `floorTo`). */
export function removeParagraph(doc: Y.Doc, id: string, floorTo: string | null = null): void {
  removeFromOrder(doc, id);
  getParagraphs(doc).delete(id);
  const brackets = getBrackets(doc);
  for (const [bracketId, record] of [...brackets.entries()]) if (record?.paragraphId === id) brackets.delete(bracketId);
  const meta = getMeta(doc);
  if (meta.get(MetaField.floor) === id) meta.set(MetaField.floor, floorTo);
}

/** Anchors for the characters [from, to) of `text` in the stored form: every key present, as the record schema asks. */
export function storedRange(text: Y.XmlText, from: number, to: number): { start: RelativePositionJson; end: RelativePositionJson } {
  const { start, end } = anchorRange(text, from, to);
  return { start: stored(start), end: stored(end) };
}

// Y.relativePositionToJSON leaves out the keys that are null.
function stored(position: Partial<RelativePositionJson>): RelativePositionJson {
  return { type: position.type ?? null, tname: position.tname ?? null, item: position.item ?? null, assoc: position.assoc ?? 0 };
}
