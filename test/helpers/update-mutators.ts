/**
 * Structure-aware mutations of an update (as data, test/helpers/update-model.ts) that turn an allowed change
 * into a forbidden or tricky one: references retargeted, client ids swapped, sections split or listed twice,
 * overlapping, repeated and huge delete ranges, garbage and skips, deleted content, map key races, foreign
 * keys, values outside the schema, origin chains and cycles, decisions written raw (status, order, floor,
 * round, paragraphs, brackets) and edits moved into agreed paragraphs (byte-level flips: fuzz-random.ts
 * mutateBytes).
 */
import * as Y from 'yjs';
import type { DocTargets } from './doc-targets.ts';
import { weirdKey, weirdValue, type Rng } from './fuzz-random.ts';
import type { ForgedContent, ForgedItem } from './update-forge.ts';
import { itemsOf, renumber, structLength, type ForgedStruct, type ForgedUpdate } from './update-model.ts';

/** What a mutation may use: randomness, the document's targets, and the client ids in play. */
export interface MutationContext {
  rng: Rng;
  targets: DocTargets;
  /** Ids the sender owns. */
  ownIds: number[];
  /** Ids other senders own (and the server's). */
  foreignIds: number[];
}

type Mutator = (u: ForgedUpdate, ctx: MutationContext) => string;

const roots = ['meta', 'order', 'paragraphs', 'proposals', 'delegations', 'brackets', 'shadow', ''];
const fieldKeys = [
  'status', 'statusNote', 'delegation', 'text', 'reactions', 'rationale', 'decision', 'basedOn', 'kind', 'createdAt', 'title', 'round', 'floor',
  'addedInRound', 'source', 'footnotes', 'paragraphId', 'KEN', 'EU', 'G77',
];

/** Applies one to four random mutations to `u` in place; returns their descriptions. */
export function mutate(u: ForgedUpdate, ctx: MutationContext): string[] {
  const done: string[] = [];
  const count = ctx.rng.weighted([[5, 1], [3, 2], [1, 3], [1, 4]] as const);
  for (let i = 0; i < count; i++) {
    const [name, mutator] = ctx.rng.weighted(mutators);
    done.push(`${name}(${mutator(u, ctx)})`);
    renumber(u);
  }
  return done;
}

function anySection(u: ForgedUpdate, rng: Rng): [number, ForgedStruct[]] | [undefined, undefined] {
  return u.sections.size > 0 ? rng.pick([...u.sections]) : [undefined, undefined];
}

function anyItem(u: ForgedUpdate, rng: Rng): ForgedItem | null {
  const items = itemsOf(u);
  return items.length > 0 ? rng.pick(items).item : null;
}

function fresh(rng: Rng): number {
  return rng.pick([rng.int(10_000, 2 ** 31), 0, 2 ** 32 - 1, rng.int(6000, 6010)]);
}

/** An id somewhere: in the update, in the document (types, entries, text, garbage) or nowhere. */
function someId(u: ForgedUpdate, ctx: MutationContext): Y.ID {
  const { rng, targets } = ctx;
  const sections = [...u.sections];
  return rng.weighted<() => Y.ID>([
    [3, () => {
      const [client, structs] = sections.length > 0 ? rng.pick(sections) : [ctx.ownIds[0] as number, [] as ForgedStruct[]];
      const s = structs.length > 0 ? rng.pick(structs) : null;
      return Y.createID(client, s ? s.clock + rng.int(0, Math.max(0, structLength(s) - 1)) : 0);
    }],
    [2, () => rng.pick(targets.typeItems).id],
    [2, () => rng.pick(targets.entries).current],
    [1, () => rng.pick(targets.entries.filter((e) => e.older.length > 0).flatMap((e) => e.older))],
    [2, () => { const s = rng.pick(targets.sequenceItems); return rng.chance(0.5) ? s.first : s.last; }],
    [1, () => (targets.garbage.length > 0 ? rng.pick(targets.garbage) : Y.createID(1, 0))],
    [1, () => Y.createID(rng.pick([...ctx.ownIds, ...ctx.foreignIds, fresh(rng)]), rng.int(0, 5000))],
  ])();
}

function valueFor(rng: Rng): unknown {
  return rng.chance(0.5) ? weirdValue(rng) : rng.pick(['withdrawn', 'accepted', 'pending', 'agreed', 'agreed-ad-ref', 'heading', 'support', 'object', 'KEN', 'EU', 'x', '2022-05-01T00:00:00.000Z', null]);
}

function randomContent(rng: Rng): ForgedContent {
  return rng.weighted<() => ForgedContent>([
    [5, () => ({ any: [valueFor(rng)] })],
    [1, () => ({ any: [valueFor(rng), valueFor(rng)] })],
    [1, () => ({ any: [] })],
    [1, () => ({ string: rng.pick(['', 'x', 'hostile words']) })],
    [1, () => ({ deleted: rng.int(1, 3) })],
    [1, () => ({ type: rng.pick(['map', 'array', 'text', 'xml-fragment', 'xml-text'] as const) })],
    [1, () => ({ element: rng.pick(['paragraph', 'script', 'heading']) })],
    [1, () => ({ format: rng.pick(['bold', 'italic', 'link', 'style']), value: rng.pick([{}, null, 'banana', { href: 'javascript:alert(1)' }]) })],
    [1, () => ({ json: [valueFor(rng)] })],
    [1, () => ({ embed: { image: 'x' } })],
    [1, () => ({ binary: new Uint8Array([1, 2]) })],
    [1, () => ({ hook: 'hook' })],
    [1, () => ({ doc: 'subdoc' })],
  ])();
}

/** Appends `item` to a section of one of the sender's ids (creating it at that id's next clock). */
function append(u: ForgedUpdate, ctx: MutationContext, item: Omit<ForgedItem, 'clock'>): void {
  const client = ctx.rng.pick(ctx.ownIds);
  let structs = u.sections.get(client);
  if (!structs) {
    structs = [];
    u.sections.set(client, structs);
  }
  const last = structs[structs.length - 1];
  const clock = last ? last.clock + structLength(last) : (ctx.targets.states.get(client) ?? 0);
  structs.push({ clock, ...item });
}

/** Moves `structs` of `from` (starting at `start`) to client `to` from clock `clock`, remapping references to them. */
function moveSection(u: ForgedUpdate, from: number, start: number, structs: ForgedStruct[], to: number, clock: number): void {
  const end = structs.reduce((c, s) => c + structLength(s), start);
  const remap = (id: Y.ID | null | undefined): Y.ID | null =>
    id && id.client === from && id.clock >= start && id.clock < end ? Y.createID(to, id.clock - start + clock) : (id ?? null);
  for (const { item } of itemsOf(u)) {
    item.origin = remap(item.origin);
    item.rightOrigin = remap(item.rightOrigin);
    if (item.parent instanceof Y.ID) item.parent = remap(item.parent) as Y.ID;
  }
  const target = u.sections.get(to) ?? [];
  if (structs[0]) structs[0].clock = target.length > 0 ? (target[0] as ForgedStruct).clock : clock;
  u.sections.set(to, [...target, ...structs]);
}

const mutators: (readonly [number, readonly [string, Mutator]])[] = [
  [4, ['origin', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    if (!item) return 'none';
    item.origin = ctx.rng.chance(0.1) ? null : someId(u, ctx);
    if (!item.origin && !item.rightOrigin && item.parent === undefined) item.parent = ctx.rng.pick(roots);
    return `${item.origin?.client}:${item.origin?.clock}`;
  }]],
  [3, ['right origin', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    if (!item) return 'none';
    item.rightOrigin = ctx.rng.chance(0.2) ? null : ctx.rng.chance(0.4) ? ctx.rng.pick(ctx.targets.entries).current : someId(u, ctx);
    if (!item.origin && !item.rightOrigin && item.parent === undefined) item.parent = ctx.rng.pick(roots);
    return `${item.rightOrigin?.client}:${item.rightOrigin?.clock}`;
  }]],
  [4, ['parent', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    if (!item) return 'none';
    item.origin = null;
    item.rightOrigin = null;
    item.parent = ctx.rng.chance(0.3) ? ctx.rng.pick(roots) : ctx.rng.chance(0.8) ? ctx.rng.pick(ctx.targets.typeItems).id : someId(u, ctx);
    const key = ctx.rng.weighted<() => string | undefined>([[2, () => undefined], [3, () => ctx.rng.pick(fieldKeys)], [2, () => weirdKey(ctx.rng)], [2, () => ctx.rng.pick(ctx.targets.entries).key]])();
    if (key === undefined) delete item.parentSub;
    else item.parentSub = key;
    return `${typeof item.parent === 'string' ? item.parent : `${item.parent.client}:${item.parent.clock}`}/${key}`;
  }]],
  [3, ['swap client', (u, ctx) => {
    const [client, structs] = anySection(u, ctx.rng);
    if (client === undefined || !structs) return 'none';
    const to = ctx.rng.pick([...ctx.ownIds, ...ctx.foreignIds, fresh(ctx.rng), fresh(ctx.rng)]);
    if (to === client) return 'same';
    const state = ctx.targets.states.get(to) ?? 0;
    const clock = ctx.rng.pick([state, state, Math.max(0, state - 1), state + 3, 0]);
    u.sections.delete(client);
    moveSection(u, client, (structs[0] as ForgedStruct).clock, structs, to, clock);
    if (ctx.rng.chance(0.5)) for (const r of u.ranges) if (r[0] === client) r[0] = to;
    return `${client}→${to}@${clock}`;
  }]],
  [2, ['split section', (u, ctx) => {
    const [client, structs] = anySection(u, ctx.rng);
    if (client === undefined || !structs || structs.length < 2) return 'none';
    const at = ctx.rng.int(1, structs.length - 1);
    const tail = structs.splice(at);
    const to = ctx.rng.pick([...ctx.ownIds.filter((id) => id !== client), fresh(ctx.rng)]);
    if (ctx.rng.chance(0.2)) {
      u.extraSections = [...(u.extraSections ?? []), [client, tail]];
      return `${client} listed twice`;
    }
    moveSection(u, client, (tail[0] as ForgedStruct).clock, tail, to, ctx.targets.states.get(to) ?? 0);
    return `${client}[${at}..]→${to}`;
  }]],
  [4, ['delete ranges', (u, ctx) => {
    const { rng, targets } = ctx;
    const kind = rng.pick(['live', 'client', 'repeat', 'huge', 'own', 'beyond', 'many', 'zero']);
    const live = () => rng.pick(targets.liveRanges);
    if (kind === 'live') for (let i = rng.int(1, 3); i > 0; i--) { const [c, k, l] = live(); u.ranges.push([c, k + rng.int(0, l - 1), rng.int(1, l)]); }
    if (kind === 'client') { const [c] = live(); u.ranges.push([c, 0, targets.states.get(c) ?? 1]); }
    if (kind === 'repeat') { const [c, k, l] = live(); for (let i = rng.pick([10, 1000, 5000]); i > 0; i--) u.ranges.push([c, k, l + rng.int(0, 3)]); }
    if (kind === 'huge') u.ranges.push([rng.pick([...targets.states.keys()]), rng.int(0, 10), rng.pick([2 ** 31, 2 ** 32, 2 ** 40])]);
    if (kind === 'own') for (const [client, structs] of u.sections) u.ranges.push([client, (structs[0]?.clock ?? 0) + rng.int(0, 2), rng.int(1, 5)]);
    if (kind === 'beyond') { const c = rng.pick([...targets.states.keys()]); u.ranges.push([c, (targets.states.get(c) ?? 0) + rng.int(0, 3), rng.int(1, 100)]); }
    if (kind === 'many') { const [c] = live(); for (let i = 0; i < (targets.states.get(c) ?? 0); i += 2) u.ranges.push([c, i, 1]); }
    if (kind === 'zero') { const [c, k] = live(); u.ranges.push([c, k, 0]); }
    return kind;
  }]],
  [2, ['garbage', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    const choice = ctx.rng.pick(['replace', 'append', 'alone']);
    if (choice === 'replace' && item) {
      for (const structs of u.sections.values()) {
        const i = structs.indexOf(item);
        if (i >= 0) structs[i] = { clock: item.clock, gc: structLength(item) };
      }
    } else if (choice === 'alone') {
      u.sections.set(ctx.rng.chance(0.5) ? fresh(ctx.rng) : ctx.rng.pick(ctx.ownIds), [{ clock: 0, gc: ctx.rng.pick([1, 5, 1000]) }]);
    } else {
      const [, structs] = anySection(u, ctx.rng);
      structs?.push({ clock: 0, gc: ctx.rng.int(1, 50) });
    }
    return choice;
  }]],
  [1, ['skip', (u, ctx) => {
    const [, structs] = anySection(u, ctx.rng);
    if (!structs) return 'none';
    structs.splice(ctx.rng.int(0, structs.length), 0, { clock: 0, skip: ctx.rng.int(1, 10) });
    return 'skip';
  }]],
  [2, ['deleted content', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    if (!item) return 'none';
    item.content = { deleted: ctx.rng.chance(0.8) ? structLength(item) || 1 : ctx.rng.int(1, 4) };
    return 'item';
  }]],
  [5, ['map race', (u, ctx) => {
    const { rng, targets } = ctx;
    const typed = targets.entries.filter((e) => e.holdsType);
    const entry = rng.pick(rng.chance(0.4) && typed.length > 0 ? typed : targets.entries);
    const typeItems = itemsOf(u).filter(({ item }) => 'type' in item.content).map(({ item }) => item);
    const item = rng.chance(0.5) && typeItems.length > 0 ? rng.pick(typeItems) : anyItem(u, rng);
    const kind = rng.pick(['duplicate', 'older', 'left of current', 'chain', 'delete current', 'fresh head', 'after current']);
    if (kind === 'duplicate' && item) append(u, ctx, { ...item, content: randomContent(rng) });
    if (kind === 'older' && entry.older.length > 0) append(u, ctx, { origin: rng.pick(entry.older), content: { any: [valueFor(rng)] } });
    if (kind === 'left of current') append(u, ctx, { origin: entry.older.length > 0 && rng.chance(0.5) ? rng.pick(entry.older) : null, rightOrigin: entry.current, parent: entry.parent, parentSub: entry.key, content: { any: [valueFor(rng)] } });
    if (kind === 'chain' && item) {
      const client = [...u.sections].find(([, s]) => s.includes(item))?.[0] ?? 0;
      append(u, ctx, { origin: Y.createID(client, item.clock + structLength(item) - 1), content: rng.chance('type' in item.content ? 0.6 : 0.2) ? { type: 'map' } : randomContent(rng) });
    }
    if (kind === 'delete current') {
      u.ranges.push([entry.current.client, entry.current.clock, 1]);
      if (rng.chance(0.5) && entry.older.length > 0) append(u, ctx, { origin: rng.pick(entry.older), content: { any: [valueFor(rng)] } });
    }
    if (kind === 'fresh head') append(u, ctx, { origin: null, rightOrigin: null, parent: entry.parent, parentSub: entry.key, content: rng.chance(0.3) ? { type: 'map' } : randomContent(rng) });
    if (kind === 'after current') append(u, ctx, { origin: entry.current, content: rng.chance(0.3) ? { type: 'map' } : randomContent(rng) });
    return `${kind} ${entry.key}`;
  }]],
  [4, ['value', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    if (!item) return 'none';
    item.content = randomContent(ctx.rng);
    return Object.keys(item.content)[0] ?? '';
  }]],
  [2, ['foreign key', (u, ctx) => {
    const item = anyItem(u, ctx.rng);
    if (!item) return 'none';
    const entry = ctx.rng.pick(ctx.targets.entries);
    if (item.origin || item.rightOrigin || ctx.rng.chance(0.5)) {
      item.origin = null;
      item.rightOrigin = null;
      item.parent = item.parent ?? entry.parent;
    }
    item.parentSub = ctx.rng.chance(0.6) ? weirdKey(ctx.rng) : ctx.rng.pick(fieldKeys);
    return item.parentSub;
  }]],
  [2, ['origin chains', (u, ctx) => {
    const { rng } = ctx;
    const template = anyItem(u, rng) ?? { clock: 0, parent: 'order', content: { any: ['x'] } };
    const n = rng.pick([10, 50, 200, 600]);
    const clients = [ctx.ownIds[0] as number, ctx.ownIds[1] ?? fresh(rng)];
    const made: [Y.ID[], Y.ID[]] = [[], []];
    for (let i = 0; i < n; i++) {
      const side = (i % 2) as 0 | 1;
      const client = clients[side] as number;
      const structs = u.sections.get(client) ?? [];
      u.sections.set(client, structs);
      const last = structs[structs.length - 1];
      const clock = last ? last.clock + structLength(last) : (ctx.targets.states.get(client) ?? 0);
      structs.push({ ...template, clock });
      made[side].push(Y.createID(client, clock));
    }
    const cyclic = rng.chance(0.5);
    const all = [...made[0], ...made[1]];
    const itemAt = (id: Y.ID) => u.sections.get(id.client)?.find((s) => s.clock === id.clock) as ForgedItem;
    made[0].forEach((a, k) => {
      const b = made[1][k];
      if (!b) return;
      itemAt(a).origin = cyclic ? b : rng.pick(all);
      itemAt(b).origin = cyclic ? a : rng.pick(all);
    });
    return `${n}${cyclic ? ' cyclic' : ''}`;
  }]],
  [3, ['decision', (u, ctx) => {
    const { rng, targets } = ctx;
    const paragraphs = targets.entries.filter((e) => e.parent === 'paragraphs' && e.holdsType);
    const paragraphEntry = paragraphs.length > 0 ? rng.pick(paragraphs) : null;
    const paragraphId = paragraphEntry?.key ?? 'p1';
    const current = (parent: Y.ID | string, key: string) => targets.entries.find((e) => e.key === key && (typeof e.parent === 'string' ? e.parent === parent : typeof parent !== 'string' && e.parent.client === parent.client && e.parent.clock === parent.clock));
    const setKey = (parent: Y.ID | string, key: string, content: ForgedContent) => {
      const was = current(parent, key);
      append(u, ctx, was && rng.chance(0.8) ? { origin: was.current, content } : { origin: null, rightOrigin: null, parent, parentSub: key, content });
    };
    const kind = rng.pick(['status', 'statusNote', 'kind', 'addedInRound', 'floor', 'round', 'order', 'paragraph', 'bracket', 'unbracket', 'unparagraph']);
    if (paragraphEntry && ['status', 'statusNote', 'kind', 'addedInRound'].includes(kind)) {
      const value = { status: ['agreed', 'pending', 'agreed-ad-ref'], statusNote: ['', 'pending confirmation'], kind: ['heading', 'paragraph'], addedInRound: [0, 1, 2] }[kind as 'status'];
      setKey(paragraphEntry.current, kind, { any: [rng.pick(value as unknown[])] });
    }
    if (kind === 'floor') setKey('meta', 'floor', { any: [rng.chance(0.8) ? paragraphId : null] });
    if (kind === 'round') setKey('meta', 'round', { any: [rng.int(0, 3)] });
    if (kind === 'order') {
      const items = targets.sequenceItems.filter((s) => !s.deleted);
      const at = items.length > 0 && rng.chance(0.7) ? rng.pick(items).last : null;
      append(u, ctx, at ? { origin: at, content: { any: [paragraphId] } } : { origin: null, rightOrigin: null, parent: 'order', content: { any: [paragraphId] } });
    }
    if (kind === 'paragraph') setKey('paragraphs', rng.chance(0.5) ? paragraphId : `p${rng.int(0, 999)}`, { type: 'map' });
    if (kind === 'unparagraph' && paragraphEntry) u.ranges.push([paragraphEntry.current.client, paragraphEntry.current.clock, 1]);
    if (kind === 'bracket') {
      const record = { paragraphId, start: { type: null, tname: null, item: { client: 1, clock: rng.int(0, 50) }, assoc: 0 }, end: { type: null, tname: null, item: { client: 1, clock: rng.int(50, 100) }, assoc: -1 }, holders: [{ delegation: 'KEN', stance: 'propose' }], group: null, createdAt: '2022-05-01T00:00:00.000Z' };
      const brackets = targets.entries.filter((e) => e.parent === 'brackets');
      setKey('brackets', brackets.length > 0 && rng.chance(0.5) ? rng.pick(brackets).key : `b${rng.int(0, 999)}`, { any: [record] });
    }
    if (kind === 'unbracket') {
      const brackets = targets.entries.filter((e) => e.parent === 'brackets');
      if (brackets.length > 0) { const b = rng.pick(brackets).current; u.ranges.push([b.client, b.clock, 1]); }
    }
    return `${kind} ${paragraphId}`;
  }]],
  [3, ['into an agreed paragraph', (u, ctx) => {
    const { rng, targets } = ctx;
    const { maps, types, textItems } = targets.locked;
    if (maps.length === 0) return 'none';
    const item = anyItem(u, rng);
    const kind = rng.pick(['field', 'origin', 'parent', 'delete', 'proposal']);
    if (kind === 'field') append(u, ctx, { origin: null, rightOrigin: null, parent: rng.pick(maps), parentSub: rng.pick(['source', 'footnotes', 'text']), content: rng.chance(0.7) ? { any: [rng.pick(['edited', [], [{ marker: '1', text: 'x' }]])] } : { type: 'xml-fragment' } });
    if (kind === 'origin' && item && textItems.length > 0) {
      item.origin = rng.pick(textItems);
      item.rightOrigin = rng.chance(0.3) ? rng.pick(textItems) : null;
    }
    if (kind === 'parent' && item && types.length > 0) {
      item.origin = null;
      item.rightOrigin = null;
      item.parent = rng.pick(types);
      delete item.parentSub;
    }
    if (kind === 'delete' && textItems.length > 0) { const id = rng.pick(textItems); u.ranges.push([id.client, id.clock, rng.int(1, 4)]); }
    if (kind === 'proposal') {
      // A proposal's paragraphId pointed at a locked paragraph: its key is the paragraph's id.
      const lockedIds = targets.entries.filter((e) => e.parent === 'paragraphs' && maps.some((m) => m.client === e.current.client && m.clock === e.current.clock)).map((e) => e.key);
      const target = lockedIds.length > 0 ? rng.pick(lockedIds) : 'none';
      const paragraphIdEntries = targets.entries.filter((e) => e.key === 'paragraphId');
      const items = itemsOf(u).filter(({ item: i }) => i.parentSub === 'paragraphId');
      if (items.length > 0 && rng.chance(0.6)) rng.pick(items).item.content = { any: [target] };
      else if (paragraphIdEntries.length > 0) append(u, ctx, { origin: rng.pick(paragraphIdEntries).current, content: { any: [target] } });
    }
    return kind;
  }]],
  [3, ['into a decided proposal', (u, ctx) => {
    const { rng, targets } = ctx;
    const { maps, types, textItems } = targets.decided;
    if (maps.length === 0) return 'none';
    const item = anyItem(u, rng);
    const kind = rng.pick(['rationale', 'words', 'origin', 'parent', 'delete']);
    if (kind === 'rationale') append(u, ctx, { origin: null, rightOrigin: null, parent: rng.pick(maps), parentSub: 'rationale', content: { any: [rng.pick(['rewritten afterwards', ''])] } });
    if (kind === 'words' && textItems.length > 0) append(u, ctx, { origin: rng.pick(textItems), rightOrigin: null, content: { string: 'after the decision ' } });
    if (kind === 'origin' && item && textItems.length > 0) {
      item.origin = rng.pick(textItems);
      item.rightOrigin = rng.chance(0.3) ? rng.pick(textItems) : null;
    }
    if (kind === 'parent' && item && types.length > 0) {
      item.origin = null;
      item.rightOrigin = null;
      item.parent = rng.pick(types);
      delete item.parentSub;
    }
    if (kind === 'delete' && textItems.length > 0) { const id = rng.pick(textItems); u.ranges.push([id.client, id.clock, rng.int(1, 4)]); }
    return kind;
  }]],
  [2, ['into another delegation\'s words', (u, ctx) => {
    const { rng, targets } = ctx;
    const words = targets.proposalWords.filter((w) => w.textItems.length > 0);
    if (words.length === 0) return 'none';
    const target = rng.pick(words);
    const item = anyItem(u, rng);
    if (item && rng.chance(0.5)) {
      item.origin = rng.pick(target.textItems);
      item.rightOrigin = null;
    } else if (rng.chance(0.5)) append(u, ctx, { origin: rng.pick(target.textItems), rightOrigin: null, content: { string: 'words of someone else ' } });
    else { const id = rng.pick(target.textItems); u.ranges.push([id.client, id.clock, rng.int(1, 3)]); }
    return target.owner;
  }]],
  [1, ['drop or reorder', (u, ctx) => {
    const [, structs] = anySection(u, ctx.rng);
    if (!structs || structs.length < 2) return 'none';
    const i = ctx.rng.int(0, structs.length - 1);
    const [taken] = structs.splice(i, 1);
    if (ctx.rng.chance(0.5) && taken) structs.splice(ctx.rng.int(0, structs.length), 0, taken);
    return `${i}`;
  }]],
];
