/**
 * The vocabulary of update judging: where a change lands (a path from a root type) and what it puts there.
 */
import * as Y from 'yjs';

/** A path segment: a map key, or null for a position in an array, text or XML sequence. */
export type Segment = string | null;

/** What an inserted item holds. */
export type TouchContent =
  | { kind: 'value'; value: unknown; values: unknown[] }
  | { kind: 'string'; length: number; text: string }
  | { kind: 'type'; typeName: TypeName; nodeName: string | null }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'deleted' }
  | { kind: 'other'; name: string };

/** The shared types an update can create. */
export type TypeName = 'map' | 'array' | 'text' | 'xml-fragment' | 'xml-element' | 'xml-text' | 'other';

/**
 * One change. `insert`/`delete`: a struct put into or taken out of a sequence at `path` (ending in null).
 * `set`: the map entry at `path` (ending in its key) will read one of `outcomes` after the update (the
 * current reading, when it may stay, is not listed); `existed` says whether it reads a value now, and
 * `container` identifies the map holding it (as Place.container).
 */
export type Touch =
  | { op: 'insert'; root: string; path: Segment[]; content: TouchContent }
  | { op: 'delete'; root: string; path: Segment[] }
  | { op: 'set'; root: string; path: Segment[]; outcomes: EntryOutcome[]; existed: boolean; container: string };

/**
 * What a map entry may read after an update: a value (`item`: the id, "client:clock", of the item holding it,
 * which is also the container of a shared type's own entries), or nothing at all.
 */
export type EntryOutcome = { kind: 'value'; content: TouchContent; item: string } | { kind: 'nothing' };

/** Where an item lands: its container (a root name or the container item's id), path and map key. */
export interface Place {
  root: string;
  /** Path from the root to the parent type. */
  parentPath: Segment[];
  /** The item's own key in a map parent, or null in a sequence. */
  sub: string | null;
  /** Identifies the parent type: "root:<name>" or "<client>:<clock>" of the item holding it. */
  container: string;
  /** The parent type when it is already in the document, else null (created by the update). */
  parentType: Y.AbstractType<unknown> | null;
  /** The item holding the parent type (in the document or the update), or null for a root. */
  holder: Y.Item | null;
}

/** Describes an item's content as plain data. */
export function describeContent(content: Y.Item['content']): TouchContent {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return { kind: 'value', value: content.getContent()[0], values: content.getContent() };
  // The struct's own string, not a copy: judging what was typed reads it once, whatever its size.
  if (content instanceof Y.ContentString) return { kind: 'string', length: content.getLength(), text: content.str };
  if (content instanceof Y.ContentFormat) return { kind: 'format', key: content.key, value: content.value };
  if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
  if (content instanceof Y.ContentType) {
    const type = content.type;
    return { kind: 'type', typeName: typeNameOf(type), nodeName: type instanceof Y.XmlElement ? type.nodeName : null };
  }
  return { kind: 'other', name: content.constructor.name };
}

function typeNameOf(type: Y.AbstractType<unknown>): TypeName {
  if (type instanceof Y.XmlText) return 'xml-text';
  if (type instanceof Y.XmlElement) return 'xml-element';
  if (type instanceof Y.XmlFragment) return 'xml-fragment';
  if (type instanceof Y.Text) return 'text';
  if (type instanceof Y.Map) return 'map';
  if (type instanceof Y.Array) return 'array';
  return 'other';
}
