/**
 * Several Yjs updates as one, without the cost of merging when there is nothing to merge.
 */
import * as Y from 'yjs';

/** `updates` merged into one update: null for none, the update itself for one (no copy), Y.mergeUpdates otherwise. */
export function mergedUpdate(updates: readonly Uint8Array[]): Uint8Array | null {
  if (updates.length === 0) return null;
  if (updates.length === 1) return updates[0] as Uint8Array;
  return Y.mergeUpdates(updates as Uint8Array[]);
}
