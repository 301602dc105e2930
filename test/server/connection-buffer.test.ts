/**
 * The Connection holds messages that arrive while its room is still loading (with SQLite the room loads
 * within the same tick, so only a slower storage makes this reachable): at most `maxMessagesBeforeReady`,
 * then it closes with 4429. Driven through its public API with a socket that records what it is given.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { Identity } from '../../server/auth/identity.ts';
import { Room } from '../../server/rooms/room.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { Connection, type ConnectionLimits, type SocketLike } from '../../server/ws/connection.ts';
import { encodeUpdate } from '../../server/ws/messages.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const limits: ConnectionLimits = { maxMessagesBeforeReady: 8, awarenessPerSecond: 20, awarenessBurst: 40, messagesPerSecond: 1000, messagesBurst: 1000 };
const facilitator: Identity = { negotiationId: 'n1', role: Role.facilitator, delegation: null, invitationId: 'i1', name: 'Facilitator', expiresAt: null };

function recordingSocket() {
  const sent: Uint8Array[] = [];
  const closes: { code: number; reason: string }[] = [];
  const socket: SocketLike = { send: (d) => void sent.push(d), close: (code, reason) => void closes.push({ code, reason }), isOpen: true };
  return { socket, sent, closes };
}

async function roomWithStorage(): Promise<{ room: Room; storage: Storage }> {
  const storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'draftroom-conn-')), 'db.sqlite'));
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Buffered');
  await storage.createNegotiation({ id: 'n1', title: 'Buffered', createdAt: new Date().toISOString() }, Y.encodeStateAsUpdate(doc));
  return { room: new Room('n1', doc, storage, 0, 0, { maxUpdates: 100 }), storage };
}

function metaEdit(key: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap('meta').set(key, 'x');
  return encodeUpdate(update);
}

describe('messages before the room is ready', () => {
  it('holds up to the limit and handles them in order once the room is attached', async () => {
    const { room, storage } = await roomWithStorage();
    const { socket, closes } = recordingSocket();
    const connection = new Connection(facilitator, socket, limits, () => undefined);
    for (let i = 0; i < limits.maxMessagesBeforeReady; i++) connection.receive(metaEdit(`k${i}`));
    expect(closes).toEqual([]);
    connection.attach(room);
    await room.enqueue(() => undefined);
    expect([...room.doc.getMap('meta').keys()].sort()).toContain(`k${limits.maxMessagesBeforeReady - 1}`);
    expect(closes).toEqual([]);
    await storage.close();
  });

  it('closes with 4429 past the limit, and nothing it sent reaches the room', async () => {
    const { room, storage } = await roomWithStorage();
    const { socket, closes } = recordingSocket();
    const connection = new Connection(facilitator, socket, limits, () => undefined);
    for (let i = 0; i <= limits.maxMessagesBeforeReady; i++) connection.receive(metaEdit(`k${i}`));
    expect(closes).toEqual([{ code: CloseCode.rateLimited, reason: expect.stringMatching(/before the document was ready/) }]);
    connection.attach(room);
    await room.enqueue(() => undefined);
    expect([...room.doc.getMap('meta').keys()]).toEqual(['title']);
    expect(room.connections.size).toBe(0);
    await storage.close();
  });
});
