/**
 * Which clock ranges of a document are known to be deleted, kept up to date after every transaction, so
 * that judging a delete set costs a binary search per range instead of a walk over the document. It is
 * sound, not complete: a range it lists is deleted (content never comes back), while structs it does not
 * list (garbage that arrived as such) are simply walked.
 */
import * as Y from 'yjs';

const indexes = new WeakMap<Y.Doc, DeletionIndex>();

/** Deleted ranges of one document, per client: sorted, disjoint, each [start, end). */
export class DeletionIndex {
  private readonly ranges = new Map<number, [number, number][]>();

  private constructor(doc: Y.Doc) {
    const ds = Y.createDeleteSetFromStructStore(doc.store) as unknown as DeleteSet;
    for (const [client, items] of ds.clients) this.addAll(client, items);
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const [client, items] of (transaction.deleteSet as unknown as DeleteSet).clients) this.addAll(client, items);
    });
  }

  /** The index of `doc`, built on first use (one pass over the document) and updated after each transaction. */
  static for(doc: Y.Doc): DeletionIndex {
    let index = indexes.get(doc);
    if (!index) {
      index = new DeletionIndex(doc);
      indexes.set(doc, index);
    }
    return index;
  }

  /** Calls `visit` for each part of [start, end) of `client` not known to be deleted; stops when it returns true. */
  forEachGap(client: number, start: number, end: number, visit: (from: number, to: number) => boolean): boolean {
    const list = this.ranges.get(client) ?? [];
    let at = start;
    for (let i = this.firstEndingAfter(list, start); i < list.length && at < end; i++) {
      const [from, to] = list[i] as [number, number];
      if (from > at && visit(at, Math.min(from, end))) return true;
      at = Math.max(at, to);
    }
    return at < end ? visit(at, end) : false;
  }

  private addAll(client: number, items: { clock: number; len: number }[]): void {
    let list = this.ranges.get(client);
    if (!list) {
      list = [];
      this.ranges.set(client, list);
    }
    for (const item of items) if (item.len > 0) this.add(list, item.clock, item.clock + item.len);
  }

  private add(list: [number, number][], start: number, end: number): void {
    let i = this.firstEndingAfter(list, start - 1);
    if (i === list.length) {
      list.push([start, end]);
      return;
    }
    // Merge every range that overlaps or touches [start, end) into one.
    let j = i;
    let from = start;
    let to = end;
    while (j < list.length && (list[j] as [number, number])[0] <= end) {
      const range = list[j] as [number, number];
      from = Math.min(from, range[0]);
      to = Math.max(to, range[1]);
      j++;
    }
    list.splice(i, j - i, [from, to]);
  }

  /** Index of the first range whose end is greater than `clock` (binary search). */
  private firstEndingAfter(list: [number, number][], clock: number): number {
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((list[middle] as [number, number])[1] > clock) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };
