/**
 * Real server, real websockets, real SQLite: clients converge, late joiners catch up, acknowledged edits
 * survive a restart and a kill -9, and a broken client is closed without disturbing the others.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getParagraphText, readNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { protocolVersion } from '../../shared/protocol/version.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(server?: TestServer) {
  const s = server ?? (await startServer());
  if (!server) cleanups.push(() => s.stop());
  const created = await importDraft(s, smallDraft);
  const facilitator = await invite(s, created.id, { role: Role.facilitator });
  return { server: s, id: created.id, token: facilitator.token };
}

function client(server: TestServer, id: string, token: string): YClient {
  const c = connectClient(server, id, token);
  cleanups.push(() => c.destroy());
  return c;
}

/** The text of the n-th numbered paragraph (1-based) in a client's document. */
function paragraphText(doc: Y.Doc, number: string): string {
  const paragraph = readNegotiation(doc).paragraphs.find((p) => p.number === number);
  return paragraph ? plainText(paragraph.runs) : '';
}

function insertIntoParagraph(doc: Y.Doc, number: string, at: number, text: string): void {
  const paragraph = readNegotiation(doc).paragraphs.find((p) => p.number === number);
  const fragment = getParagraphText(doc, paragraph?.id ?? '');
  const element = fragment?.get(0) as Y.XmlElement;
  (element.get(0) as Y.XmlText).insert(at, text);
}

describe('sync through the server', () => {
  it('two clients editing the same paragraph at once converge', async () => {
    const { server, id, token } = await setup();
    const a = client(server, id, token);
    const b = client(server, id, token);
    await Promise.all([a.synced, b.synced]);
    expect(paragraphText(a.doc, '3')).toBe('We will strengthen capacity building in developing countries.');
    insertIntoParagraph(a.doc, '3', 0, 'Alpha ');
    insertIntoParagraph(b.doc, '3', 0, 'Beta ');
    await waitFor(a.doc, () => paragraphText(a.doc, '3').includes('Beta'), 5000, 'A to see B');
    await waitFor(b.doc, () => paragraphText(b.doc, '3').includes('Alpha'), 5000, 'B to see A');
    expect(paragraphText(a.doc, '3')).toBe(paragraphText(b.doc, '3'));
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('stock providers that echo each other\'s presence see each other and are never disconnected', async () => {
    const { server, id, token } = await setup();
    const a = client(server, id, token);
    const b = client(server, id, token);
    await Promise.all([a.synced, b.synced]);
    a.provider.awareness.setLocalStateField('paragraphId', 'p-a');
    b.provider.awareness.setLocalStateField('paragraphId', 'p-b');
    await eventually(() => b.provider.awareness.getStates().get(a.doc.clientID)?.paragraphId === 'p-a', 5000, 'B to see A');
    await eventually(() => a.provider.awareness.getStates().get(b.doc.clientID)?.paragraphId === 'p-b', 5000, 'A to see B');
    for (let i = 0; i < 5; i++) a.provider.awareness.setLocalStateField('editing', i % 2 === 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user).toMatchObject({ role: 'facilitator' });
  });

  it('edits made while offline merge with the others\' when the connection returns', async () => {
    const { server, id, token } = await setup();
    const a = client(server, id, token);
    const b = client(server, id, token);
    await Promise.all([a.synced, b.synced]);
    a.provider.disconnect();
    insertIntoParagraph(a.doc, '2', 0, 'Offline words. ');
    insertIntoParagraph(b.doc, '2', 0, 'Online words. ');
    await new Promise((r) => setTimeout(r, 200));
    expect(paragraphText(b.doc, '2')).not.toContain('Offline words.');
    a.provider.connect();
    await waitFor(b.doc, () => paragraphText(b.doc, '2').includes('Offline words.'), 5000, 'B to get the offline edit');
    await waitFor(a.doc, () => paragraphText(a.doc, '2').includes('Online words.'), 5000, 'A to get the online edit');
    expect(paragraphText(a.doc, '2')).toBe(paragraphText(b.doc, '2'));
    expect(a.closes.filter((c) => c.code >= 4000)).toEqual([]);
  });

  it('a late joiner receives the full state', async () => {
    const { server, id, token } = await setup();
    const a = client(server, id, token);
    await a.synced;
    insertIntoParagraph(a.doc, '2', 0, 'Early words. ');
    const b = client(server, id, token);
    await b.synced;
    await waitFor(b.doc, () => paragraphText(b.doc, '2').startsWith('Early words.'), 5000, 'late joiner');
    expect(readOrder(b.doc)).toEqual(readOrder(a.doc));
    expect(readNegotiation(b.doc).paragraphs.map((p) => p.source)).toEqual(readNegotiation(a.doc).paragraphs.map((p) => p.source));
  });

  it('acknowledged edits survive a clean restart and a kill -9 in the middle of typing', async () => {
    const first = await startServer();
    const { id, token } = await setup(first);
    const writer = connectClient(first, id, token);
    const witness = connectClient(first, id, token);
    await Promise.all([writer.synced, witness.synced]);
    const typed = 'kept after a crash ';
    for (let i = 0; i < typed.length; i++) insertIntoParagraph(writer.doc, '4', i, typed[i] as string);
    // The witness has the edits only once the server relayed them, which it does after they are on disk.
    await waitFor(witness.doc, () => paragraphText(witness.doc, '4').startsWith(typed), 5000, 'relay');
    for (let i = 0; i < 50; i++) insertIntoParagraph(writer.doc, '1', 0, 'x');
    await first.kill();
    writer.destroy();
    witness.destroy();
    const acknowledged = paragraphText(witness.doc, '1');

    const second = await startServer({ dataDir: first.dataDir });
    const reader = connectClient(second, id, token);
    await reader.synced;
    expect(paragraphText(reader.doc, '4').startsWith(typed)).toBe(true);
    expect(paragraphText(reader.doc, '1').length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(paragraphText(reader.doc, '1').startsWith(acknowledged.slice(0, acknowledged.indexOf('We')))).toBe(true);
    reader.destroy();
    await second.stop();

    const third = await startServer({ dataDir: first.dataDir });
    const again = connectClient(third, id, token);
    await again.synced;
    expect(paragraphText(again.doc, '4').startsWith(typed)).toBe(true);
    again.destroy();
    await third.stop();
  });

  it('a malformed message closes only its own connection; the others keep syncing', async () => {
    const { server, id, token } = await setup();
    const honest = client(server, id, token);
    const other = client(server, id, token);
    await Promise.all([honest.synced, other.synced]);
    const broken = new WebSocket(`ws://127.0.0.1:${server.port}/ws/${id}?v=${protocolVersion}&token=${token}`);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      broken.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    await new Promise((resolve) => broken.on('open', resolve));
    broken.send(Uint8Array.from([0, 9, 200, 1, 2]));
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.malformed);
    expect(reason).toMatch(/Malformed message/);
    insertIntoParagraph(honest.doc, '2', 0, 'Still syncing. ');
    await waitFor(other.doc, () => paragraphText(other.doc, '2').startsWith('Still syncing.'), 5000, 'sync after the broken client');
    await eventually(() => honest.provider.wsconnected, 2000, 'honest client still connected');
  });

  it('loads a stored document in one pass after many updates, and folds the log into a snapshot', async () => {
    const server = await startServer({ env: { DRAFTROOM_COMPACT_EVERY: '50' } });
    cleanups.push(() => server.stop());
    const { id, token } = await setup(server);
    const writer = client(server, id, token);
    await writer.synced;
    for (let i = 0; i < 120; i++) insertIntoParagraph(writer.doc, '3', 0, String(i % 10));
    const expected = paragraphText(writer.doc, '3');
    const reader = client(server, id, token);
    await reader.synced;
    await waitFor(reader.doc, () => paragraphText(reader.doc, '3') === expected, 5000, 'all 120 edits');
    const fragment = getParagraphText(reader.doc, readNegotiation(reader.doc).paragraphs[3]?.id ?? '');
    expect(plainText(readRuns(fragment as Y.XmlFragment))).toBe(expected);
    writer.destroy();
    reader.destroy();
    await server.stop();
    const db = new Database(join(server.dataDir, 'draftroom.sqlite'), { readonly: true });
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE negotiation_id = ?').get(id) as { n: number };
    const { snapshot } = db.prepare('SELECT snapshot FROM negotiations WHERE id = ?').get(id) as { snapshot: Buffer };
    db.close();
    expect(n).toBe(0); // folded on unload
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array(snapshot));
    expect(paragraphText(stored, '3')).toBe(expected);
  });
});
