/**
 * checkUpdate against the classes of attack an independent review found (issue 6), without a server:
 * cost before role, client-id bloat, erased map values, quotas, large honest updates, value schemas for
 * every role, and version 2 updates. Hostile shapes are written struct by struct (test/helpers/update-forge.ts).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, TooLargeError } from '../../shared/errors.ts';
import { importText } from '../../shared/import-text.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getMeta, getParagraphs, getParagraphText, populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposals, writeProposal } from '../../shared/model/proposal.ts';
import { checkUpdate, type Actor } from '../../shared/permissions/check-update.ts';
import { readFraming } from '../../shared/permissions/update-framing.ts';
import { smallDraft } from '../helpers/api.ts';
import { captureUpdate } from '../helpers/raw-client.ts';
import { entryItemId, forgeUpdate, typeItemId, type ForgedRange } from '../helpers/update-forge.ts';
import { addTestProposal, proposal, proposalWords, proposalXmlText } from '../helpers/test-proposals.ts';

const facilitator: Actor = { role: 'facilitator', delegation: null };
const kenya: Actor = { role: 'delegation', delegation: 'KEN' };
const observer: Actor = { role: 'observer', delegation: null };
const anyone = () => true;

/** A proposal map written raw, as only the propose command may write one; returns its id. */
function rawProposal(d: Y.Doc, delegation: string, paragraphId: string, id = `rraw${Math.random().toString(36).slice(2, 8)}`): string {
  d.transact(() => writeProposal(d, id, proposal(delegation, paragraphId)));
  return id;
}

function serverDoc() {
  const doc = new Y.Doc();
  populateNegotiation(doc, importText(smallDraft));
  const [, first, second] = readOrder(doc) as [string, string, string];
  doc.transact(() => {
    getDelegations(doc).set('KEN', { name: 'Kenya' });
    getDelegations(doc).set('EU', { name: 'European Union' });
  });
  const ken = addTestProposal(doc, proposal('KEN', second), 'r-ken');
  return { doc, first, second, ken };
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function wholeRanges(doc: Y.Doc): ForgedRange[] {
  return [...doc.store.clients.keys()].map((client): ForgedRange => [client, 0, Y.getState(doc.store, client)]);
}

describe('cost before role', () => {
  it('merges a delete set that repeats one range 40,000 times into one range', () => {
    const ranges = Array.from({ length: 40_000 }, (): ForgedRange => [7, 0, 1_000_000]);
    expect(readFraming(forgeUpdate(new Map(), ranges), 10).deletes).toEqual(new Map([[7, [[0, 1_000_000]]]]));
  });

  it('refuses an observer whose delete set repeats the whole document 80,000 times, and changes nothing', () => {
    const fx = serverDoc();
    const before = Y.encodeStateAsUpdate(fx.doc);
    const ranges = Array.from({ length: 80_000 }, () => wholeRanges(fx.doc)).flat();
    const update = forgeUpdate(new Map(), ranges);
    expect(update.length).toBeGreaterThan(200_000);
    expect(checkUpdate(fx.doc, update, observer, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/observers/) });
    expect(Y.encodeStateAsUpdate(fx.doc)).toEqual(before);
  });

  it('lets an observer repeat deletions the document already has: that changes nothing', () => {
    const fx = serverDoc();
    getProposals(fx.doc).delete(fx.ken);
    // The delete set of the server's own state, repeated: everything in it is deleted already.
    const own = Y.decodeUpdate(Y.encodeStateAsUpdate(fx.doc)).ds as unknown as { clients: Map<number, { clock: number; len: number }[]> };
    const ranges: ForgedRange[] = [];
    for (let i = 0; i < 1_000; i++) for (const [client, items] of own.clients) for (const r of items) ranges.push([client, r.clock, r.len]);
    expect(ranges.length).toBeGreaterThan(0);
    expect(checkUpdate(fx.doc, forgeUpdate(new Map(), ranges), observer, anyone)).toMatchObject({ allowed: true, changes: false });
  });
});

describe('client-id bloat', () => {
  it.each([['delegation', kenya], ['facilitator', facilitator]] as const)('refuses garbage-only structs under a new client id (%s)', (_name, actor) => {
    const fx = serverDoc();
    const sections = new Map([[990_001, [{ clock: 0, gc: 5 }]], [990_002, [{ clock: 0, gc: 1 }]]]);
    expect(checkUpdate(fx.doc, forgeUpdate(sections), actor, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/client 99000\d/) });
  });

  it('refuses deleted content alone under a new client id', () => {
    const fx = serverDoc();
    const reactions = getProposals(fx.doc).get(fx.ken)?.get('reactions') as Y.Map<unknown>;
    const sections = new Map([[990_003, [{ clock: 0, parent: typeItemId(reactions), parentSub: 'KEN', content: { deleted: 1 } }]]]);
    expect(checkUpdate(fx.doc, forgeUpdate(sections), kenya, anyone).allowed).toBe(false);
  });
});

describe('erased values: judged by what each entry reads after the update', () => {
  it('refuses deleted content written as the newest value of its own proposal\'s status', () => {
    const fx = serverDoc();
    const map = getProposals(fx.doc).get(fx.ken) as Y.Map<unknown>;
    // KEN's own client id, already in the document (a rationale it typed before).
    const own = copyOf(fx.doc);
    own.clientID = 880_001;
    Y.applyUpdate(fx.doc, captureUpdate(own, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'because')));
    const clock = Y.getState(fx.doc.store, 880_001);
    const update = forgeUpdate(new Map([[880_001, [{ clock, origin: entryItemId(map, 'status'), content: { deleted: 1 } }]]]));
    expect(checkUpdate(fx.doc, update, kenya, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/status/) });
  });

  it('refuses a value put left of the current one while the current one is deleted', () => {
    const fx = serverDoc();
    const map = getProposals(fx.doc).get(fx.ken) as Y.Map<unknown>;
    const current = entryItemId(map, 'status');
    const update = forgeUpdate(
      new Map([[880_002, [{ clock: 0, rightOrigin: current, content: { any: ['withdrawn'] } }]]]),
      [[current.client, current.clock, 1]],
    );
    const verdict = checkUpdate(fx.doc, update, kenya, anyone);
    expect(verdict.allowed).toBe(false);
    // What it would have done: the proposal reads no status at all.
    const victim = copyOf(fx.doc);
    Y.applyUpdate(victim, update);
    expect(getProposals(victim).get(fx.ken)?.get('status')).toBeUndefined();
  });

  it('refuses a new proposal whose delegation and reactions are written as deleted content', () => {
    const fx = serverDoc();
    const client = 880_003;
    const id = Y.createID(client, 0);
    const update = forgeUpdate(new Map([[client, [
      { clock: 0, parent: 'proposals', parentSub: 'rforged', content: { type: 'map' } },
      { clock: 1, parent: id, parentSub: 'delegation', content: { deleted: 1 } },
      { clock: 2, parent: id, parentSub: 'kind', content: { any: ['replace-text'] } },
      { clock: 3, parent: id, parentSub: 'status', content: { any: ['pending'] } },
      { clock: 4, parent: id, parentSub: 'createdAt', content: { any: ['2026-11-30T10:00:00.000Z'] } },
      { clock: 5, parent: id, parentSub: 'reactions', content: { deleted: 1 } },
    ]]]));
    expect(checkUpdate(fx.doc, update, kenya, anyone).allowed).toBe(false);
    expect(checkUpdate(fx.doc, update, facilitator, anyone).allowed).toBe(false);
  });

  it('still allows an honest rationale racing a facilitator\'s edit of the same proposal\'s rationale and words', () => {
    const fx = serverDoc();
    const offline = copyOf(fx.doc);
    fx.doc.transact(() => {
      getProposals(fx.doc).get(fx.ken)?.set('rationale', 'edited by the secretariat');
      proposalXmlText(fx.doc, fx.ken).insert(0, 'Secretariat: ');
    });
    const update = captureUpdate(offline, (d) => {
      getProposals(d).get(fx.ken)?.set('rationale', 'edited by KEN');
      proposalXmlText(d, fx.ken).insert(0, 'KEN: ');
    });
    expect(checkUpdate(fx.doc, update, kenya, anyone)).toMatchObject({ allowed: true, changes: true });
  });
});

describe('quotas and references', () => {
  it('refuses a delegation\'s typing beyond its bytes, counting what it already holds; deletions and facilitators pass', () => {
    const fx = serverDoc();
    const quota = { maxProposals: 2, maxBytes: 15_000 };
    const client = copyOf(fx.doc);
    const first = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'x'.repeat(10_000)));
    expect(checkUpdate(fx.doc, first, kenya, anyone, { quota })).toMatchObject({ allowed: true });
    Y.applyUpdate(fx.doc, first);
    const second = captureUpdate(client, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'y'.repeat(2_000)));
    expect(checkUpdate(fx.doc, second, kenya, anyone, { quota })).toMatchObject({ allowed: true });
    Y.applyUpdate(fx.doc, second);
    const third = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'z'.repeat(4_000)));
    expect(checkUpdate(fx.doc, third, kenya, anyone, { quota })).toEqual({ allowed: false, reason: expect.stringMatching(/^KEN's proposals would take \d+ bytes; a delegation may hold at most 15000$/) });
    // Deleting goes through at the limit; the facilitators may still type on KEN's behalf.
    expect(checkUpdate(fx.doc, captureUpdate(copyOf(fx.doc), (d) => proposalXmlText(d, fx.ken).delete(0, 5_000)), kenya, anyone, { quota })).toMatchObject({ allowed: true });
    expect(checkUpdate(fx.doc, third, facilitator, anyone, { quota })).toMatchObject({ allowed: true });
  });

  it('refuses a delegation\'s words typed in many small pieces beyond its bytes, in one update', () => {
    const fx = serverDoc();
    const quota = { maxProposals: 100, maxBytes: 3_000 };
    const update = captureUpdate(copyOf(fx.doc), (d) => {
      for (let i = 0; i < 400; i++) proposalXmlText(d, fx.ken).insert(i % 2 === 0 ? 0 : proposalXmlText(d, fx.ken).length, 'abcdefgh', i % 3 === 0 ? { bold: {} } : undefined);
    });
    expect(checkUpdate(fx.doc, update, kenya, anyone, { quota })).toEqual({ allowed: false, reason: expect.stringMatching(/bytes/) });
    expect(proposalWords(fx.doc, fx.ken)).toBe('proposed words');
  });

  it.each([
    ['a createdAt of a megabyte', { createdAt: `Nov 30 2026 (${'a'.repeat(1_000_000)})` }],
    ['a createdAt that Date.parse takes but is not ISO', { createdAt: 'Mon, 30 Nov 2026 10:00:00 GMT' }],
    ['a paragraph that does not exist', { paragraphId: 'pnothere' }],
  ])('refuses a raw proposal with %s, whoever writes it', (_name, fields) => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), (d) => {
      const id = rawProposal(d, 'KEN', fx.first);
      for (const [key, value] of Object.entries(fields)) getProposals(d).get(id)?.set(key, value);
    });
    expect(checkUpdate(fx.doc, update, kenya, anyone).allowed).toBe(false);
    expect(checkUpdate(fx.doc, update, facilitator, anyone).allowed).toBe(false);
  });
});

describe('every role\'s values are checked', () => {
  it.each([
    ['a paragraph status "banana"', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.set('status', 'banana')],
    ['the round -7', () => (d: Y.Doc) => getMeta(d).set('round', -7)],
    ['a delegation whose name is a number', () => (d: Y.Doc) => getDelegations(d).set('XYZ', { name: 42 } as unknown as { name: string })],
    ['a delegation code in lower case', () => (d: Y.Doc) => getDelegations(d).set('xyz', { name: 'Nowhere' })],
    ['a paragraph id in the order that is an object', () => (d: Y.Doc) => d.getArray('order').push([{ id: 1 }])],
    ['footnotes that are a string', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.set('footnotes', 'none')],
    ['a paragraph without its status', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.delete('status')],
    ['a paragraph without its status note', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.delete('statusNote')],
    ['a title block that is a string', () => (d: Y.Doc) => getMeta(d).set('titleBlock', 'Rev.1')],
    ['an empty title', () => (d: Y.Doc) => getMeta(d).set('title', '')],
    ['a source of 10,001 characters', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.set('source', 'x'.repeat(10_001))],
    ['a footnote with a field of its own', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.set('footnotes', [{ marker: '1', text: 't', href: 'x' }])],
    ['a paragraph without its source', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).get(fx.first)?.delete('source')],
  ])('refuses a facilitator\'s raw update setting %s', (_name, make) => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), make(fx));
    expect(checkUpdate(fx.doc, update, facilitator, anyone).allowed).toBe(false);
  });
});

describe('found by the fuzzer', () => {
  it('refuses a struct of length zero, which Yjs would integrate at the current clock', () => {
    const fx = serverDoc();
    const client = [...fx.doc.store.clients.keys()][0] as number;
    const update = forgeUpdate(new Map([[client, [{ clock: Y.getState(fx.doc.store, client), parent: 'paragraphs', parentSub: 'addedInRound', content: { any: [] } }]]]));
    expect(() => checkUpdate(fx.doc, update, facilitator, anyone)).toThrow(InvalidInputError);
  });

  it('refuses origins that lead back to themselves, without following the cycle', () => {
    const fx = serverDoc();
    const [a, b] = [660_001, 660_002];
    const update = forgeUpdate(new Map([
      [a, Array.from({ length: 200 }, (_, i) => ({ clock: i, origin: Y.createID(b, i), content: { string: 'x' } }))],
      [b, Array.from({ length: 200 }, (_, i) => ({ clock: i, origin: Y.createID(a, i), content: { string: 'y' } }))],
    ]));
    expect(checkUpdate(fx.doc, update, facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/circle/) });
  });

  it('refuses structs of two clients whose origins wait on each other through a right origin in the document', () => {
    const fx = serverDoc();
    const [a, b] = [670_001, 670_002];
    const right = entryItemId(getMeta(fx.doc), 'title');
    const update = forgeUpdate(new Map([
      [a, [{ clock: 0, rightOrigin: right, content: { any: ['x'] } }, { clock: 1, origin: Y.createID(b, 0), rightOrigin: right, content: { any: ['y'] } }]],
      [b, [{ clock: 0, origin: Y.createID(a, 1), rightOrigin: right, content: { any: ['z'] } }]],
    ]));
    expect(checkUpdate(fx.doc, update, facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/circle/) });
  });

  it.each([
    ['deletes the only block of a paragraph', (d: Y.Doc, id: string) => getParagraphText(d, id)?.delete(0, 1), false],
    ['adds a second block to a paragraph', (d: Y.Doc, id: string) => getParagraphText(d, id)?.insert(1, [new Y.XmlElement('paragraph')]), false],
    ['replaces the block of a paragraph with a new one', (d: Y.Doc, id: string) => {
      getParagraphText(d, id)?.delete(0, 1);
      getParagraphText(d, id)?.insert(0, [new Y.XmlElement('paragraph')]);
    }, true],
  ] as const)('a facilitator who %s: allowed %s', (_name, change, allowed) => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), (d) => change(d, fx.first));
    expect(checkUpdate(fx.doc, update, facilitator, anyone).allowed).toBe(allowed);
  });
});

describe('created maps and plain values', () => {
  it('judges a map created twice under one key by the fields of the one it will read', () => {
    const fx = serverDoc();
    const client = 640_001;
    const first = Y.createID(client, 0);
    const field = (clock: number, key: string, value: unknown) => ({ clock, parent: first, parentSub: key, content: { any: [value] } });
    const update = forgeUpdate(new Map([[client, [
      { clock: 0, parent: 'proposals', parentSub: 'rtwice', content: { type: 'map' as const } },
      field(1, 'delegation', 'KEN'), field(2, 'kind', 'retain'), field(3, 'status', 'pending'), field(4, 'createdAt', '2026-11-30T10:00:00.000Z'),
      { clock: 5, parent: first, parentSub: 'reactions', content: { type: 'map' as const } },
      { clock: 6, origin: first, content: { type: 'map' as const } },
    ]]]));
    expect(checkUpdate(fx.doc, update, kenya, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/must be created with|changes only by a command/) });
    expect(checkUpdate(fx.doc, update, facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/must be created with|changes only by a command/) });
  });

  it.each([
    ['a paragraph', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getParagraphs(d).set(fx.first, new Y.Map())],
    ['a proposal', (fx: ReturnType<typeof serverDoc>) => (d: Y.Doc) => getProposals(d).set(fx.ken, new Y.Map())],
  ])('refuses a facilitator replacing %s by an empty map', (_name, make) => {
    const fx = serverDoc();
    expect(checkUpdate(fx.doc, captureUpdate(copyOf(fx.doc), make(fx)), facilitator, anyone).allowed).toBe(false);
  });

  it('refuses a value whose fields live on a forged prototype', () => {
    const fx = serverDoc();
    const client = 640_002;
    const update = forgeUpdate(new Map([[client, [
      { clock: 0, parent: 'delegations', parentSub: 'MEX', content: { any: [{ ['__proto__']: { name: 'Mexico' } }] } },
    ]]]));
    expect(checkUpdate(fx.doc, update, facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/plain JSON/) });
  });
});

describe('honest updates the first rules refused (found by the fuzzer)', () => {
  it('refuses an edit to a proposal and its deletion merged into one update: proposals are never removed raw', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    const edit = captureUpdate(client, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'because'));
    const remove = captureUpdate(client, (d) => getProposals(d).delete(fx.ken));
    expect(checkUpdate(fx.doc, edit, facilitator, anyone)).toMatchObject({ allowed: true, changes: true });
    expect(checkUpdate(fx.doc, Y.mergeUpdates([edit, remove]), facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/changes only by a command/) });
  });

  it('refuses an edit to a paragraph and its deletion merged into one update: deleting a paragraph is a decision', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    const edit = captureUpdate(client, (d) => ((getParagraphText(d, fx.first)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Edited. '));
    const remove = captureUpdate(client, (d) => getParagraphs(d).delete(fx.first));
    expect(checkUpdate(fx.doc, edit, facilitator, anyone)).toMatchObject({ allowed: true, changes: true });
    expect(checkUpdate(fx.doc, Y.mergeUpdates([edit, remove]), facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/changes only by a command/) });
  });

  it('refuses a delegation added and given a proposal raw in one update: tabling is a command', () => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), (d) => {
      getDelegations(d).set('CHE', { name: 'Switzerland' });
      rawProposal(d, 'CHE', fx.first);
    });
    expect(checkUpdate(fx.doc, update, facilitator, anyone)).toEqual({ allowed: false, reason: expect.stringMatching(/changes only by a command/) });
  });

  it('hands back a delete set merged and without what was already deleted', () => {
    const fx = serverDoc();
    const own = Y.decodeUpdate(Y.encodeStateAsUpdate(fx.doc)).ds as unknown as { clients: Map<number, { clock: number; len: number }[]> };
    const ranges: ForgedRange[] = [];
    for (let i = 0; i < 2_000; i++) for (const [client, items] of own.clients) for (const r of items) ranges.push([client, r.clock, r.len]);
    const live = captureUpdate(copyOf(fx.doc), (d) => ((getParagraphText(d, fx.first)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 1));
    const liveRange = Y.decodeUpdate(live).ds as unknown as { clients: Map<number, { clock: number; len: number }[]> };
    for (let i = 0; i < 2_000; i++) for (const [client, items] of liveRange.clients) for (const r of items) ranges.push([client, r.clock, r.len]);
    const verdict = checkUpdate(fx.doc, forgeUpdate(new Map(), ranges), facilitator, anyone);
    expect(verdict).toEqual(expect.objectContaining({ allowed: true, changes: true }));
    if (!verdict.allowed) return;
    expect(verdict.update.length).toBeLessThan(20);
    expect(Y.decodeUpdate(verdict.update).ds).toEqual(Y.decodeUpdate(live).ds);
  });
});

describe('large honest updates', () => {
  it('allows a facilitator to delete 150,000 separately typed characters in one update', () => {
    const fx = serverDoc();
    const writer = copyOf(fx.doc);
    const text = () => (getParagraphText(writer, fx.first)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // Typing at alternating ends keeps every character its own item.
    writer.transact(() => {
      for (let i = 0; i < 150_000; i++) text().insert(i % 2 === 0 ? 0 : text().length, 'x');
    });
    Y.applyUpdate(fx.doc, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(fx.doc)));
    const update = captureUpdate(writer, () => text().delete(0, text().length));
    const verdict = checkUpdate(fx.doc, update, facilitator, anyone);
    expect(verdict).toMatchObject({ allowed: true, changes: true });
    Y.applyUpdate(fx.doc, update);
    expect(getParagraphText(fx.doc, fx.first)?.toString()).toBe('<paragraph></paragraph>');
  });
});

describe('size before decoding', () => {
  it('refuses an update of more structs than allowed as too large, before Yjs decodes it', () => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), (d) => {
      const text = (getParagraphText(d, fx.first)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      for (let i = 0; i < 101; i++) text.insert(i % 2 === 0 ? 0 : text.length, 'x');
    });
    expect(() => checkUpdate(fx.doc, update, facilitator, anyone, { maxStructs: 100 })).toThrow(TooLargeError);
    expect(checkUpdate(fx.doc, update, facilitator, anyone, { maxStructs: 101 })).toMatchObject({ allowed: true });
  });

  it('reads a section that claims more structs than its bytes can hold as malformed, not large', () => {
    const fx = serverDoc();
    const update = forgeUpdate(new Map([[5, [{ clock: 0, gc: 1 }]]]));
    update[1] = 0x7f;
    expect(() => checkUpdate(fx.doc, update, facilitator, anyone, { maxStructs: 10 })).toThrow(InvalidInputError);
  });
});

describe('encodings', () => {
  it('refuses a version 2 update as malformed instead of ignoring it', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    getMeta(client).set('title', 'Changed');
    const changed = Y.encodeStateAsUpdateV2(client, Y.encodeStateVector(fx.doc));
    expect(() => checkUpdate(fx.doc, changed, facilitator, anyone)).toThrow(InvalidInputError);
    expect(() => checkUpdate(fx.doc, Y.encodeStateAsUpdateV2(client), observer, anyone)).toThrow(InvalidInputError);
  });
});
