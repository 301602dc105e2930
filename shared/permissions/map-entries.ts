/**
 * What each map entry touched by an update will read once the update is applied. A map entry reads the
 * last item of its chain when that item is not deleted, and nothing otherwise; an honest client always
 * writes a new value as the newest item (its left origin the current last item, no right origin). An entry
 * whose new items chain from the current value certainly reads the update's last value; one whose items
 * start from an older value (offline work racing another writer) reads either that value or its current
 * one, and both are judged.
 */
import * as Y from 'yjs';
import { describeContent, type EntryOutcome, type Place, type Touch } from './touch.ts';
import { rangesCover, type NormalizedDeletes } from './update-decoding.ts';

interface EntryGroup {
  place: Place;
  /** The update's items for this entry. */
  items: Y.Item[];
  /** True when the update deletes the entry's current (live) item. */
  deletesCurrent: boolean;
}

const nothing: EntryOutcome = { kind: 'nothing' };

/** Collects an update's items and deletions per map entry, then resolves what each entry will read. */
export class EntryResolver {
  private readonly groups = new Map<string, EntryGroup>();

  /** Resolves against the update's normalised delete set; entries of maps that `parentDeleted` says go with their parent are left out. */
  constructor(
    private readonly deletes: NormalizedDeletes,
    private readonly parentDeleted: (place: Place) => boolean,
  ) {}

  /** Records an item the update adds to the map entry at `place` (place.sub is its key). */
  addItem(place: Place, item: Y.Item): void {
    this.group(place).items.push(item);
  }

  /** Records that the update deletes the live item of the map entry at `place`. */
  addDeletion(place: Place): void {
    this.group(place).deletesCurrent = true;
  }

  /** Appends one `set` touch per entry that may read differently; returns why the update is refused, or null. */
  resolve(touches: Touch[]): string | null {
    for (const { place, items, deletesCurrent } of this.groups.values()) {
      // A map the update deletes takes its entries with it (an edit, then the paragraph deleted, offline).
      if (this.parentDeleted(place)) continue;
      const key = place.sub as string;
      const current = (place.parentType?._map.get(key) as Y.Item | undefined) ?? null;
      const existed = current !== null && !current.deleted;
      const path = [...place.parentPath, key];
      if (items.length === 0) {
        if (deletesCurrent && existed) touches.push({ op: 'set', root: place.root, path, outcomes: [nothing], existed, container: place.container });
        continue;
      }
      const chain = chainOf(items);
      if (typeof chain === 'string') return chain;
      const tail = chain.tail;
      const tailReads: EntryOutcome =
        tail.content instanceof Y.ContentDeleted || rangesCover(this.deletes, tail.id.client, tail.id.clock)
          ? nothing
          : { kind: 'value', content: describeContent(tail.content), item: `${tail.id.client}:${tail.id.clock}` };
      const certain = current ? sameId(chain.head.origin, current.id.client, current.id.clock + current.length - 1) : chain.head.origin === null;
      const outcomes = [tailReads];
      if (!certain && deletesCurrent && existed) outcomes.push(nothing);
      touches.push({ op: 'set', root: place.root, path, outcomes, existed, container: place.container });
    }
    return null;
  }

  private group(place: Place): EntryGroup {
    const key = `${place.container}\u0000${place.sub}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { place, items: [], deletesCurrent: false };
      this.groups.set(key, group);
    }
    return group;
  }
}

/** The update's items of one entry as one chain (each after the one before), or why they are not one. */
function chainOf(items: Y.Item[]): { head: Y.Item; tail: Y.Item } | string {
  const byLastId = new Map<string, Y.Item>();
  for (const item of items) {
    if (item.rightOrigin !== null) return 'a map entry is always written as its newest value';
    if (item.length > 1 && !(item.content instanceof Y.ContentDeleted)) return 'a map entry holds exactly one value';
    byLastId.set(`${item.id.client}:${item.id.clock + item.length - 1}`, item);
  }
  const followed = new Set<Y.Item>();
  const heads: Y.Item[] = [];
  for (const item of items) {
    const before = item.origin ? byLastId.get(`${item.origin.client}:${item.origin.clock}`) : undefined;
    if (!before) heads.push(item);
    else if (followed.has(before)) return 'a map entry is set twice at once';
    else followed.add(before);
  }
  const tails = items.filter((item) => !followed.has(item));
  if (heads.length !== 1 || tails.length !== 1) return 'a map entry is set twice at once';
  return { head: heads[0] as Y.Item, tail: tails[0] as Y.Item };
}

function sameId(id: Y.ID | null, client: number, clock: number): boolean {
  return id !== null && id.client === client && id.clock === clock;
}
