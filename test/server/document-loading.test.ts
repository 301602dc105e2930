/**
 * Loading a negotiation whose stored log is long (server/rooms/room-registry.ts): the loaded document equals
 * the written one, and a log past the fold threshold is folded into a snapshot once the room is quiet
 * (server/rooms/room.ts), without losing an edit made meanwhile. The registry over real SQLite files; what
 * storage holds is read back from disk. The log's random edits come from LOAD_SEED (printed when a test fails).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomRegistry } from '../../server/rooms/room-registry.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { storedDocument } from '../helpers/stored-state.ts';

const seed = Number(process.env.LOAD_SEED ?? Date.now() % 1_000_000);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const paragraphs = 30;

function storageInTemp(): { storage: Storage; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'draftroom-load-')), 'db.sqlite');
  const storage = openSqliteStorage(file);
  cleanups.push(() => storage.close());
  return { storage, file };
}

/**
 * Stores a negotiation of `paragraphs` texts, then `count` updates (a letter inserted at a random place, some
 * with a deletion), one per row or, with `bursts`, also in rows of 20 to 80 merged updates as the server
 * stores a burst read in one turn (rows from a few bytes to past the 1 KB that loading merges small rows up
 * to); returns the writer's document.
 */
async function writeLog(storage: Storage, count: number, bursts = false): Promise<Y.Doc> {
  const writer = new Y.Doc();
  const body = writer.getArray<Y.XmlText>('body');
  body.push(Array.from({ length: paragraphs }, (_, i) => new Y.XmlText(`paragraph ${i} of the zero draft, as tabled`)));
  await storage.createNegotiation({ id: 'n1', title: 'Long log', createdAt: new Date().toISOString() }, Y.encodeStateAsUpdate(writer));
  const updates: Uint8Array[] = [];
  writer.on('update', (update: Uint8Array) => updates.push(update));
  const rng = new Rng(seed);
  for (let i = 0; i < count; i++) {
    const text = body.get(i % paragraphs);
    // Every seventh update also deletes a letter elsewhere in the same paragraph.
    writer.transact(() => {
      text.insert(rng.int(0, text.length), 'x');
      if (i % 7 === 0) text.delete(rng.int(0, text.length - 1), 1);
    });
  }
  for (let i = 0; i < updates.length; ) {
    const size = bursts && rng.int(0, 2) === 0 ? rng.int(20, 80) : 1;
    const row = updates.slice(i, i + size);
    await storage.appendUpdate('n1', row.length === 1 ? (row[0] as Uint8Array) : Y.mergeUpdates(row));
    i += row.length;
  }
  return writer;
}

/** A registry folding logs of 1,000 updates or more once a room is quiet for 200 ms. */
function registryOver(storage: Storage): RoomRegistry {
  const registry = new RoomRegistry(storage, { compaction: { maxUpdates: 1000, quietMs: 200 }, idleUnloadMs: 60_000 });
  cleanups.unshift(() => registry.closeAll());
  return registry;
}

function texts(doc: Y.Doc): string[] {
  return doc.getArray<Y.XmlText>('body').toArray().map((text) => text.toString());
}

/** The document storage holds (snapshot, then log), and how long its log is. */
const stored = (storage: Storage) => storedDocument(storage, 'n1');

describe(`loading a long update log (LOAD_SEED=${seed})`, () => {
  it('gives the document that was written, from rows of single updates and of bursts', async () => {
    const { storage } = storageInTemp();
    const writer = await writeLog(storage, 5000, true);
    expect((await stored(storage)).logLength).toBeLessThan(5000);
    const room = await registryOver(storage).acquire('n1');
    expect(texts(room.doc)).toEqual(texts(writer));
    expect(Y.encodeStateVector(room.doc)).toEqual(Y.encodeStateVector(writer));
    // Same items and the same deletions, not only the same text.
    expect(Y.equalSnapshots(Y.snapshot(room.doc), Y.snapshot(writer))).toBe(true);
  });

  it('gives the same document once the file is closed and opened again', async () => {
    const { storage, file } = storageInTemp();
    const writer = await writeLog(storage, 3000);
    await storage.close();
    cleanups.splice(0);
    const reopened = openSqliteStorage(file);
    cleanups.push(() => reopened.close());
    const room = await registryOver(reopened).acquire('n1');
    expect(texts(room.doc)).toEqual(texts(writer));
  });

  it('folds a log past the threshold into a snapshot once the room is quiet, keeping an edit made meanwhile', async () => {
    const { storage } = storageInTemp();
    const writer = await writeLog(storage, 2000);
    const room = await registryOver(storage).acquire('n1');
    await room.applyServerChange((doc) => doc.getArray<Y.XmlText>('body').get(0).insert(0, 'late '));
    await expect.poll(async () => (await stored(storage)).logLength, { timeout: 15_000, interval: 100 }).toBe(0);
    const expected = texts(writer);
    expected[0] = `late ${expected[0]}`;
    expect(texts((await stored(storage)).doc)).toEqual(expected);
    expect(texts(room.doc)).toEqual(expected);
  });

  it('leaves a log below the threshold alone', async () => {
    const { storage } = storageInTemp();
    await writeLog(storage, 999);
    await registryOver(storage).acquire('n1');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await stored(storage)).logLength).toBe(999);
  });
});
