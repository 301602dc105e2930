/**
 * What a hostile update can point at in a document: items holding shared types, map entries with their
 * current and older values, sequence items (live and deleted), garbage, each client's clock, and what lies
 * inside paragraphs that are agreed or agreed ad ref (locked against every raw edit) and inside proposals
 * that are decided (their words and rationale frozen), and the proposals' own text. Collected once per
 * document state for the update mutators (test/helpers/update-mutators.ts).
 */
import * as Y from 'yjs';

/** A map entry: its current item (the last of its chain) and the older items of the same key. */
export interface EntryTarget {
  key: string;
  current: Y.ID;
  older: Y.ID[];
  /** The id of the item holding the map, or the root's name. */
  parent: Y.ID | string;
  /** True when the entry reads a shared type (a paragraph, a proposal, a reactions map, a text fragment). */
  holdsType: boolean;
}

/** Targets in one document state. */
export interface DocTargets {
  typeItems: { id: Y.ID; kind: string }[];
  entries: EntryTarget[];
  sequenceItems: { first: Y.ID; last: Y.ID; deleted: boolean }[];
  garbage: Y.ID[];
  states: Map<number, number>;
  liveRanges: [client: number, clock: number, len: number][];
  /** Inside locked paragraphs: their maps' items, the shared types within (fragment, block, text), and text items. */
  locked: { maps: Y.ID[]; types: Y.ID[]; textItems: Y.ID[] };
  /** Inside decided proposals: the same (their maps, the shared types within their words, the words' items). */
  decided: { maps: Y.ID[]; types: Y.ID[]; textItems: Y.ID[] };
  /** Inside every proposal's words, with whose proposal it is (for typing into another delegation's words). */
  proposalWords: { owner: string; types: Y.ID[]; textItems: Y.ID[] }[];
}

const lockedStatusValues = new Set(['agreed', 'agreed-ad-ref']);

/** Adds the items inside `type` (a text fragment) to `into`: every item, and those holding shared types. */
function visitInside(type: Y.AbstractType<any>, into: { types: Y.ID[]; textItems: Y.ID[] }): void {
  for (let item = type._start; item; item = item.right) {
    into.textItems.push(item.id);
    if (item.content instanceof Y.ContentType) {
      into.types.push(item.id);
      visitInside(item.content.type as Y.AbstractType<any>, into);
    }
  }
}

/** The items inside proposals: those of decided ones, and every proposal's words with its owner. */
function proposalTargets(doc: Y.Doc): Pick<DocTargets, 'decided' | 'proposalWords'> {
  const decided: DocTargets['decided'] = { maps: [], types: [], textItems: [] };
  const proposalWords: DocTargets['proposalWords'] = [];
  for (const proposal of doc.getMap<unknown>('proposals').values()) {
    if (!(proposal instanceof Y.Map) || !proposal._item) continue;
    const text = proposal.get('text');
    const words = { owner: String(proposal.get('delegation')), types: [] as Y.ID[], textItems: [] as Y.ID[] };
    if (text instanceof Y.XmlFragment && text._item) {
      words.types.push(text._item.id);
      visitInside(text, words);
    }
    proposalWords.push(words);
    if (proposal.get('status') === 'pending') continue;
    decided.maps.push(proposal._item.id);
    decided.types.push(...words.types);
    decided.textItems.push(...words.textItems);
  }
  return { decided, proposalWords };
}

/** The items inside the paragraphs of `doc` whose status locks them. */
function lockedTargets(doc: Y.Doc): DocTargets['locked'] {
  const locked: DocTargets['locked'] = { maps: [], types: [], textItems: [] };
  const visit = (type: Y.AbstractType<any>) => visitInside(type, locked);
  for (const paragraph of doc.getMap<unknown>('paragraphs').values()) {
    if (!(paragraph instanceof Y.Map) || !paragraph._item || !lockedStatusValues.has(paragraph.get('status') as string)) continue;
    locked.maps.push(paragraph._item.id);
    const text = paragraph.get('text');
    if (text instanceof Y.XmlFragment && text._item) {
      locked.types.push(text._item.id);
      visit(text);
    }
  }
  return locked;
}

/** Collects the targets of `doc` (one pass over its structs). */
export function collectTargets(doc: Y.Doc): DocTargets {
  const targets: DocTargets = {
    typeItems: [], entries: [], sequenceItems: [], garbage: [], states: Y.decodeStateVector(Y.encodeStateVector(doc)), liveRanges: [], locked: lockedTargets(doc),
    ...proposalTargets(doc),
  };
  const entries = new Map<string, EntryTarget>();
  for (const [client, structs] of doc.store.clients) {
    for (const struct of structs as (Y.Item | Y.GC)[]) {
      if (!(struct instanceof Y.Item)) {
        targets.garbage.push(struct.id);
        continue;
      }
      if (!struct.deleted) targets.liveRanges.push([client, struct.id.clock, struct.length]);
      if (struct.content instanceof Y.ContentType) targets.typeItems.push({ id: struct.id, kind: struct.content.type.constructor.name });
      const last = Y.createID(client, struct.id.clock + struct.length - 1);
      const parent = struct.parent as Y.AbstractType<unknown> | null;
      if (struct.parentSub !== null && parent instanceof Y.AbstractType) {
        const holder: Y.ID | string = parent._item ? parent._item.id : Y.findRootTypeKey(parent);
        const name = `${typeof holder === 'string' ? holder : `${holder.client}:${holder.clock}`}/${struct.parentSub}`;
        let entry = entries.get(name);
        const current = parent._map.get(struct.parentSub) as Y.Item;
        if (!entry) {
          const holdsType = !current.deleted && current.content instanceof Y.ContentType;
          entry = { key: struct.parentSub, current: Y.createID(current.id.client, current.id.clock + current.length - 1), older: [], parent: holder, holdsType };
          entries.set(name, entry);
        }
        if (current !== struct) entry.older.push(last);
      } else {
        targets.sequenceItems.push({ first: struct.id, last, deleted: struct.deleted });
      }
    }
  }
  targets.entries = [...entries.values()];
  return targets;
}
