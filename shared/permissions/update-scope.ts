/**
 * What a Yjs update would change in a document, found before applying it: each insert and delete placed
 * at its path from a root type (map keys, and null for positions in sequences), the client ids it writes
 * under, and whether some change cannot be placed (it depends on state the document lacks).
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { InvalidInputError } from '../errors.ts';

/** A path segment: a map key, or null for a position in an array, text or XML sequence. */
export type Segment = string | null;

/** What an inserted item holds. */
export type TouchContent =
  | { kind: 'value'; value: unknown }
  | { kind: 'string' }
  | { kind: 'type'; typeName: TypeName; nodeName: string | null }
  | { kind: 'format'; key: string; value: unknown }
  | { kind: 'deleted' }
  | { kind: 'other'; name: string };

/** The shared types an update can create. */
export type TypeName = 'map' | 'array' | 'text' | 'xml-fragment' | 'xml-element' | 'xml-text' | 'other';

/** One change: an insert (with its content) or a delete, at `path` below root type `root`. */
export type Touch =
  | { op: 'insert'; root: string; path: Segment[]; content: TouchContent }
  | { op: 'delete'; root: string; path: Segment[] };

/** Everything an update would change. */
export interface UpdateScope {
  touches: Touch[];
  /** Client ids under which the update adds structs the document does not have yet. */
  clientIds: number[];
  /** Why some change could not be placed, or null when every change was. */
  unresolved: string | null;
}

type DeleteSet = ReturnType<typeof Y.createDeleteSet>;

interface Place {
  root: string;
  /** Path from the root to the parent type. */
  parentPath: Segment[];
  /** The item's own key in a map parent, or null in a sequence. */
  sub: string | null;
}

/** Where an item lands: a place, nowhere visible (Yjs turns it into garbage), or unknown (null). */
type Located = Place | typeof garbage | null;

const garbage = Symbol('garbage');

const maxDepth = 1000;

/**
 * Describes `update` against `doc` without changing `doc`, and returns `missing`: the part of the update the
 * document lacks, which is what was described and what must be applied. Throws InvalidInputError when the
 * update cannot be decoded.
 */
export function describeUpdate(doc: Y.Doc, update: Uint8Array): { scope: UpdateScope; missing: Uint8Array } {
  let decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded;
  } catch (error) {
    throw new InvalidInputError(`The update cannot be decoded: ${(error as Error).message}.`);
  }
  // Y.applyUpdate keeps only the last section of a client that is listed twice, while decodeUpdate yields
  // both: judging one and applying the other would let a hidden section through. Yjs never writes that.
  const sections = decoding.readVarUint(decoding.createDecoder(update));
  if (sections !== new Set(decoded.structs.map((struct) => struct.id.client)).size) {
    throw new InvalidInputError('The update lists a client in more than one section (or an empty section).');
  }
  // Judge only what the document lacks, cut at the clocks it knows: a struct that starts inside known
  // content is integrated by Yjs next to what is really there, whatever origin the sender wrote for it.
  let missing: Uint8Array;
  try {
    missing = Y.diffUpdate(update, Y.encodeStateVector(doc));
    decoded = Y.decodeUpdate(missing) as typeof decoded;
  } catch (error) {
    throw new InvalidInputError(`The update cannot be decoded: ${(error as Error).message}.`);
  }
  return { scope: new ScopeReader(doc, decoded.structs, decoded.ds).read(), missing };
}

class ScopeReader {
  private readonly places = new Map<Y.Item, Located>();
  private readonly updateItems = new Map<number, (Y.Item | Y.GC)[]>();
  private unresolved: string | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: (Y.Item | Y.GC | Y.Skip)[],
    private readonly ds: DeleteSet,
  ) {
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue;
      const list = this.updateItems.get(struct.id.client) ?? [];
      list.push(struct);
      this.updateItems.set(struct.id.client, list);
    }
  }

  read(): UpdateScope {
    const touches: Touch[] = [];
    const clientIds = new Set<number>();
    const nextClock = new Map<number, number>();
    for (const struct of this.structs) {
      if (struct instanceof Y.Skip) {
        this.markUnresolved('it skips over changes the server does not have');
        continue;
      }
      const known = Y.getState(this.doc.store, struct.id.client);
      const follows = nextClock.get(struct.id.client) === struct.id.clock;
      nextClock.set(struct.id.client, struct.id.clock + struct.length);
      if (struct.id.clock + struct.length <= known) continue;
      if (struct.id.clock > known && !follows) this.markUnresolved('it builds on changes the server does not have');
      clientIds.add(struct.id.client);
      if (!(struct instanceof Y.Item)) continue;
      const place = this.placeOfUpdateItem(struct, 0);
      if (!place || place === garbage) continue;
      // A map entry reads back its last value, while a rule would judge them all: one value per entry.
      if (place.sub !== null && struct.length > 1) this.markUnresolved('a map entry holds exactly one value');
      touches.push({ op: 'insert', root: place.root, path: [...place.parentPath, place.sub], content: describeContent(struct.content) });
    }
    touches.push(...this.deletions());
    return { touches, clientIds: [...clientIds], unresolved: this.unresolved };
  }

  private deletions(): Touch[] {
    const touches: Touch[] = [];
    for (const [client, ranges] of this.ds.clients) {
      const structs = this.doc.store.clients.get(client);
      const known = Y.getState(this.doc.store, client);
      for (const range of ranges) {
        const end = range.clock + range.len;
        if (end > known && !this.coveredByUpdate(client, Math.max(range.clock, known), end)) {
          this.markUnresolved('it deletes content the server does not have');
        }
        if (!structs || range.clock >= known) continue;
        for (let i = Y.findIndexSS(structs, range.clock); i < structs.length; i++) {
          const struct = structs[i] as Y.Item | Y.GC;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          const place = this.placeOfDocItem(struct);
          if (place) touches.push({ op: 'delete', root: place.root, path: [...place.parentPath, place.sub] });
        }
      }
    }
    return touches;
  }

  private coveredByUpdate(client: number, from: number, to: number): boolean {
    let at = from;
    while (at < to) {
      const item = this.findUpdateStruct(client, at);
      if (!item) return false;
      at = item.id.clock + item.length;
    }
    return true;
  }

  private placeOfUpdateItem(item: Y.Item, depth: number): Located {
    if (this.places.has(item)) return this.places.get(item) ?? null;
    const place = depth > maxDepth ? null : this.locateUpdateItem(item, depth);
    if (!place) this.markUnresolved('a change could not be placed in the document');
    this.places.set(item, place);
    return place;
  }

  /** Mirrors Item.getMissing/integrate of Yjs: where the item lands once applied. */
  private locateUpdateItem(item: Y.Item, depth: number): Located {
    const parent = item.parent as unknown;
    // Yjs trusts references within one client to point backwards; a forward one makes applyUpdate throw
    // halfway through, leaving the document changed but nothing stored or relayed.
    for (const id of [item.origin, item.rightOrigin, parent]) {
      if (id instanceof Y.ID && id.client === item.id.client && id.clock >= item.id.clock) {
        throw new InvalidInputError(`Malformed update: struct ${item.id.client}:${item.id.clock} refers to a later struct of its own client.`);
      }
    }
    if (typeof parent === 'string') return { root: parent, parentPath: [], sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const container = this.findStruct(parent);
      if (!container) return null;
      // A parent that is garbage, or no longer a type (a deleted type is kept as ContentDeleted), makes garbage.
      if (!(container instanceof Y.Item) || !(container.content instanceof Y.ContentType)) return garbage;
      const containerPlace = this.placeOf(container, depth + 1);
      if (!containerPlace || containerPlace === garbage) return containerPlace;
      return { root: containerPlace.root, parentPath: [...containerPlace.parentPath, containerPlace.sub], sub: item.parentSub };
    }
    const left = item.origin ? this.findStruct(item.origin) : undefined;
    const right = item.rightOrigin ? this.findStruct(item.rightOrigin) : undefined;
    if ((item.origin && !left) || (item.rightOrigin && !right)) return null;
    const leftPlace = left instanceof Y.Item ? this.placeOf(left, depth + 1) : left ? garbage : undefined;
    const rightPlace = right instanceof Y.Item ? this.placeOf(right, depth + 1) : right ? garbage : undefined;
    if (leftPlace === garbage || rightPlace === garbage) return garbage;
    const neighbourPlace = leftPlace !== undefined ? leftPlace : rightPlace;
    return neighbourPlace ? { ...neighbourPlace } : null;
  }

  private placeOf(item: Y.Item, depth: number): Located {
    return this.isInDoc(item) ? this.placeOfDocItem(item) : this.placeOfUpdateItem(item, depth);
  }

  private placeOfDocItem(item: Y.Item): Place | null {
    const parentPath: Segment[] = [];
    let type = item.parent as Y.AbstractType<unknown> | null;
    if (!(type instanceof Y.AbstractType)) return null;
    while (type._item) {
      parentPath.unshift(type._item.parentSub);
      type = type._item.parent as Y.AbstractType<unknown> | null;
      if (!(type instanceof Y.AbstractType)) return null;
    }
    return { root: Y.findRootTypeKey(type), parentPath, sub: item.parentSub };
  }

  private isInDoc(item: Y.Item): boolean {
    return item.parent instanceof Y.AbstractType;
  }

  /** The struct holding `id`: from the document, else from the update (GC included), else undefined. */
  private findStruct(id: Y.ID): Y.Item | Y.GC | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC | Y.Skip;
      return struct instanceof Y.Skip ? undefined : struct;
    }
    return this.findUpdateStruct(id.client, id.clock);
  }

  /** The update's own struct of `client` holding `clock` (binary search), or undefined. */
  private findUpdateStruct(client: number, clock: number): Y.Item | Y.GC | undefined {
    const structs = this.updateItems.get(client) ?? [];
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = structs[middle] as Y.Item | Y.GC;
      if (clock < struct.id.clock) high = middle - 1;
      else if (clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return undefined;
  }

  private markUnresolved(reason: string): void {
    this.unresolved ??= reason;
  }
}

function describeContent(content: Y.Item['content']): TouchContent {
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) return { kind: 'value', value: content.getContent()[0] };
  if (content instanceof Y.ContentString) return { kind: 'string' };
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
