/**
 * What a local copy holds that the server's copy lacks, told apart struct by struct: an item the server
 * has never seen was written here; an item the server has alive but this copy has deleted was deleted
 * here. Everything else in the local copy came from the server. Pure: reads two Y.Docs, changes neither.
 */
import * as Y from 'yjs';

/** A Yjs delete set (the class is not exported by name). */
type DeleteSet = ReturnType<typeof Y.createDeleteSetFromStructStore>;

/** The server copy's state vector and delete set, read once. */
export interface ServerView {
  readonly stateVector: Map<number, number>;
  readonly deleted: DeleteSet;
}

/** What a map key reads in the local copy when it differs from the server's by local work. */
export type KeyChange = { kind: 'set'; value: unknown } | { kind: 'removed' } | null;

/** Reads the server copy once, for the checks below. */
export function serverView(server: Y.Doc): ServerView {
  return { stateVector: Y.decodeStateVector(Y.encodeStateVector(server)), deleted: Y.createDeleteSetFromStructStore(server.store) };
}

/** True when the server lacks some of this item (it was written in the local copy). */
export function isLocalItem(view: ServerView, item: Y.Item): boolean {
  return (view.stateVector.get(item.id.client) ?? 0) < item.id.clock + item.length;
}

/** True when the local copy deleted this item while the server still has some of it alive. */
export function isLocallyDeleted(view: ServerView, item: Y.Item): boolean {
  if (!item.deleted) return false;
  const known = Math.min(item.length, (view.stateVector.get(item.id.client) ?? 0) - item.id.clock);
  return known > 0 && !rangeDeleted(view.deleted, item.id.client, item.id.clock, known);
}

/**
 * How the local value of `key` in `map` differs from the server's by local work: set to a value written
 * here, removed here (the server still has the value this copy removed), or null (no local change).
 */
export function keyChange(view: ServerView, map: Y.AbstractType<any>, key: string): KeyChange {
  const latest = map._map.get(key);
  if (!latest) return null;
  if (!latest.deleted) return isLocalItem(view, latest) ? { kind: 'set', value: (map as Y.Map<unknown>).get(key) } : null;
  // Deleted here: find the newest value the server knows (values set and removed here are skipped).
  let known: Y.Item | null = latest;
  while (known && isLocalItem(view, known)) known = known.left;
  return known && isLocallyDeleted(view, known) ? { kind: 'removed' } : null;
}

/** True when anything inside `type` (its items, nested types and attributes) was written or deleted locally. */
export function hasLocalWork(view: ServerView, type: Y.AbstractType<any>): boolean {
  for (let item = type._start; item; item = item.right) {
    if (item.deleted) {
      if (isLocallyDeleted(view, item)) return true;
      continue;
    }
    if (isLocalItem(view, item)) return true;
    if (item.content instanceof Y.ContentType && hasLocalWork(view, item.content.type)) return true;
  }
  for (const key of type._map.keys()) if (keyChange(view, type, key)) return true;
  return false;
}

interface DeleteRange {
  clock: number;
  len: number;
}

/** True when every clock in [clock, clock + length) of `client` is in the delete set. */
function rangeDeleted(ds: DeleteSet, client: number, clock: number, length: number): boolean {
  const ranges = ds.clients.get(client) as DeleteRange[] | undefined;
  if (!ranges) return false;
  // Ranges are sorted and merged (createDeleteSetFromStructStore): find the last one starting at or before clock.
  let low = 0;
  let high = ranges.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((ranges[mid] as DeleteRange).clock <= clock) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  let covered = clock;
  for (let i = Math.max(found, 0); i < ranges.length && covered < clock + length; i += 1) {
    const range = ranges[i] as DeleteRange;
    if (range.clock > covered) return false;
    covered = Math.max(covered, range.clock + range.len);
  }
  return covered >= clock + length;
}
