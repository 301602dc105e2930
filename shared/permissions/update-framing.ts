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
  /** Delete ranges, as written (before any merging). */
  deleteRanges: number;
}

const contentRef = { gc: 0, deleted: 1, json: 2, binary: 3, string: 4, embed: 5, format: 6, type: 7, any: 8, doc: 9, skip: 10 } as const;
const xmlElementRef = 3;
const xmlHookRef = 5;

/**
 * Reads the framing of `update`; throws InvalidInputError when it is not exactly one version 1 update
 * (truncated, trailing bytes, a version 2 update) or lists a client twice. Stops early once more than
 * `maxStructs` structs are counted and returns what it counted so far (the caller refuses it).
 */
export function readFraming(update: Uint8Array, maxStructs: number): Framing {
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
      if (structs > maxStructs) return { sections, structs, deleteRanges: 0 };
      for (let i = 0; i < count; i++) skipStruct(decoder);
    }
    let deleteRanges = 0;
    const deleteClients = decoding.readVarUint(decoder);
    for (let c = 0; c < deleteClients; c++) {
      decoding.readVarUint(decoder);
      const ranges = decoding.readVarUint(decoder);
      for (let r = 0; r < ranges; r++) {
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
      }
      deleteRanges += ranges;
    }
    if (decoding.hasContent(decoder)) throw new Error('bytes after the end of the update (a version 2 update?)');
    return { sections, structs, deleteRanges };
  } catch (error) {
    throw new InvalidInputError(`The update is not one well-formed version 1 update of y-protocols: ${(error as Error).message}.`);
  }
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
