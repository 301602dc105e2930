/**
 * Writes Yjs version 1 updates struct by struct, as a hostile encoder can: any origin, right origin, parent,
 * content (values, deleted content, strings, shared types, formats, JSON, binary, embeds, subdocuments),
 * garbage and skips, and any delete set, repeated ranges included. Honest clients never write most of these shapes; the server must judge them all the same.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** An item's content. */
export type ForgedContent =
  | { any: unknown[] }
  | { deleted: number }
  | { string: string }
  | { type: 'map' | 'array' | 'text' | 'xml-fragment' | 'xml-text' }
  | { element: string }
  | { format: string; value: unknown }
  | { json: unknown[] }
  | { binary: Uint8Array }
  | { embed: unknown }
  | { hook: string }
  | { doc: string };

/** An item: neighbours (ids) or, when it has none, a parent (a root name or the id of the item holding it). */
export interface ForgedItem {
  clock: number;
  origin?: Y.ID | null;
  rightOrigin?: Y.ID | null;
  parent?: string | Y.ID;
  parentSub?: string;
  content: ForgedContent;
}

/** Garbage: `length` clocks with no content. */
export interface ForgedGC {
  clock: number;
  gc: number;
}

/** Skipped clocks: a gap the update says it does not carry (Yjs writes these only between merged updates). */
export interface ForgedSkip {
  clock: number;
  skip: number;
}

/** A delete range: client, clock, length. */
export type ForgedRange = [client: number, clock: number, len: number];

const typeRefs = { array: 0, map: 1, text: 2, 'xml-fragment': 4, 'xml-text': 6 } as const;

/** The version 1 bytes of `sections` (client -> its structs, in clock order) and the delete `ranges` as given. */
export function forgeUpdate(sections: Map<number, (ForgedItem | ForgedGC | ForgedSkip)[]>, ranges: ForgedRange[] = []): Uint8Array {
  return forgeSections([...sections], ranges);
}

/** Like forgeUpdate, from a list of sections in which a client may appear more than once (Yjs never writes that). */
export function forgeSections(sections: [client: number, structs: (ForgedItem | ForgedGC | ForgedSkip)[]][], ranges: ForgedRange[] = []): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, sections.length);
  for (const [client, structs] of sections) {
    encoding.writeVarUint(encoder, structs.length);
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, structs[0]?.clock ?? 0);
    for (const struct of structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, len] of ranges) {
    const list = byClient.get(client) ?? [];
    list.push([clock, len]);
    byClient.set(client, list);
  }
  encoding.writeVarUint(encoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, list.length);
    for (const [clock, len] of list) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** The id of the item a map entry reads now (its last item, live or not), for forging neighbours. */
export function entryItemId(map: Y.Map<unknown>, key: string): Y.ID {
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  if (!item) throw new Error(`no entry ${key}`);
  return Y.createID(item.id.client, item.id.clock + item.length - 1);
}

/** The id of the item that holds a shared type (its parent id for forged children). */
export function typeItemId(type: { _item: Y.Item | null }): Y.ID {
  if (!type._item) throw new Error('a root type has no item');
  return type._item.id;
}

function writeStruct(encoder: encoding.Encoder, struct: ForgedItem | ForgedGC | ForgedSkip): void {
  if ('gc' in struct || 'skip' in struct) {
    encoding.writeUint8(encoder, 'gc' in struct ? 0 : 10);
    encoding.writeVarUint(encoder, 'gc' in struct ? struct.gc : struct.skip);
    return;
  }
  const origin = struct.origin ?? null;
  const rightOrigin = struct.rightOrigin ?? null;
  const withParent = origin === null && rightOrigin === null;
  const info = contentRef(struct.content) | (origin ? 0x80 : 0) | (rightOrigin ? 0x40 : 0) | (withParent && struct.parentSub !== undefined ? 0x20 : 0);
  encoding.writeUint8(encoder, info);
  if (origin) writeId(encoder, origin);
  if (rightOrigin) writeId(encoder, rightOrigin);
  if (withParent) {
    if (typeof struct.parent === 'string') {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, struct.parent);
    } else if (struct.parent) {
      encoding.writeVarUint(encoder, 0);
      writeId(encoder, struct.parent);
    } else throw new Error('an item without neighbours needs a parent');
    if (struct.parentSub !== undefined) encoding.writeVarString(encoder, struct.parentSub);
  }
  writeContent(encoder, struct.content);
}

function contentRef(content: ForgedContent): number {
  if ('deleted' in content) return 1;
  if ('json' in content) return 2;
  if ('binary' in content) return 3;
  if ('string' in content) return 4;
  if ('embed' in content) return 5;
  if ('format' in content) return 6;
  if ('type' in content || 'element' in content || 'hook' in content) return 7;
  if ('doc' in content) return 9;
  return 8;
}

function writeContent(encoder: encoding.Encoder, content: ForgedContent): void {
  if ('deleted' in content) encoding.writeVarUint(encoder, content.deleted);
  else if ('string' in content) encoding.writeVarString(encoder, content.string);
  else if ('element' in content || 'hook' in content) {
    encoding.writeVarUint(encoder, 'element' in content ? 3 : 5);
    encoding.writeVarString(encoder, 'element' in content ? content.element : content.hook);
  } else if ('format' in content) {
    encoding.writeVarString(encoder, content.format);
    encoding.writeVarString(encoder, jsonText(content.value));
  } else if ('json' in content) {
    encoding.writeVarUint(encoder, content.json.length);
    for (const value of content.json) encoding.writeVarString(encoder, value === undefined ? 'undefined' : jsonText(value));
  } else if ('binary' in content) encoding.writeVarUint8Array(encoder, content.binary);
  else if ('embed' in content) encoding.writeVarString(encoder, jsonText(content.embed));
  else if ('doc' in content) {
    encoding.writeVarString(encoder, content.doc);
    encoding.writeAny(encoder, {});
  } else if ('type' in content) encoding.writeVarUint(encoder, typeRefs[content.type]);
  else {
    encoding.writeVarUint(encoder, content.any.length);
    for (const value of content.any) encoding.writeAny(encoder, value as never);
  }
}

/** JSON text of a value; what JSON cannot hold (a BigInt, a cycle) is written as null. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

function writeId(encoder: encoding.Encoder, id: Y.ID): void {
  encoding.writeVarUint(encoder, id.client);
  encoding.writeVarUint(encoder, id.clock);
}
