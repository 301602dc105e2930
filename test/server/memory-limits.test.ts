/**
 * Memory has a ceiling (issue 6, class 6), through real servers started with small limits: open websockets
 * are capped per invitation link and in total (4503 with the reason, after the upgrade); a socket that
 * stops reading is closed once it holds more than its threshold unsent (4429); and when every socket
 * together would hold more than the process budget, the ones holding the most are dropped. Through all of
 * it the honest writer and reader keep syncing, and the server's unsent bytes stay under the budget.
 */
import type { Socket } from 'node:net';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { getJson, importDraft, invite, smallDraft } from '../helpers/api.ts';
import { connectRaw, connectSynced, type RawClient } from '../helpers/raw-client.ts';
import { startServer, type ServerOptions, type TestServer } from '../helpers/server.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

const chunkBytes = 256 * 1024;

interface Health {
  connections: number;
  sockets: number;
  unsentBytes: number;
  sendBudgetBytes: number;
}

/** One server for a describe block, and what its tests opened, closed after each test. */
function serverWith(env: ServerOptions['env']) {
  const state = { server: null as unknown as TestServer, cleanups: [] as (() => void)[] };
  beforeAll(async () => {
    // The writer here sends 10 MB as fast as it can: only the send budget is under test, not the byte rate.
    state.server = await startServer({ env: { DRAFTROOM_BYTES_PER_SECOND: String(64 * 1024 * 1024), ...env } });
  });
  afterEach(() => {
    for (const cleanup of state.cleanups.splice(0).reverse()) cleanup();
  });
  afterAll(async () => {
    await state.server?.stop();
  });
  return state;
}

type State = ReturnType<typeof serverWith>;

async function health(state: State): Promise<Health> {
  return (await getJson<Health>(state.server, '/api/health')).body;
}

function honest(state: State, id: string, token: string): YClient {
  const client = connectClient(state.server, id, token);
  state.cleanups.push(() => client.destroy());
  return client;
}

function raw(state: State, id: string, token: string): RawClient {
  const client = connectRaw(state.server, id, token);
  state.cleanups.push(() => client.close());
  return client;
}

/** Stops reading from the socket (the kernel buffers a few MB, then the server must hold the rest). */
function stopReading(client: RawClient): Socket {
  const socket = (client.ws as unknown as { _socket: Socket })._socket;
  socket.pause();
  return socket;
}

function firstText(doc: Y.Doc): Y.XmlText {
  return (getParagraphText(doc, readOrder(doc)[0] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A negotiation with an honest facilitator (writer) and observer (reader) synced, and a spare observer link. */
async function room(state: State) {
  const { id } = await importDraft(state.server, smallDraft);
  const [facilitator, observer, other] = await Promise.all(
    [Role.facilitator, Role.observer, Role.observer].map((role) => invite(state.server, id, { role })),
  );
  const writer = honest(state, id, facilitator!.token);
  const reader = honest(state, id, observer!.token);
  await Promise.all([writer.synced, reader.synced]);
  return { id, writer, reader, otherToken: other!.token };
}

/**
 * The writer inserts `count` chunks of text into paragraph 1, each waited for in the reader's copy (so the
 * server relayed it to everyone); resolves the server's unsent bytes seen after each chunk.
 */
async function pushChunks(state: State, writer: YClient, reader: YClient, count: number): Promise<number[]> {
  const unsent: number[] = [];
  for (let i = 0; i < count; i++) {
    firstText(writer.doc).insert(0, String.fromCharCode(97 + (i % 26)).repeat(chunkBytes));
    const expected = firstText(writer.doc).length;
    await waitFor(reader.doc, () => firstText(reader.doc).length === expected, 10_000, `chunk ${i} at the reader`);
    unsent.push((await health(state)).unsentBytes);
  }
  return unsent;
}

describe('connection caps', () => {
  const state = serverWith({ DRAFTROOM_MAX_CONNECTIONS_PER_LINK: '3', DRAFTROOM_MAX_CONNECTIONS: '5' });

  it('refuses a fourth socket on one link with 4503 and the reason, and admits it again once one leaves', async () => {
    const { id } = await importDraft(state.server, smallDraft);
    const link = await invite(state.server, id, { role: Role.observer });
    const first = await Promise.all([0, 1, 2].map(() => connectSynced(state.server, id, link.token)));
    first.forEach((client) => state.cleanups.push(() => client.close()));

    const fourth = raw(state, id, link.token);
    const refused = await fourth.waitForClose();
    expect(refused.code).toBe(CloseCode.unavailable);
    expect(refused.reason).toMatch(/link is already open in 3 places/);
    expect(fourth.messages).toEqual([]); // not one document byte
    // The three on the link still sync.
    for (const client of first) expect(client.closeInfo()).toBeNull();
    const another = await invite(state.server, id, { role: Role.observer });
    const elsewhere = await connectSynced(state.server, id, another.token);
    state.cleanups.push(() => elsewhere.close());

    first[0]!.close();
    await eventually(async () => (await health(state)).sockets === 3, 5000, 'the closed socket to be counted out');
    const again = await connectSynced(state.server, id, link.token);
    state.cleanups.push(() => again.close());
    expect(again.closeInfo()).toBeNull();
  });

  it('refuses a socket over the total cap with 4503, whatever its link', async () => {
    const { id } = await importDraft(state.server, smallDraft);
    const links = await Promise.all([0, 1, 2].map(() => invite(state.server, id, { role: Role.observer })));
    const open = await Promise.all([0, 0, 1, 1, 2].map((i) => connectSynced(state.server, id, links[i]!.token)));
    open.forEach((client) => state.cleanups.push(() => client.close()));
    const fresh = await invite(state.server, id, { role: Role.facilitator });
    const sixth = raw(state, id, fresh.token);
    const refused = await sixth.waitForClose();
    expect(refused).toEqual({ code: CloseCode.unavailable, reason: expect.stringMatching(/limit of 5 connections/) });
    expect((await health(state)).sockets).toBe(5);
  });
});

describe('a socket that stops reading', () => {
  const socketBufferBytes = 1024 * 1024;
  const state = serverWith({ DRAFTROOM_SOCKET_BUFFER_BYTES: String(socketBufferBytes) });

  it('is closed with 4429 once it holds its threshold unsent, while the others keep syncing', async () => {
    const { id, writer, reader, otherToken } = await room(state);
    const slow = await connectSynced(state.server, id, otherToken);
    state.cleanups.push(() => slow.close());
    const socket = stopReading(slow);

    // 8 MiB through the room: a few MiB fit in the kernel's buffers, the rest the server would hold.
    const unsent = await pushChunks(state, writer, reader, 32);
    socket.resume();
    const close = await slow.waitForClose(10_000);
    expect(close).toEqual({ code: CloseCode.rateLimited, reason: expect.stringMatching(/did not read what the server sent/) });
    // It never held more than the threshold on top of one message (plus the message in flight).
    expect(Math.max(...unsent)).toBeLessThanOrEqual(socketBufferBytes + 3 * chunkBytes);
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
    // The room still serves: a newcomer gets the whole text.
    const late = honest(state, id, otherToken);
    await late.synced;
    expect(firstText(late.doc).length).toBe(firstText(writer.doc).length);
  });
});

describe('the process budget for unsent bytes', () => {
  const sendBudgetBytes = 2 * 1024 * 1024;
  // Per socket no limit to speak of: only the budget can stop the non-readers here.
  const state = serverWith({ DRAFTROOM_SEND_BUDGET_BYTES: String(sendBudgetBytes), DRAFTROOM_SOCKET_BUFFER_BYTES: String(512 * 1024 * 1024) });

  it('drops the sockets holding the most, keeps the total under the budget, and keeps serving the readers', async () => {
    const { id, writer, reader, otherToken } = await room(state);
    const slow = await Promise.all([0, 1, 2, 3].map(() => connectSynced(state.server, id, otherToken)));
    slow.forEach((client) => state.cleanups.push(() => client.close()));
    const sockets = slow.map(stopReading);

    const unsent = await pushChunks(state, writer, reader, 40);
    await eventually(async () => (await health(state)).connections === 2, 5000, 'only the writer and the reader left');
    expect(Math.max(...unsent)).toBeLessThanOrEqual(sendBudgetBytes);

    sockets.forEach((socket) => socket.resume());
    const closes = await Promise.all(slow.map((client) => client.waitForClose(10_000)));
    // Destroyed at once (their buffers freed), so no close frame reaches them.
    for (const close of closes) expect(close.code).not.toBe(1000);
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
    firstText(writer.doc).insert(0, 'Still here. ');
    await waitFor(reader.doc, () => firstText(reader.doc).toString().startsWith('Still here. '), 5000, 'a keystroke after the flood');
  });
});
