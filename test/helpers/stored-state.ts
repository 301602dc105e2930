/**
 * What the server has stored of a negotiation (its API answers and its SQLite rows), to compare before
 * and after an attack; and the document a storage holds.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { Storage } from '../../server/storage/storage.ts';
import type { TestServer } from './server.ts';

/** What the server has stored of a negotiation, to compare before and after an attack. */
export interface StoredState {
  /** GET /api/negotiations/:id, as the bytes of its JSON body. */
  negotiation: string;
  /** GET /api/negotiations/:id/delegations, as text. */
  delegations: string;
  /** The SQLite snapshot (hex) and update log (seq:hex) of the negotiation. */
  snapshot: string;
  updates: string[];
}

/** Reads what the server stores of a negotiation (API answers with the admin token, and the SQLite rows). */
export async function storedState(server: TestServer, negotiationId: string): Promise<StoredState> {
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return response.text();
  };
  const negotiation = await get(`/api/negotiations/${negotiationId}`);
  const delegations = await get(`/api/negotiations/${negotiationId}/delegations`);
  const db = new Database(join(server.dataDir, 'draftroom.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT snapshot FROM negotiations WHERE id = ?').get(negotiationId) as { snapshot: Buffer | null };
    const rows = db.prepare('SELECT seq, data FROM updates WHERE negotiation_id = ? ORDER BY seq').all(negotiationId) as { seq: number; data: Buffer }[];
    return {
      negotiation,
      delegations,
      snapshot: row.snapshot ? row.snapshot.toString('hex') : '',
      updates: rows.map((r) => `${r.seq}:${r.data.toString('hex')}`),
    };
  } finally {
    db.close();
  }
}

/** The document `storage` holds for a negotiation (its snapshot, then its log applied), and how long its log is. */
export async function storedDocument(storage: Storage, negotiationId: string): Promise<{ doc: Y.Doc; logLength: number }> {
  const { snapshot, updates } = await storage.loadDocument(negotiationId);
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return { doc, logLength: updates.length };
}
