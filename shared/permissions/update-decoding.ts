/**
 * Reads an update for judging, in time proportional to its own size: its framing and merged delete set first
 * (update-framing.ts: no range repeated many times costs more than once), then the structs the document
 * lacks (cut at the clocks it knows). What it hands back to be applied is exactly what was judged, with the
 * delete set merged and without the ranges the document had already deleted.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { InvalidInputError, TooLargeError } from '../errors.ts';
import { DeletionIndex } from './deletion-index.ts';
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

/** Most structs judged in one update: past it, an update is refused for its size before Yjs decodes it. */
export const defaultMaxStructs = 10_000;

/**
 * Decodes `update` (y-protocols' version 1 encoding) against `doc`; throws InvalidInputError for bytes that
 * are not exactly one well-formed version 1 update, and TooLargeError for more than `maxStructs` structs.
 * Only the sections go through Yjs's decoder; the delete set is read and merged by the framing pass, and
 * ranges the document has already deleted are left out of what is judged and applied.
 */
export function decodeForJudging(doc: Y.Doc, update: Uint8Array, maxStructs = defaultMaxStructs): DecodedUpdate {
  const framing = readFraming(update, maxStructs, (client) => Y.getState(doc.store, client));
  if (framing.structs > maxStructs) {
    throw new TooLargeError(`an update of more than ${maxStructs} separate changes; send at most ${maxStructs} in one message`);
  }
  let sections = update.subarray(0, framing.deleteSetOffset);
  let structs: UpdateStruct[] = [];
  if (framing.structs > 0) {
    try {
      let source = withEmptyDeleteSet(sections);
      // Judge only what the document lacks, cut at the clocks it knows: a struct that starts inside known
      // content is integrated by Yjs next to what is really there, whatever origin the sender wrote for it.
      if (framing.sections.some((section) => section.clock < Y.getState(doc.store, section.client))) {
        source = Y.diffUpdate(source, Y.encodeStateVector(doc));
      }
      structs = (Y.decodeUpdate(source) as { structs: UpdateStruct[] }).structs;
      sections = source.subarray(0, source.length - 1);
    } catch (error) {
      throw new InvalidInputError(`The update cannot be decoded: ${(error as Error).message}.`);
    }
  }
  const deletes = withoutKnownDeletions(doc, framing.deletes);
  return { missing: joinUpdate(sections, deletes), structs, deletes };
}

/** The ranges minus what the document's deletion index already lists (those change nothing). */
function withoutKnownDeletions(doc: Y.Doc, deletes: NormalizedDeletes): NormalizedDeletes {
  const index = DeletionIndex.for(doc);
  const out: NormalizedDeletes = new Map();
  for (const [client, ranges] of deletes) {
    const kept: [number, number][] = [];
    for (const [start, end] of ranges) {
      index.forEachGap(client, start, end, (from, to) => {
        kept.push([from, to]);
        return false;
      });
    }
    if (kept.length > 0) out.set(client, kept);
  }
  return out;
}

function withEmptyDeleteSet(sections: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(sections.length + 1);
  bytes.set(sections);
  return bytes;
}

/** A version 1 update of the given section bytes and delete ranges. */
function joinUpdate(sections: Uint8Array, deletes: NormalizedDeletes): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, sections.length > 0 ? sections : new Uint8Array([0]));
  encoding.writeVarUint(encoder, deletes.size);
  for (const [client, ranges] of deletes) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const [start, end] of ranges) {
      encoding.writeVarUint(encoder, start);
      encoding.writeVarUint(encoder, end - start);
    }
  }
  return encoding.toUint8Array(encoder);
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
