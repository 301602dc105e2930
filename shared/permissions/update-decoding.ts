/**
 * Reads an update for judging, in time proportional to its own size: its framing first (update-framing.ts),
 * then the structs the document lacks (cut at the clocks it knows) and the delete set normalised (sorted,
 * overlapping ranges merged), so that no range repeated many times costs more than once. Nothing here looks
 * at the document beyond its state vector.
 */
import * as Y from 'yjs';
import { InvalidInputError, TooLargeError } from '../errors.ts';
import { readFraming } from './update-framing.ts';

/** A struct of a decoded update. */
export type UpdateStruct = Y.Item | Y.GC | Y.Skip;

/** Deleted clock ranges per client: sorted, disjoint, not touching; each range is [start, end). */
export type NormalizedDeletes = Map<number, [number, number][]>;

/** An update read for judging. */
export interface DecodedUpdate {
  /** The part of the update the document lacks: what is judged and what must be applied. */
  missing: Uint8Array;
  /** The structs of `missing`, grouped by client in the order Yjs wrote them. */
  structs: UpdateStruct[];
  /** The delete set of the update, normalised. */
  deletes: NormalizedDeletes;
}

type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

/** Most structs judged in one update: past it, an update is refused for its size before Yjs decodes it. */
export const defaultMaxStructs = 20_000;

/**
 * Decodes `update` (y-protocols' version 1 encoding) against the state vector of `doc`; throws
 * InvalidInputError for bytes that are not exactly one well-formed version 1 update, and TooLargeError
 * for an update of more than `maxStructs` structs.
 */
export function decodeForJudging(doc: Y.Doc, update: Uint8Array, maxStructs = defaultMaxStructs): DecodedUpdate {
  const framing = readFraming(update, maxStructs);
  if (framing.structs > maxStructs) {
    throw new TooLargeError(`an update of more than ${maxStructs} separate changes; send at most ${maxStructs} in one message`);
  }
  // Judge only what the document lacks, cut at the clocks it knows: a struct that starts inside known
  // content is integrated by Yjs next to what is really there, whatever origin the sender wrote for it.
  const overlaps = framing.sections.some((section) => section.clock < Y.getState(doc.store, section.client));
  let decoded: { structs: UpdateStruct[]; ds: DeleteSet };
  let missing = update;
  try {
    if (overlaps) missing = Y.diffUpdate(update, Y.encodeStateVector(doc));
    decoded = Y.decodeUpdate(missing) as typeof decoded;
  } catch (error) {
    throw new InvalidInputError(`The update cannot be decoded: ${(error as Error).message}.`);
  }
  return { missing, structs: decoded.structs, deletes: normalizeDeletes(decoded.ds) };
}

/** Sorts each client's ranges and merges the overlapping and touching ones. */
export function normalizeDeletes(ds: DeleteSet): NormalizedDeletes {
  const out: NormalizedDeletes = new Map();
  for (const [client, items] of ds.clients) {
    const ranges = items.filter((item) => item.len > 0).map((item): [number, number] => [item.clock, item.clock + item.len]);
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range);
    }
    if (merged.length > 0) out.set(client, merged);
  }
  return out;
}

/** True when `clock` of `client` lies inside one of the ranges (binary search). */
export function rangesCover(deletes: NormalizedDeletes, client: number, clock: number): boolean {
  const ranges = deletes.get(client);
  if (!ranges) return false;
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle] as [number, number];
    if (clock < range[0]) high = middle - 1;
    else if (clock >= range[1]) low = middle + 1;
    else return true;
  }
  return false;
}
