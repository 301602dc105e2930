/**
 * When a room folds its update log into a snapshot (server/rooms/room.ts, CompactionPolicy): past maxUpdates it
 * waits for a quiet moment, so the fold never holds up an edit in a busy room, and a room that is never quiet
 * folds anyway at four times maxUpdates. Real SQLite files; what storage holds is read back from disk.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Room } from '../../server/rooms/room.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { storedDocument } from '../helpers/stored-state.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function roomOver(maxUpdates: number, quietMs: number): Promise<{ room: Room; storage: Storage }> {
  const storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'draftroom-fold-')), 'db.sqlite'));
  const doc = new Y.Doc();
  await storage.createNegotiation({ id: 'n1', title: 'Folding', createdAt: new Date().toISOString() }, Y.encodeStateAsUpdate(doc));
  const room = new Room('n1', doc, storage, 0, 0, { maxUpdates, quietMs });
  cleanups.push(async () => {
    room.close();
    await storage.close();
  });
  return { room, storage };
}

/** Makes `count` one-letter server edits, one update each. */
async function type(room: Room, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await room.applyServerChange((doc) => doc.getText('t').insert(0, 'x'));
}

/** The updates storage holds after its snapshot, and the text snapshot and log give together. */
async function stored(storage: Storage): Promise<{ logLength: number; text: string }> {
  const { doc, logLength } = await storedDocument(storage, 'n1');
  return { logLength, text: doc.getText('t').toString() };
}

describe('folding the update log', () => {
  it('waits past maxUpdates until the room is quiet, then folds everything into the snapshot', async () => {
    const { room, storage } = await roomOver(10, 2000);
    await type(room, 15);
    // Past maxUpdates, but the room is not yet quiet: nothing is folded while people type.
    expect((await stored(storage)).logLength).toBe(15);
    await type(room, 5);
    expect((await stored(storage)).logLength).toBe(20);
    await expect.poll(async () => (await stored(storage)).logLength, { timeout: 15_000, interval: 100 }).toBe(0);
    expect((await stored(storage)).text).toBe('x'.repeat(20));
  });

  it('folds a room that is never quiet at four times maxUpdates', async () => {
    const { room, storage } = await roomOver(10, 60_000);
    await type(room, 39);
    expect((await stored(storage)).logLength).toBe(39);
    await type(room, 1);
    // The fold is queued behind the 40th update: the next change in the queue finds it done.
    await type(room, 1);
    expect(await stored(storage)).toEqual({ logLength: 1, text: 'x'.repeat(41) });
  });

  it('does not fold below maxUpdates, however quiet', async () => {
    const { room, storage } = await roomOver(10, 20);
    await type(room, 9);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await stored(storage)).logLength).toBe(9);
  });
});
