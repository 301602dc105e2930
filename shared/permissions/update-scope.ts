/**
 * What a Yjs update would change in a document, found before applying it. Sequence content (text, arrays,
 * XML children) is described struct by struct at its path from a root; a map entry is described by what it
 * will read once the update is applied (shared/permissions/map-entries.ts), never by the shape of single
 * structs. The work is proportional to the update plus the live content it deletes.
 */
import * as Y from 'yjs';
import { InvalidInputError } from '../errors.ts';
import { EntryResolver } from './map-entries.ts';
import { describeContent, type Place, type Segment, type Touch } from './touch.ts';
import { rangesCover, type DecodedUpdate } from './update-decoding.ts';

/** Everything an update would change. */
export interface UpdateScope {
  touches: Touch[];
  /** Client ids under which the update adds structs the document does not have yet. */
  clientIds: number[];
  /** Why the update cannot be judged (it depends on state the document lacks, or is built to mislead), or null. */
  refusal: string | null;
  /** For every sequence the update inserts into or deletes from: how many items it will hold after. */
  lengths: SequenceLength[];
}

/** How many items (counted as Yjs counts length) the sequence at `path` will hold once the update is applied. */
export interface SequenceLength {
  root: string;
  path: Segment[];
  /** The sequence's identity, as Place.container. */
  container: string;
  after: number;
}

/** Where an item lands: a place, nowhere visible (Yjs turns it into garbage), or unknown (null). */
type Located = Place | typeof garbage | null;

const garbage = Symbol('garbage');

const maxDepth = 1000;

/** True when applying `decoded` to `doc` would change anything; stops at the first change it finds. */
export function wouldChange(doc: Y.Doc, decoded: DecodedUpdate): boolean {
  if (decoded.structs.length > 0) return true;
  // decoded.deletes already leaves out what the deletion index knows is deleted (update-decoding.ts).
  for (const [client, ranges] of decoded.deletes) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const known = Y.getState(doc.store, client);
    for (const [start, end] of ranges) {
      if (start >= known) break;
      const to = Math.min(end, known);
      for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
        const struct = structs[i] as Y.Item | Y.GC;
        if (struct.id.clock >= to) break;
        if (struct instanceof Y.Item && !struct.deleted) return true;
      }
    }
  }
  return false;
}

/** Describes `decoded` against `doc` without changing `doc`. */
export function describeUpdate(doc: Y.Doc, decoded: DecodedUpdate): UpdateScope {
  return new ScopeReader(doc, decoded).read();
}

class ScopeReader {
  private readonly places = new Map<Y.Item, Located>();
  private readonly updateItems = new Map<number, (Y.Item | Y.GC)[]>();
  private readonly entries: EntryResolver;
  /** Where deletions from each parent type land (null: nowhere of its own), computed once per parent. */
  private readonly deletionParents = new Map<Y.AbstractType<unknown>, Place | null>();
  /** How the length of each sequence the update touches changes, by container. */
  private readonly sequences = new Map<string, { place: Place; parentType: Y.AbstractType<unknown> | null; delta: number }>();
  private refusal: string | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: DecodedUpdate,
  ) {
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Skip) continue;
      const list = this.updateItems.get(struct.id.client) ?? [];
      list.push(struct);
      this.updateItems.set(struct.id.client, list);
    }
    this.entries = new EntryResolver(decoded.deletes, (place) => this.parentDeleted(place));
  }

  read(): UpdateScope {
    if (this.waitsInACircle()) this.refuse('its changes wait on each other in a circle, so Yjs could never place them');
    const touches: Touch[] = [];
    const clientIds = this.readStructs(touches);
    this.readDeletions(touches);
    const entryRefusal = this.entries.resolve(touches);
    const lengths = [...this.sequences.values()].filter(({ place }) => !this.parentDeleted(place)).map(({ place, parentType, delta }) => ({
      root: place.root,
      path: place.parentPath,
      container: place.container,
      after: (parentType?._length ?? 0) + delta,
    }));
    return { touches, clientIds, refusal: this.refusal ?? entryRefusal, lengths };
  }

  private readStructs(touches: Touch[]): number[] {
    const clientIds = new Set<number>();
    const nextClock = new Map<number, number>();
    const withContent = new Set<number>();
    for (const struct of this.decoded.structs) {
      if (struct instanceof Y.Skip) {
        this.refuse('it skips over changes the server does not have');
        continue;
      }
      // Yjs integrates an empty struct at the current clock, where a map entry then reads nothing; it never writes one.
      if (struct.length === 0) throw new InvalidInputError('Malformed update: a struct of length zero.');
      const client = struct.id.client;
      const known = Y.getState(this.doc.store, client);
      const follows = nextClock.get(client) === struct.id.clock;
      nextClock.set(client, struct.id.clock + struct.length);
      if (struct.id.clock + struct.length <= known) continue;
      if (struct.id.clock > known && !follows) this.refuse('it builds on changes the server does not have');
      clientIds.add(client);
      if (!(struct instanceof Y.Item)) continue;
      if (!(struct.content instanceof Y.ContentDeleted)) withContent.add(client);
      const place = this.placeOfUpdateItem(struct, 0);
      if (!place || place === garbage) continue;
      if (place.sub !== null) this.entries.addItem(place, struct);
      else {
        touches.push({ op: 'insert', root: place.root, path: [...place.parentPath, null], content: describeContent(struct.content) });
        const lives = struct.content.isCountable() && !(struct.content instanceof Y.ContentDeleted)
          && !rangesCover(this.decoded.deletes, struct.id.client, struct.id.clock);
        if (lives) this.sequence(place).delta += struct.length;
      }
    }
    // A client id the document has never seen costs a state-vector entry forever: it must bring content.
    for (const client of clientIds) {
      if (Y.getState(this.doc.store, client) === 0 && !withContent.has(client)) {
        this.refuse(`it creates client ${client} with nothing in it but deleted content`);
      }
    }
    return [...clientIds];
  }

  private readDeletions(touches: Touch[]): void {
    for (const [client, ranges] of this.decoded.deletes) {
      const structs = this.doc.store.clients.get(client);
      const known = Y.getState(this.doc.store, client);
      for (const [start, end] of ranges) {
        if (end > known && !this.coveredByUpdate(client, Math.max(start, known), end)) {
          this.refuse('it deletes content the server does not have');
        }
        if (!structs || start >= known) continue;
        const to = Math.min(end, known);
        for (let i = Y.findIndexSS(structs, start); i < structs.length; i++) {
          const struct = structs[i] as Y.Item | Y.GC;
          if (struct.id.clock >= to) break;
          if (struct instanceof Y.Item && !struct.deleted) this.readDeletion(struct, touches, Math.min(to, struct.id.clock + struct.length) - Math.max(start, struct.id.clock));
        }
      }
    }
  }

  private readDeletion(item: Y.Item, touches: Touch[], deletedLength: number): void {
    const parent = item.parent as Y.AbstractType<unknown>;
    let parentPlace = this.deletionParents.get(parent);
    if (parentPlace === undefined) {
      // Deleting a type deletes what it holds: only the outermost deletion is a change of its own.
      parentPlace = this.ancestorDeleted(item) ? null : this.placeOfDocItem(item);
      this.deletionParents.set(parent, parentPlace);
      // One touch says everything about deletions from one sequence: the rules look at the path alone.
      if (parentPlace && item.parentSub === null) touches.push({ op: 'delete', root: parentPlace.root, path: [...parentPlace.parentPath, null] });
    }
    if (parentPlace && item.parentSub !== null) this.entries.addDeletion({ ...parentPlace, sub: item.parentSub });
    else if (parentPlace && item.countable) this.sequence(parentPlace).delta -= deletedLength;
  }

  private sequence(place: Place): { place: Place; parentType: Y.AbstractType<unknown> | null; delta: number } {
    let entry = this.sequences.get(place.container);
    if (!entry) {
      entry = { place, parentType: place.parentType, delta: 0 };
      this.sequences.set(place.container, entry);
    }
    return entry;
  }

  /** True when the update deletes the type holding `place`, or a type holding that one: what is inside goes with it. */
  private parentDeleted(place: Place): boolean {
    let holder = place.holder;
    for (let depth = 0; holder && depth <= maxDepth; depth++) {
      if (rangesCover(this.decoded.deletes, holder.id.client, holder.id.clock)) return true;
      if (holder.parent instanceof Y.AbstractType) holder = holder.parent._item;
      else {
        const located = this.places.get(holder);
        holder = located && located !== garbage ? located.holder : null;
      }
    }
    return false;
  }

  private ancestorDeleted(item: Y.Item): boolean {
    let type = item.parent as Y.AbstractType<unknown> | null;
    while (type instanceof Y.AbstractType && type._item) {
      if (rangesCover(this.decoded.deletes, type._item.id.client, type._item.id.clock)) return true;
      type = type._item.parent as Y.AbstractType<unknown> | null;
    }
    return false;
  }

  /**
   * True when the update's structs depend on each other in a cycle, following what Yjs waits for before it
   * integrates a struct: its origin, right origin and parent when they belong to another client, and the
   * struct before it of its own client. Such structs stay pending forever (and land later, unjudged).
   */
  private waitsInACircle(): boolean {
    const visiting = 1;
    const done = 2;
    const marks = new Map<Y.Item | Y.GC, number>();
    const dependencies = (struct: Y.Item | Y.GC): (Y.Item | Y.GC)[] => {
      const out: (Y.Item | Y.GC)[] = [];
      const before = this.findUpdateStruct(struct.id.client, struct.id.clock - 1);
      if (before) out.push(before);
      if (!(struct instanceof Y.Item)) return out;
      for (const id of [struct.origin, struct.rightOrigin, struct.parent instanceof Y.ID ? struct.parent : null]) {
        if (!id || id.client === struct.id.client) continue;
        const target = this.findUpdateStruct(id.client, id.clock);
        if (target) out.push(target);
      }
      return out;
    };
    for (const structs of this.updateItems.values()) {
      for (const start of structs) {
        if (marks.has(start)) continue;
        const stack: { struct: Y.Item | Y.GC; next: (Y.Item | Y.GC)[] }[] = [{ struct: start, next: dependencies(start) }];
        marks.set(start, visiting);
        while (stack.length > 0) {
          const top = stack[stack.length - 1] as { struct: Y.Item | Y.GC; next: (Y.Item | Y.GC)[] };
          const dependency = top.next.pop();
          if (!dependency) {
            marks.set(top.struct, done);
            stack.pop();
            continue;
          }
          const mark = marks.get(dependency);
          if (mark === visiting) return true;
          if (mark === done) continue;
          marks.set(dependency, visiting);
          stack.push({ struct: dependency, next: dependencies(dependency) });
        }
      }
    }
    return false;
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
    // Marked while it is being placed: origins that lead back to it form a cycle, which Yjs can never place.
    this.places.set(item, null);
    const place = depth > maxDepth ? null : this.locateUpdateItem(item, depth);
    if (!place) this.refuse('a change could not be placed in the document');
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
    if (typeof parent === 'string') {
      const parentType = (this.doc.share.get(parent) as Y.AbstractType<unknown> | undefined) ?? null;
      return { root: parent, parentPath: [], sub: item.parentSub, container: `root:${parent}`, parentType, holder: null };
    }
    if (parent instanceof Y.ID) {
      const container = this.findStruct(parent);
      if (!container) return null;
      // A parent that is garbage, or no longer a type (a deleted type is kept as ContentDeleted), makes garbage.
      if (!(container instanceof Y.Item) || !(container.content instanceof Y.ContentType)) return garbage;
      const containerPlace = this.placeOf(container, depth + 1);
      if (!containerPlace || containerPlace === garbage) return containerPlace;
      return {
        root: containerPlace.root,
        parentPath: [...containerPlace.parentPath, containerPlace.sub],
        sub: item.parentSub,
        container: `${container.id.client}:${container.id.clock}`,
        holder: container,
        parentType: this.isInDoc(container) ? ((container.content as Y.ContentType).type as unknown as Y.AbstractType<unknown>) : null,
      };
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
    const parentType = item.parent as Y.AbstractType<unknown> | null;
    let type = parentType;
    if (!(type instanceof Y.AbstractType)) return null;
    while (type._item) {
      parentPath.unshift(type._item.parentSub);
      type = type._item.parent as Y.AbstractType<unknown> | null;
      if (!(type instanceof Y.AbstractType)) return null;
    }
    const root = Y.findRootTypeKey(type);
    const holder = (parentType as Y.AbstractType<unknown>)._item;
    const container = holder ? `${holder.id.client}:${holder.id.clock}` : `root:${root}`;
    return { root, parentPath, sub: item.parentSub, container, parentType, holder };
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

  private refuse(reason: string): void {
    this.refusal ??= reason;
  }
}
