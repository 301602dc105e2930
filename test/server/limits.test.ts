/**
 * Bad input on the websocket against a real server started with small limits: malformed, truncated and
 * unknown messages, text frames, oversized frames, floods, and messages sent before the document is ready.
 * Each closes only the offending connection with the documented code (shared/protocol/close-codes.ts),
 * leaves the stored document as it was, and the server keeps serving everyone else.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getMeta, getParagraphs, getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import {
  connectRaw,
  connectSynced,
  encodeAwarenessMessage,
  encodeAwarenessStates,
  encodeSync,
  ownPresenceOnly,
  type CloseInfo,
  type RawClient,
} from '../helpers/raw-client.ts';
import { pipelinedConnect } from '../helpers/pipelined-connect.ts';
import { storedState } from '../helpers/stored-state.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, waitFor, type YClient } from '../helpers/yjs-client.ts';
import { protocolVersion } from '../../shared/protocol/version.ts';

const maxMessageBytes = 4096;
const awarenessPerSecond = 5;
const awarenessBurst = 40; // server/config.ts: fixed
const messagesBurst = 600; // server/config.ts: fixed
const maxMessagesBeforeReady = 64; // server/config.ts: fixed

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started), {
  env: { DRAFTROOM_MAX_MESSAGE_BYTES: String(maxMessageBytes), DRAFTROOM_AWARENESS_PER_SECOND: String(awarenessPerSecond) },
});

function honest(id: string, token: string): YClient {
  const client = connectClient(server, id, token);
  ownPresenceOnly(client.provider);
  cleanups.push(() => client.destroy());
  return client;
}

function firstText(doc: Y.Doc): Y.XmlText {
  return (getParagraphText(doc, readOrder(doc)[0] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A fresh negotiation with an honest facilitator (writer) and observer (reader) connected. */
async function negotiation() {
  const { id } = await importDraft(server, smallDraft);
  const [facilitator, observer] = await Promise.all([invite(server, id, { role: Role.facilitator }), invite(server, id, { role: Role.observer })]);
  const writer = honest(id, facilitator.token);
  const reader = honest(id, observer.token);
  await Promise.all([writer.synced, reader.synced]);
  return { id, token: facilitator.token, writer, reader };
}

type Negotiation = Awaited<ReturnType<typeof negotiation>>;

async function attacker(n: Negotiation, synced = true): Promise<RawClient> {
  const raw = synced ? await connectSynced(server, n.id, n.token) : connectRaw(server, n.id, n.token);
  if (!synced) await raw.opened;
  cleanups.push(() => raw.close());
  return raw;
}

/** After an attack: nothing stored changed, the honest pair still syncs, and a new connection is served. */
async function expectStillServing(n: Negotiation, before: Awaited<ReturnType<typeof storedState>>): Promise<void> {
  expect(await storedState(server, n.id)).toEqual(before);
  const marker = `still serving ${Math.random().toString(36).slice(2, 8)} `;
  firstText(n.writer.doc).insert(0, marker);
  await waitFor(n.reader.doc, () => firstText(n.reader.doc).toString().startsWith(marker), 5000, 'the honest reader');
  expect(n.writer.closes).toEqual([]);
  expect(n.reader.closes).toEqual([]);
  const fresh = await attacker(n);
  expect(firstText(fresh.doc).toString()).toContain(marker.trim());
}

/** Sends `frames` (binary, or text for strings) from a synced facilitator connection; resolves with the close. */
async function sendAndClose(n: Negotiation, frames: (Uint8Array | string)[]): Promise<CloseInfo> {
  const raw = await attacker(n);
  for (const frame of frames) raw.sendRaw(frame);
  return raw.waitForClose();
}

function validUpdate(n: Negotiation): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(n.writer.doc));
  const updates: Uint8Array[] = [];
  copy.on('update', (u: Uint8Array) => updates.push(u));
  getParagraphs(copy).get(readOrder(copy)[2] as string)?.set('status', 'agreed');
  firstText(copy).insert(0, 'A valid edit that the attacker then cuts short. ');
  return Y.mergeUpdates(updates);
}

/**
 * A facilitator's update (client 1234567: a map in meta, then two keys in it) with the first key's parent
 * rewritten from 1234567:0 to 1234567:2, a later struct of the same client. Yjs does not check such a
 * reference and throws in the middle of applying it, after part of the update is in the document.
 */
function forwardReference(n: Negotiation): Uint8Array {
  const copy = new Y.Doc();
  copy.clientID = 1234567;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(n.writer.doc));
  const updates: Uint8Array[] = [];
  copy.on('update', (u: Uint8Array) => updates.push(u));
  copy.transact(() => {
    const extra = new Y.Map<number>();
    getMeta(copy).set('extra', extra);
    extra.set('a', 1);
    extra.set('b', 2);
  });
  const update = (updates[0] as Uint8Array).slice();
  const pattern = [0x00, ...varUintBytes(1234567), 0x00];
  for (let i = 4; i + pattern.length <= update.length; i++) {
    if (pattern.every((b, j) => update[i + j] === b)) {
      update[i + pattern.length - 1] = 2;
      return update;
    }
  }
  throw new Error('parent reference not found');
}

function varUintBytes(value: number): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return [...encoding.toUint8Array(encoder)];
}

describe('malformed messages close with 4400', () => {
  const cases: [string, (n: Negotiation) => Uint8Array][] = [
    ['garbage bytes', () => Uint8Array.from([0xff, 0xfe, 0xfd, 0xfc, 0x13, 0x37, 0x00, 0x42])],
    ['an empty binary frame', () => new Uint8Array(0)],
    ['a truncated sync message (length says 50, 3 bytes follow)', () => Uint8Array.from([0, 2, 50, 1, 2, 3])],
    ['a sync message cut inside its length', () => Uint8Array.from([0, 2, 0x80])],
    ['a length of 4 GiB in a small frame', () => Uint8Array.from([0, 2, ...varUintBytes(2 ** 32 - 1)])],
    ['a valid update cut in half', (n) => encodeSync(2, validUpdate(n).slice(0, Math.floor(validUpdate(n).length / 2)))],
    ['a valid update with its last byte cut', (n) => encodeSync(2, validUpdate(n).slice(0, -1))],
    ['a sync step 2 of random bytes', () => encodeSync(1, Uint8Array.from([7, 200, 13, 99, 4, 250, 1, 0, 17]))],
    ['trailing bytes after a valid message', () => Uint8Array.from([...encodeSync(1, Y.encodeStateAsUpdate(new Y.Doc())), 0, 0, 7])],
    ['an unknown message type (7)', () => Uint8Array.from([7, 0, 0])],
    ['the auth message type (2), which clients do not send', () => Uint8Array.from([2, 0, 0])],
    ['an unknown sync message type (5)', () => Uint8Array.from([0, 5, 0])],
    ['a malformed awareness update', () => encodeAwarenessMessage(Uint8Array.from([3, 1, 2, 3]))],
    ['an awareness state that is not JSON', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, 4242);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, '{not json');
      return encodeAwarenessMessage(encoding.toUint8Array(encoder));
    }],
    ['an awareness state that is an array', () => encodeAwarenessMessage(encodeAwarenessStates([{ clientId: 4242, clock: 1, state: [1, 2] }]))],
    ['a struct whose parent is a later struct of its own client (Yjs would throw halfway through)', (n) => encodeSync(2, forwardReference(n))],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const close = await sendAndClose(n, [make(n)]);
    expect(close.code).toBe(CloseCode.malformed);
    expect(close.reason.length).toBeGreaterThan(0);
    await expectStillServing(n, before);
    const fresh = await attacker(n);
    expect(getMeta(fresh.doc).has('extra')).toBe(false);
  });

  it('a sync step 1 whose state vector is malformed closes with 4400, not as a server failure', async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const close = await sendAndClose(n, [encodeSync(0, Uint8Array.from([5, 1]))]);
    await expectStillServing(n, before);
    expect(close.code).toBe(CloseCode.malformed);
  });
});

describe('sync requests', () => {
  it('a flood of sync step 1 (each asks the server to encode the document) closes with 4429', async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const stepOne = encodeSync(0, Y.encodeStateVector(new Y.Doc()));
    const close = await sendAndClose(n, Array.from({ length: 20 }, () => stepOne));
    expect(close.code).toBe(CloseCode.rateLimited);
    expect(close.reason).toMatch(/sync requests/);
    await expectStillServing(n, before);
  });
});

describe('text frames', () => {
  it('a text frame closes the connection as malformed (4400) and the server keeps serving', async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const close = await sendAndClose(n, ['{"type":"hello"}']);
    expect(close.code).toBe(CloseCode.malformed);
    expect(close.reason).toMatch(/text frame/i);
    await expectStillServing(n, before);
  });
});

describe('size limit (DRAFTROOM_MAX_MESSAGE_BYTES)', () => {
  it.each([
    ['a binary frame', () => encodeSync(2, new Uint8Array(maxMessageBytes + 100))],
    ['a text frame', () => 'x'.repeat(maxMessageBytes + 100)],
  ] as [string, () => Uint8Array | string][])('%s over the limit closes with 1009', async (_name, make) => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const close = await sendAndClose(n, [make()]);
    expect(close.code).toBe(CloseCode.tooLarge);
    await expectStillServing(n, before);
  });

  it('a real edit just under the limit passes', async () => {
    const n = await negotiation();
    const raw = await attacker(n);
    const words = 'w'.repeat(maxMessageBytes - 400);
    const update = raw.capture((d) => firstText(d).insert(0, words));
    expect(update.length).toBeLessThan(maxMessageBytes);
    raw.sendUpdate(update);
    await waitFor(n.reader.doc, () => firstText(n.reader.doc).toString().startsWith(words), 5000, 'the big edit');
    expect(raw.closeInfo()).toBeNull();
  });
});

describe('rate limits close with 4429', () => {
  it(`an awareness flood over 3x the rate (DRAFTROOM_AWARENESS_PER_SECOND=${awarenessPerSecond}, burst ${awarenessBurst})`, async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const raw = await attacker(n);
    for (let clock = 1; clock <= awarenessBurst * 3 + 40; clock++) {
      raw.sendAwareness(encodeAwarenessStates([{ clientId: raw.doc.clientID, clock, state: { paragraphId: null, editing: false } }]));
    }
    const close = await raw.waitForClose();
    expect(close.code).toBe(CloseCode.rateLimited);
    expect(close.reason).toMatch(/presence/);
    await expectStillServing(n, before);
  });

  it('presence over the rate but under 3x is dropped, not closed', async () => {
    const n = await negotiation();
    const raw = await attacker(n);
    for (let clock = 1; clock <= awarenessBurst + 20; clock++) {
      raw.sendAwareness(encodeAwarenessStates([{ clientId: raw.doc.clientID, clock, state: { paragraphId: `p${clock}` } }]));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(raw.closeInfo()).toBeNull();
    const states = n.reader.provider.awareness.getStates().get(raw.doc.clientID) as { paragraphId?: string } | undefined;
    // The burst passed, the rest was dropped: the others see an older position than the last one sent.
    const shown = Number(states?.paragraphId?.slice(1));
    expect(shown).toBeGreaterThanOrEqual(awarenessBurst);
    expect(shown).toBeLessThan(awarenessBurst + 20);
  });

  it('presence at the sustained rate is fine', async () => {
    const n = await negotiation();
    const raw = await attacker(n);
    for (let clock = 1; clock <= 6; clock++) {
      raw.sendAwareness(encodeAwarenessStates([{ clientId: raw.doc.clientID, clock, state: { paragraphId: null } }]));
      await new Promise((resolve) => setTimeout(resolve, 1000 / awarenessPerSecond));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(raw.closeInfo()).toBeNull();
  });

  it(`a message flood (more than the burst of ${messagesBurst})`, async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const raw = await attacker(n);
    const empty = encodeSync(2, Y.encodeStateAsUpdate(new Y.Doc()));
    for (let i = 0; i < messagesBurst + 100; i++) raw.sendRaw(empty);
    const close = await raw.waitForClose();
    expect(close.code).toBe(CloseCode.rateLimited);
    await expectStillServing(n, before);
  });

  // The limit on messages before the document is ready (64, server/config.ts) could not be provoked: the
  // room loads within the microtasks that follow the upgrade, before the socket delivers any frame, even for
  // an unloaded 3,000-paragraph negotiation and frames written together with the upgrade request. This test
  // documents that such early frames are simply served; the limit itself is only reachable with slow storage.
  it(`${maxMessagesBeforeReady + 36} frames sent with the upgrade request are served once the document is ready`, async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const count = maxMessagesBeforeReady + 36;
    const frames = Array.from({ length: count }, () => Uint8Array.from([3]));
    const outcome = await pipelinedConnect(server, `/ws/${n.id}?v=${protocolVersion}&token=${encodeURIComponent(n.token)}`, frames, { timeoutMs: 1500, resolveIfOpen: true });
    expect(outcome.code).toBe(0);
    expect(outcome.framesReceived).toBeGreaterThanOrEqual(count); // sync step 1, then one answer per query
    await expectStillServing(n, before);
  });
});

describe('messages before authentication', () => {
  it('frames written together with an upgrade that carries a bad token are never read: 4401, nothing sent, nothing stored', async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const edit = new Y.Doc();
    const updates: Uint8Array[] = [];
    edit.on('update', (u: Uint8Array) => updates.push(u));
    edit.getMap('meta').set('title', 'Smuggled before authentication');
    const frames = [encodeSync(2, updates[0] as Uint8Array), encodeSync(0, Y.encodeStateVector(edit)), Uint8Array.from([3])];
    const outcome = await pipelinedConnect(server, `/ws/${n.id}?v=${protocolVersion}&token=forged.token.value`, frames);
    expect(outcome.code).toBe(CloseCode.unauthorized);
    expect(outcome.framesReceived).toBe(0);
    await expectStillServing(n, before);
  });
});

describe('broken websocket frames', () => {
  it('an unmasked client frame (a protocol violation) closes only that socket', async () => {
    const n = await negotiation();
    const before = await storedState(server, n.id);
    const outcome = await pipelinedConnect(server, `/ws/${n.id}?v=${protocolVersion}&token=${encodeURIComponent(n.token)}`, [], {
      rawBytes: [Uint8Array.from([0x82, 0x02, 0x00, 0x00])],
    });
    expect([1002, CloseCode.malformed]).toContain(outcome.code);
    await expectStillServing(n, before);
  });
});
