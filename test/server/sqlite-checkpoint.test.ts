/**
 * WAL checkpoints run in their own thread (server/storage/sqlite-checkpointer.ts): the storage's connection
 * never checkpoints, yet what it commits reaches the database file within a checkpoint interval, and closing
 * the storage copies the rest. Real SQLite files.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Storage } from '../../server/storage/storage.ts';

const opened: Storage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});

/** Every update of `count` one-letter edits of one text, as separate updates. */
function letters(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)));
  return updates;
}

describe('WAL checkpoints in their own thread', () => {
  it('copies committed pages into the database file without the writer checkpointing, and everything on close', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'draftroom-wal-')), 'db.sqlite');
    const errors: string[] = [];
    const storage = openSqliteStorage(file, { onCheckpointError: (message) => errors.push(message) });
    opened.push(storage);
    await storage.createNegotiation({ id: 'n1', title: 'T', createdAt: new Date().toISOString() }, Y.encodeStateAsUpdate(new Y.Doc()));
    const sizeAtStart = statSync(file).size;
    const updates = letters(2000);
    for (const update of updates) await storage.appendUpdate('n1', update);
    // The default would have checkpointed after 1000 pages; with it off, the WAL holds them all until the thread copies them.
    await expect.poll(() => statSync(file).size, { timeout: 10_000, interval: 100 }).toBeGreaterThan(sizeAtStart);
    await storage.close();
    opened.pop();
    expect(errors).toEqual([]);
    // Read without the WAL: everything is in the database file itself.
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT COUNT(*) AS n FROM updates WHERE negotiation_id = ?').get('n1') as { n: number };
      expect(rows.n).toBe(2000);
    } finally {
      db.close();
    }
    expect(statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    const doc = new Y.Doc();
    for (const update of updates) Y.applyUpdate(doc, update);
    expect(doc.getText('t').length).toBe(2000);
  });
});
