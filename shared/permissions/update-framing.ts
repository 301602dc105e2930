/**
 * Walks the framing of a version 1 update without building any struct: how many sections and structs it
 * has, where each section starts, and whether the bytes end exactly where the update does. It costs a few
 * reads per struct, so a message can be measured (and refused for its size) before Yjs decodes it.
 */
import * as decoding from 'lib0/decoding';
import { InvalidInputError } from '../errors.ts';

/** One client's section: its client id, first clock and number of structs. */
export interface Section {
  client: number;
  clock: number;
  structs: number;
}

/** The framing of an update. */
export interface Framing {
  sections: Section[];
  /** Structs in all sections. */
  structs: number;
  /** Where the delete set starts: the bytes before it are the sections. */
  deleteSetOffset: number;
  /** The delete set, per client: sorted, overlapping and touching ranges merged, each [start, end). */
  deletes: Map<number, [number, number][]>;
}

const contentRef = { gc: 0, deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9, skip: 10 } as const;
const xmlElementRef = 3;
const xmlHookRef = 5;

/**
 * Reads the framing of `update`; throws InvalidInputError when it is not exactly one version 1 update
 * (truncated, trailing bytes, a version 2 update) or lists a client twice. Stops early once more than
 * `maxStructs` structs are counted and returns what it counted so far (the caller refuses it). Delete
 * ranges past `knownState(client)` of a client without a section in the update delete nothing anyone has:
 * they are read and left out, without costing anything per client.
 */
export function readFraming(update: Uint8Array, maxStructs: number, knownState: (client: number) => number = () => Infinity): Framing {
  const decoder = decoding.createDecoder(update);
  try {
    const sections: Section[] = [];
    const clients = new Set<number>();
    let structs = 0;
    const sectionCount = decoding.readVarUint(decoder);
    for (let s = 0; s < sectionCount; s++) {
      const count = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      if (count === 0 || clients.has(client)) throw new Error('a client is listed in more than one section (or an empty section)');
      // Every struct takes at least two bytes: a count the bytes cannot hold is malformed, not large.
      if (count > (update.length - decoder.pos) / 2) throw new Error(`a section claims ${count} structs in ${update.length - decoder.pos} bytes`);
      clients.add(client);
      sections.push({ client, clock, structs: count });
      structs += count;
      if (structs > maxStructs) return { sections, structs, deleteSetOffset: -1, deletes: new Map() };
      for (let i = 0; i < count; i++) skipStruct(decoder);
    }
    const deleteSetOffset = decoder.pos;
    const sectionClients = new Set(sections.map((section) => section.client));
    const deletes = readDeletes(decoder, (client) => (sectionClients.has(client) ? Infinity : knownState(client)));
    if (decoding.hasContent(decoder)) throw new Error('bytes after the end of the update (a version 2 update?)');
    return { sections, structs, deleteSetOffset, deletes };
  } catch (error) {
    throw new InvalidInputError(`The update is not one well-formed version 1 update of y-protocols: ${(error as Error).message}.`);
  }
}

/**
 * Reads a delete set straight into merged ranges. An honest one arrives sorted and is merged in one pass;
 * one whose ranges arrive out of order (or repeated many times over) is merged by sorting its starts and
 * ends apart, as numbers, which costs far less than sorting the ranges themselves.
 */
function readDeletes(decoder: decoding.Decoder, limitOf: (client: number) => number): Map<number, [number, number][]> {
  const collected = new Map<number, RangeList>();
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const client = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    const limit = limitOf(client);
    let list = collected.get(client);
    for (let r = 0; r < count; r++) {
      const start = decoding.readVarUint(decoder);
      const end = Math.min(start + decoding.readVarUint(decoder), limit);
      if (end <= start) continue;
      if (!list) {
        list = new RangeList();
        collected.set(client, list);
      }
      list.add(start, end);
    }
  }
  const deletes = new Map<number, [number, number][]>();
  for (const [client, list] of collected) {
    const merged = list.merged();
    if (merged.length > 0) deletes.set(client, merged);
  }
  return deletes;
}

/** Ranges of one client as they are read, in typed arrays that grow (no object per range). */
class RangeList {
  private starts: Float64Array = new Float64Array(16);
  private ends: Float64Array = new Float64Array(16);
  private size = 0;
  private sorted = true;

  add(start: number, end: number): void {
    const last = this.size - 1;
    if (last >= 0) {
      // The same range again, or one inside the last: nothing new (a repeated range costs nothing more).
      if (start >= (this.starts[last] as number) && end <= (this.ends[last] as number)) return;
      if (start < (this.starts[last] as number)) this.sorted = false;
    }
    if (this.size === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.starts[this.size] = start;
    this.ends[this.size] = end;
    this.size++;
  }

  merged(): [number, number][] {
    const starts = this.starts.subarray(0, this.size);
    const ends = this.ends.subarray(0, this.size);
    return this.sorted ? mergeSorted(starts, ends) : mergeUnsorted(starts.sort(), ends.sort());
  }
}

function grow(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Merges ranges given in order of their starts. */
function mergeSorted(starts: Float64Array, ends: Float64Array): [number, number][] {
  const merged: [number, number][] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Merges ranges in any order, from their starts sorted and their ends sorted (the union needs no more). */
function mergeUnsorted(starts: Float64Array, ends: Float64Array): [number, number][] {
  const merged: [number, number][] = [];
  let open = 0;
  let from = 0;
  let j = 0;
  for (let i = 0; i < starts.length; ) {
    // A start at or before the next end opens (a range starting where another ends joins it).
    if ((starts[i] as number) <= (ends[j] as number)) {
      if (open === 0) from = starts[i] as number;
      open++;
      i++;
    } else {
      open--;
      if (open === 0) merged.push([from, ends[j] as number]);
      j++;
    }
  }
  for (; j < ends.length; j++) {
    open--;
    if (open === 0) merged.push([from, ends[j] as number]);
  }
  return merged;
}

/** Sorts ranges and merges the overlapping and touching ones. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  return mergeUnsorted(Float64Array.from(ranges, (range) => range[0]).sort(), Float64Array.from(ranges, (range) => range[1]).sort());
}

function skipStruct(decoder: decoding.Decoder): void {
  const info = decoding.readUint8(decoder);
  const ref = info & 0x1f;
  if (ref === contentRef.gc || ref === contentRef.skip) {
    decoding.readVarUint(decoder);
    return;
  }
  if (info & 0x80) skipId(decoder);
  if (info & 0x40) skipId(decoder);
  if ((info & 0xc0) === 0) {
    if (decoding.readVarUint(decoder) === 1) skipString(decoder);
    else skipId(decoder);
    if (info & 0x20) skipString(decoder);
  }
  skipContent(decoder, ref);
}

function skipContent(decoder: decoding.Decoder, ref: number): void {
  switch (ref) {
    case contentRef.deleted:
      decoding.readVarUint(decoder);
      return;
    case contentRef.json: {
      const length = decoding.readVarUint(decoder);
      for (let i = 0; i < length; i++) skipString(decoder);
      return;
    }
    case contentRef.binary:
    case contentRef.string:
    case contentRef.embed:
      skipString(decoder);
      return;
    case contentRef.format:
      skipString(decoder);
      skipString(decoder);
      return;
    case contentRef.type: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef === xmlElementRef || typeRef === xmlHookRef) skipString(decoder);
      return;
    }
    case contentRef.any: {
      const length = decoding.readVarUint(decoder);
      for (let i = 0; i < length; i++) decoding.readAny(decoder);
      return;
    }
    case contentRef.doc:
      skipString(decoder);
      decoding.readAny(decoder);
      return;
    default:
      throw new Error(`unknown content type ${ref}`);
  }
}

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
}

/** Skips a length-prefixed byte run (a string or a buffer) without decoding it. */
function skipString(decoder: decoding.Decoder): void {
  const length = decoding.readVarUint(decoder);
  if (decoder.pos + length > decoder.arr.length) throw new Error('unexpected end of the update');
  decoder.pos += length;
}
