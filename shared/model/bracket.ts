/**
 * Brackets: contested words of a paragraph, held by delegations. A bracket's words stay in the paragraph's
 * text untouched; the bracket itself is a record in the `brackets` root map, keyed by id, anchored to the
 * words by two Yjs relative positions (start sticks to its first word's first character, end to its last
 * word's last character, so typing at either edge lands outside). Only commands write records, so a raw
 * update never carries bracket data and concurrent typing can never leave half a bracket.
 */
import * as Y from 'yjs';
import type { RelativePositionJson } from '../protocol/presence.ts';
import { DocRoot } from './negotiation-doc.ts';
import { randomId } from './random-id.ts';

/** Where a holder stands on the bracketed words. */
export const Stance = { propose: 'propose', retain: 'retain', delete: 'delete' } as const;

/** One of the values of Stance. */
export type Stance = (typeof Stance)[keyof typeof Stance];

/** A delegation holding a bracket, with its stance. */
export interface BracketHolder {
  delegation: string;
  stance: Stance;
}

/** A bracket as stored (plain JSON, replaced whole on every change). */
export interface BracketRecord {
  paragraphId: string;
  /** Relative position of the first bracketed character (assoc 0). */
  start: RelativePositionJson;
  /** Relative position just after the last bracketed character (assoc -1: sticks to that character). */
  end: RelativePositionJson;
  holders: BracketHolder[];
  /** Alternatives share a group id; null for a bracket standing alone. */
  group: string | null;
  /** ISO 8601. */
  createdAt: string;
}

/** The root map of bracket records. */
export function getBrackets(doc: Y.Doc): Y.Map<BracketRecord> {
  return doc.getMap<BracketRecord>(DocRoot.brackets);
}

/** A new bracket id. */
export function newBracketId(): string {
  return randomId('b');
}

/** A new alternative-group id. */
export function newGroupId(): string {
  return randomId('g');
}

/** The Y.XmlText holding a paragraph's characters (the text of its one block), or undefined. */
export function paragraphCharacters(doc: Y.Doc, paragraphId: string): Y.XmlText | undefined {
  const paragraph = doc.getMap<Y.Map<unknown>>(DocRoot.paragraphs).get(paragraphId);
  const fragment = paragraph?.get('text');
  if (!(fragment instanceof Y.XmlFragment)) return undefined;
  const block = fragment.get(0);
  const text = block instanceof Y.XmlElement ? block.get(0) : undefined;
  return text instanceof Y.XmlText ? text : undefined;
}

/** Relative positions for the characters [from, to) of `text`: start sticks to `from`, end to `to - 1`. */
export function anchorRange(text: Y.XmlText, from: number, to: number): { start: RelativePositionJson; end: RelativePositionJson } {
  return { start: positionJson(Y.createRelativePositionFromTypeIndex(text, from, 0)), end: positionJson(Y.createRelativePositionFromTypeIndex(text, to, -1)) };
}

/** A relative position as JSON with all four keys (Yjs leaves out the null ones; the schemas expect them). */
export function positionJson(position: Y.RelativePosition): RelativePositionJson {
  const json = Y.relativePositionToJSON(position) as Partial<RelativePositionJson>;
  return { type: json.type ?? null, tname: json.tname ?? null, item: json.item ?? null, assoc: json.assoc ?? 0 };
}

/** Where a relative position stands in `text` now (a character index), or null when it points elsewhere. */
export function resolveAnchor(doc: Y.Doc, text: Y.XmlText, position: RelativePositionJson): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), doc);
  return absolute && absolute.type === text ? absolute.index : null;
}

/**
 * The characters [start, end) a bracket spans now, or null when its paragraph or anchors are gone. Deleting
 * all its words leaves it empty (start === end), never inverted.
 */
export function bracketSpan(doc: Y.Doc, record: BracketRecord): { start: number; end: number } | null {
  const text = paragraphCharacters(doc, record.paragraphId);
  if (!text) return null;
  const start = resolveAnchor(doc, text, record.start);
  const end = resolveAnchor(doc, text, record.end);
  if (start === null || end === null) return null;
  return { start, end: Math.max(start, end) };
}
