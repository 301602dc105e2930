/**
 * Presence attacks from issue 6 against a real server: undecodable carets and other malformed fields are
 * dropped field by field (class 2); size and rate limits apply before any state is parsed (class 7); and
 * presence under a client id that another live connection of the same shared link holds never disconnects
 * that connection (class 11a). Each leaves the stored document as it was and the honest clients syncing.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { caretAt } from '../helpers/paragraph-text.ts';
import { presenceRoom, expectStillServing, pause, publish, rawIn, seen, stored, type PresenceRoom } from '../helpers/presence-room.ts';
import { encodeAwarenessStates, rawAwareness, type RawClient } from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { eventually } from '../helpers/yjs-client.ts';
import { echoFlood, oversizedEchoMessage } from '../helpers/awareness-bytes.ts';

let server: TestServer;
const silentHolderMs = 300;
const cleanups = serverPerFile((started) => (server = started), { env: { DRAFTROOM_SILENT_HOLDER_MS: String(silentHolderMs) } });
const room = () => presenceRoom(server, cleanups);

const id = (client: number, clock: number) => ({ client, clock });
const position = (fields: Record<string, unknown>) => ({ type: null, tname: null, item: null, assoc: 0, ...fields });
const undecodable: [string, unknown][] = [
  ['ids of strings (the reported attack)', { anchor: { item: { client: 'x', clock: 'y' } }, head: { item: { client: 'x', clock: 'y' } } }],
  ['a negative clock', { anchor: position({ item: id(1, -1) }), head: position({ item: id(1, 0) }) }],
  ['a fractional client', { anchor: position({ item: id(1.5, 0) }), head: position({ item: id(1, 0) }) }],
  ['a client beyond 2^53', { anchor: position({ item: id(2 ** 60, 0) }), head: position({ item: id(1, 0) }) }],
  ['neither item, type nor tname', { anchor: position({}), head: position({}) }],
  ['a root type that does not exist', { anchor: position({ tname: 'x'.repeat(40) }), head: position({ tname: 'order' }) }],
  ['an assoc that is not an integer', { anchor: position({ item: id(1, 0), assoc: '1' }), head: position({ item: id(1, 0) }) }],
  ['no head', { anchor: position({ item: id(1, 0) }) }],
  ['a head that is an array', { anchor: position({ item: id(1, 0) }), head: [1, 2] }],
  ['a caret that is a string', 'anchor'],
  ['an id that is an object within an object', { anchor: position({ type: { client: { client: 1 }, clock: 0 } }), head: position({ item: id(1, 0) }) }],
];

describe('class 2: only well-formed presence fields are relayed', () => {
  it.each(undecodable)('a caret with %s is dropped; the rest of the state and the connection stay', async (_what, cursor) => {
    const n = await room();
    const before = await stored(n);
    const observer = await rawIn(n, n.tokens.observer);
    publish(observer, observer.doc.clientID, 1, { paragraphId: n.firstParagraph, editing: true, cursor });
    await eventually(() => seen(n, observer.doc.clientID) !== undefined, 3000, 'the observer\'s presence');
    expect(seen(n, observer.doc.clientID)).toMatchObject({ paragraphId: n.firstParagraph, editing: true, user: { role: 'observer' } });
    expect(seen(n, observer.doc.clientID)?.cursor ?? null).toBeNull();
    expect(observer.closeInfo()).toBeNull();
    await expectStillServing(n, before);
  });

  it('an honest caret passes, decodable by every page', async () => {
    const n = await room();
    const facilitator = await rawIn(n, n.tokens.facilitator);
    const cursor = caretAt(facilitator.doc, n.firstParagraph, 4);
    publish(facilitator, facilitator.doc.clientID, 1, { paragraphId: n.firstParagraph, editing: true, cursor });
    await eventually(() => seen(n, facilitator.doc.clientID) !== undefined, 3000, 'the caret');
    const relayed = seen(n, facilitator.doc.clientID)?.cursor as { anchor: unknown };
    expect(relayed).toEqual(cursor);
    expect(Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(relayed.anchor), n.watcher.doc)?.index).toBe(4);
  });

  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['65 characters', 'p'.repeat(65)],
    ['a number', 42],
    ['an object', { id: 'p1' }],
  ])('a paragraph id of %s is dropped', async (_what, paragraphId) => {
    const n = await room();
    const observer = await rawIn(n, n.tokens.observer);
    publish(observer, observer.doc.clientID, 1, { paragraphId, editing: 'yes', extra: 'x'.repeat(1000) });
    await eventually(() => seen(n, observer.doc.clientID) !== undefined, 3000, 'the observer\'s presence');
    expect(seen(n, observer.doc.clientID)).toMatchObject({ user: expect.objectContaining({ role: 'observer' }), paragraphId: null, editing: false });
    expect(seen(n, observer.doc.clientID)).not.toHaveProperty('extra');
    expect(observer.closeInfo()).toBeNull();
  });
});

describe('class 7: size and rate limits come before parsing', () => {
  it('an awareness message over 64 KiB closes with 1009 before any of it is parsed', async () => {
    const n = await room();
    const before = await stored(n);
    const observer = await rawIn(n, n.tokens.observer);
    const started = performance.now();
    observer.sendAwareness(oversizedEchoMessage(n.writer.provider.awareness.clientID, 2_300_000));
    expect((await observer.waitForClose()).code).toBe(CloseCode.tooLarge);
    expect(performance.now() - started).toBeLessThan(2000);
    await expectStillServing(n, before);
  });

  it('echo entries are judged by id and clock and never parsed: an echo that is not even JSON is skipped', async () => {
    const n = await room();
    const observer = await rawIn(n, n.tokens.observer);
    const echoId = n.writer.provider.awareness.clientID;
    const own = { clientId: observer.doc.clientID, clock: 1, json: JSON.stringify({ paragraphId: 'p-own' }) };
    observer.sendAwareness(rawAwareness([own, { clientId: echoId, clock: 1, json: '{not json at all' }]));
    await eventually(() => seen(n, observer.doc.clientID)?.paragraphId === 'p-own', 3000, 'the observer\'s own state');
    expect(observer.closeInfo()).toBeNull();
  });

  it('an own state over 4 KB is dropped unparsed; the connection stays and later states pass', async () => {
    const n = await room();
    const observer = await rawIn(n, n.tokens.observer);
    const shown: unknown[] = [];
    n.watcher.provider.awareness.on('change', () => shown.push(seen(n, observer.doc.clientID)?.paragraphId));
    publish(observer, observer.doc.clientID, 1, { paragraphId: 'p-big', padding: 'x'.repeat(5000) });
    publish(observer, observer.doc.clientID, 2, { paragraphId: 'p-small' });
    await eventually(() => seen(n, observer.doc.clientID)?.paragraphId === 'p-small', 3000, 'the observer\'s next state');
    expect(shown).not.toContain('p-big');
    expect(observer.closeInfo()).toBeNull();
  });

  it.each([
    ['echo-only awareness messages', (n: PresenceRoom) => echoFlood(n.writer.provider.awareness.clientID, 200)],
    ['queries of everyone\'s presence', () => Array.from({ length: 200 }, () => Uint8Array.from([3]))],
  ])('%s over 3× the presence rate close with 4429, whatever they hold', async (_what, flood) => {
    const n = await room();
    const before = await stored(n);
    const observer = await rawIn(n, n.tokens.observer);
    for (const message of flood(n)) observer.sendRaw(message);
    const close = await observer.waitForClose();
    expect(close.code).toBe(CloseCode.rateLimited);
    expect(close.reason).toMatch(/presence/);
    await expectStillServing(n, before);
  });
});

describe('class 11a: presence never takes a client id from a live connection', () => {
  async function holderAndForger(token: 'ken' | 'facilitator') {
    const n = await room();
    const holder = await rawIn(n, n.tokens[token]);
    const holderId = holder.doc.clientID;
    publish(holder, holderId, 1, { paragraphId: 'p-holder' });
    await eventually(() => seen(n, holderId)?.paragraphId === 'p-holder', 3000, 'the holder\'s presence');
    return { n, holder, holderId };
  }

  it('someone on the same shared delegation link publishing under another\'s id is dropped; nobody is disconnected', async () => {
    const { n, holder, holderId } = await holderAndForger('ken');
    const before = await stored(n);
    const forger = await rawIn(n, n.tokens.ken);
    publish(forger, holderId, 50, { paragraphId: 'p-forged' });
    forger.sendAwareness(encodeAwarenessStates([{ clientId: holderId, clock: 51, state: null }]));
    await pause(300);
    expect(holder.closeInfo()).toBeNull();
    expect(forger.closeInfo()).toBeNull();
    expect(seen(n, holderId)?.paragraphId).toBe('p-holder');
    // The holder goes on publishing, and the forger may still publish under its own id.
    publish(holder, holderId, 2, { paragraphId: 'p-holder-2' });
    publish(forger, forger.doc.clientID, 1, { paragraphId: 'p-forger' });
    await eventually(() => seen(n, holderId)?.paragraphId === 'p-holder-2' && seen(n, forger.doc.clientID)?.paragraphId === 'p-forger', 3000, 'both');
    await expectStillServing(n, before);
  });

  it('a page reconnecting with its id takes it back once its old socket is gone', async () => {
    const { n, holder, holderId } = await holderAndForger('ken');
    holder.close();
    await eventually(() => seen(n, holderId) === undefined, 3000, 'the old socket to go');
    const again = await reconnectAs(n, 'ken', holderId);
    publish(again, holderId, 2, { paragraphId: 'p-back' });
    await eventually(() => seen(n, holderId)?.paragraphId === 'p-back', 3000, 'the page back');
    expect(again.closeInfo()).toBeNull();
  });

  it('a page reconnecting while its old socket is open but silent takes its id back with a document update', async () => {
    const { n, holder, holderId } = await holderAndForger('facilitator');
    const again = await reconnectAs(n, 'facilitator', holderId);
    publish(again, holderId, 2, { paragraphId: 'p-back' });
    await pause(silentHolderMs + 200);
    expect(seen(n, holderId)?.paragraphId).toBe('p-holder');
    expect(holder.closeInfo()).toBeNull();
    const text = (again.doc.getMap('paragraphs').get(n.firstParagraph) as Y.Map<Y.XmlFragment>).get('text') as Y.XmlFragment;
    again.sendUpdate(again.capture(() => ((text.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Back. ')));
    expect((await holder.waitForClose()).code).toBe(CloseCode.goingAway);
    publish(again, holderId, 3, { paragraphId: 'p-back' });
    await eventually(() => seen(n, holderId)?.paragraphId === 'p-back', 3000, 'the page back');
    expect(again.closeInfo()).toBeNull();
  });
});

async function reconnectAs(n: PresenceRoom, token: 'ken' | 'facilitator', clientId: number): Promise<RawClient> {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return rawIn(n, n.tokens[token], { doc });
}
