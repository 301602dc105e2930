/**
 * An update as editable data: Yjs version 1 bytes read into the structs of test/helpers/update-forge.ts
 * (client sections, items with their references and content, garbage, skips) and its delete ranges, so a
 * fuzzer can change any part and write the bytes back with forgeUpdate.
 */
import * as Y from 'yjs';
import { forgeSections, type ForgedContent, type ForgedGC, type ForgedItem, type ForgedRange, type ForgedSkip } from './update-forge.ts';

/** One struct of a forged update. */
export type ForgedStruct = ForgedItem | ForgedGC | ForgedSkip;

/** An update as data: client -> its structs in clock order (contiguous), and delete ranges in any order. */
export interface ForgedUpdate {
  sections: Map<number, ForgedStruct[]>;
  ranges: ForgedRange[];
  /** Further sections written after `sections`, for a client listed twice. */
  extraSections?: [number, ForgedStruct[]][];
}

const typeNames = new Map<unknown, 'map' | 'array' | 'text' | 'xml-fragment' | 'xml-text'>([
  [Y.Map, 'map'],
  [Y.Array, 'array'],
  [Y.Text, 'text'],
  [Y.XmlFragment, 'xml-fragment'],
  [Y.XmlText, 'xml-text'],
]);

/** Reads a version 1 update into editable data (throws what Yjs throws on bytes it cannot decode). */
export function readForged(update: Uint8Array): ForgedUpdate {
  const decoded = Y.decodeUpdate(update) as unknown as {
    structs: (Y.Item | Y.GC | Y.Skip)[];
    ds: { clients: Map<number, { clock: number; len: number }[]> };
  };
  const sections = new Map<number, ForgedStruct[]>();
  for (const struct of decoded.structs) {
    const list = sections.get(struct.id.client) ?? [];
    list.push(toForged(struct));
    sections.set(struct.id.client, list);
  }
  const ranges: ForgedRange[] = [];
  for (const [client, items] of decoded.ds.clients) for (const item of items) ranges.push([client, item.clock, item.len]);
  return { sections, ranges };
}

/** Writes editable data back as version 1 bytes. */
export function writeForged(update: ForgedUpdate): Uint8Array {
  const sections = [...update.sections, ...(update.extraSections ?? [])].filter(([, structs]) => structs.length > 0);
  return forgeSections(sections, update.ranges);
}

/** A deep copy of `update` (contents shared: they are replaced, never changed in place). */
export function cloneForged(update: ForgedUpdate): ForgedUpdate {
  const sections = new Map<number, ForgedStruct[]>();
  for (const [client, structs] of update.sections) sections.set(client, structs.map((s) => ({ ...s })));
  const extraSections = update.extraSections?.map(([client, structs]): [number, ForgedStruct[]] => [client, structs.map((s) => ({ ...s }))]);
  return { sections, ranges: update.ranges.map((r): ForgedRange => [...r]), ...(extraSections ? { extraSections } : {}) };
}

/** How many clocks a struct takes. */
export function structLength(struct: ForgedStruct): number {
  if ('gc' in struct) return struct.gc;
  if ('skip' in struct) return struct.skip;
  return contentLength(struct.content);
}

/** How many clocks an item with this content takes. */
export function contentLength(content: ForgedContent): number {
  if ('deleted' in content) return content.deleted;
  if ('any' in content) return content.any.length;
  if ('json' in content) return content.json.length;
  if ('string' in content) return content.string.length;
  return 1;
}

/** Gives each struct of each section the clock right after the one before (from the first struct's clock). */
export function renumber(update: ForgedUpdate): void {
  for (const structs of update.sections.values()) {
    let clock = structs[0]?.clock ?? 0;
    for (const struct of structs) {
      struct.clock = clock;
      clock += structLength(struct);
    }
  }
}

/** Every item of the update with its client. */
export function itemsOf(update: ForgedUpdate): { client: number; item: ForgedItem }[] {
  const out: { client: number; item: ForgedItem }[] = [];
  for (const [client, structs] of update.sections) for (const s of structs) if ('content' in s) out.push({ client, item: s });
  return out;
}

function toForged(struct: Y.Item | Y.GC | Y.Skip): ForgedStruct {
  if (struct instanceof Y.GC) return { clock: struct.id.clock, gc: struct.length };
  if (struct instanceof Y.Skip) return { clock: struct.id.clock, skip: struct.length };
  const item: ForgedItem = { clock: struct.id.clock, origin: struct.origin, rightOrigin: struct.rightOrigin, content: toContent(struct.content) };
  const parent = struct.parent as unknown;
  if (typeof parent === 'string' || parent instanceof Y.ID) item.parent = parent;
  if (struct.parentSub !== null) item.parentSub = struct.parentSub;
  return item;
}

function toContent(content: Y.Item['content']): ForgedContent {
  if (content instanceof Y.ContentDeleted) return { deleted: content.len };
  if (content instanceof Y.ContentString) return { string: content.str };
  if (content instanceof Y.ContentAny) return { any: content.arr.slice() };
  if (content instanceof Y.ContentJSON) return { json: content.arr.slice() };
  if (content instanceof Y.ContentFormat) return { format: content.key, value: content.value };
  if (content instanceof Y.ContentBinary) return { binary: content.content };
  if (content instanceof Y.ContentEmbed) return { embed: content.embed };
  if (content instanceof Y.ContentDoc) return { doc: (content.doc as Y.Doc).guid };
  if (content instanceof Y.ContentType) {
    const type = content.type as unknown;
    if (type instanceof Y.XmlElement) return { element: type.nodeName };
    if (type instanceof Y.XmlHook) return { hook: type.hookName };
    const name = typeNames.get((type as object).constructor);
    if (name) return { type: name };
  }
  throw new Error(`unknown content ${content.constructor.name}`);
}
