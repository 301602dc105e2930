/**
 * The Connection holds messages that arrive while its room is still loading (with SQLite the room loads
 * within the same tick, so only a slower storage makes this reachable): at most `maxMessagesBeforeReady`,
 * then it closes with 4429. Driven through its public API with a socket that records what it is given.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { Room } from '../../server/rooms/room.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { Connection } from '../../server/ws/connection.ts';
import { encodeUpdate } from '../../server/ws/messages.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingSocket, testConnectionLimits } from '../helpers/recording-socket.ts';
import { person } from '../helpers/room-text.ts';

const limits = testConnectionLimits;
const facilitator = person('i1', 'Facilitator');

async function roomWithStorage(): Promise<{ room: Room; storage: Storage }> {
  const storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'draftroom-conn-')), 'db.sqlite'));
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Buffered');
  await storage.createNegotiation({ id: 'n1', title: 'Buffered', createdAt: new Date().toISOString() }, Y.encodeStateAsUpdate(doc));
  return { room: new Room('n1', doc, storage, 0, 0, { maxUpdates: 100 }), storage };
}

/** `count` update messages from one facilitator's page, each adding a delegation (K0X, K1X, …). */
function delegationEdits(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(encodeUpdate(u)));
  for (let i = 0; i < count; i++) getDelegations(doc).set(`K${i}X`, { name: `Delegation ${i}` });
  return updates;
}

describe('messages before the room is ready', () => {
  it('holds up to the limit and handles them in order once the room is attached', async () => {
    const { room, storage } = await roomWithStorage();
    const { socket, closes } = recordingSocket();
    const connection = new Connection(facilitator, socket, limits, () => undefined);
    for (const edit of delegationEdits(limits.maxMessagesBeforeReady)) connection.receive(edit);
    expect(closes).toEqual([]);
    connection.attach(room);
    await room.enqueue(() => undefined);
    expect([...getDelegations(room.doc).keys()]).toContain(`K${limits.maxMessagesBeforeReady - 1}X`);
    expect(closes).toEqual([]);
    await storage.close();
  });

  it('closes with 4429 past the limit, and nothing it sent reaches the room', async () => {
    const { room, storage } = await roomWithStorage();
    const { socket, closes } = recordingSocket();
    const connection = new Connection(facilitator, socket, limits, () => undefined);
    for (const edit of delegationEdits(limits.maxMessagesBeforeReady + 1)) connection.receive(edit);
    expect(closes).toEqual([{ code: CloseCode.rateLimited, reason: expect.stringMatching(/before the document was ready/) }]);
    connection.attach(room);
    await room.enqueue(() => undefined);
    expect([...getDelegations(room.doc).keys()]).toEqual([]);
    expect(room.connections.size).toBe(0);
    await storage.close();
  });
});
