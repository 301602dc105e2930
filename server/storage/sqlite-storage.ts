/**
 * Storage in one embedded SQLite file (better-sqlite3). WAL journal: a committed append survives a crash
 * of the process (kill -9); `synchronous` FULL also survives a power cut, at the cost of an fsync per update.
 */
import Database from 'better-sqlite3';
import { NotFoundError } from '../../shared/errors.ts';
import type { ActivityEntry } from '../../shared/protocol/activity.ts';
import { startCheckpointer } from './sqlite-checkpointer.ts';
import type { ActivityWrite, InvitationRecord, NegotiationRecord, Storage, StoredDocument } from './storage.ts';

/** Options for the SQLite storage. */
export interface SqliteOptions {
  /** 'full' fsyncs every commit (power-cut safe); 'normal' is crash safe for the process. Default 'normal'. */
  synchronous?: 'normal' | 'full';
  /** Hears a WAL checkpoint that failed in the checkpoint thread (sqlite-checkpointer.ts); default console.error. */
  onCheckpointError?: (message: string) => void;
}

const schema = `
CREATE TABLE IF NOT EXISTS negotiations (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL, snapshot BLOB
);
CREATE TABLE IF NOT EXISTS updates (
  negotiation_id TEXT NOT NULL REFERENCES negotiations(id), seq INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (negotiation_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS invitations (
  id TEXT PRIMARY KEY, negotiation_id TEXT NOT NULL REFERENCES negotiations(id), role TEXT NOT NULL,
  delegation TEXT, label TEXT, created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS invitations_by_negotiation ON invitations(negotiation_id, created_at);
CREATE TABLE IF NOT EXISTS client_owners (
  negotiation_id TEXT NOT NULL REFERENCES negotiations(id), client_id INTEGER NOT NULL, invitation_id TEXT NOT NULL,
  PRIMARY KEY (negotiation_id, client_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS activity (
  id INTEGER PRIMARY KEY AUTOINCREMENT, negotiation_id TEXT NOT NULL REFERENCES negotiations(id),
  at TEXT NOT NULL, last_at TEXT NOT NULL, actor_name TEXT NOT NULL, actor_role TEXT NOT NULL, actor_delegation TEXT,
  action TEXT NOT NULL, paragraph_id TEXT, summary TEXT NOT NULL, before TEXT, after TEXT
);
CREATE INDEX IF NOT EXISTS activity_by_negotiation ON activity(negotiation_id, id);
CREATE INDEX IF NOT EXISTS activity_by_paragraph ON activity(negotiation_id, paragraph_id, id);
`;

interface ActivityRow {
  id: number;
  at: string;
  last_at: string;
  actor_name: string;
  actor_role: ActivityEntry['actor']['role'];
  actor_delegation: string | null;
  action: string;
  paragraph_id: string | null;
  summary: string;
  before: string | null;
  after: string | null;
}

interface InvitationRow {
  id: string;
  negotiation_id: string;
  role: InvitationRecord['role'];
  delegation: string | null;
  label: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** Opens (creating when needed) the SQLite database at `file` and returns it as Storage. */
export function openSqliteStorage(file: string, options: SqliteOptions = {}): Storage {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  // Checkpoints run in their own thread (sqlite-checkpointer.ts), never in the middle of relaying an edit.
  db.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(file, options.onCheckpointError ?? ((message) => console.error(`[draftroom] WAL checkpoint of ${file} failed: ${message}`)));
  db.exec(schema);
  const statements = prepare(db);

  // The log as a plain list of the buffers SQLite returns (a Buffer is a Uint8Array): no row object and no
  // copy per update, which is most of the time a long log takes to read.
  const logData = db.prepare('SELECT data FROM updates WHERE negotiation_id = ? ORDER BY seq').pluck();
  const logLastSeq = db.prepare('SELECT MAX(seq) FROM updates WHERE negotiation_id = ?').pluck();
  const loadDocument = db.transaction((id: string): StoredDocument => {
    const row = statements.snapshot.get(id) as { snapshot: Buffer | null } | undefined;
    if (!row) throw new NotFoundError(`No negotiation with id "${id}".`);
    const updates = logData.all(id) as Buffer[];
    return {
      snapshot: row.snapshot ? new Uint8Array(row.snapshot) : null,
      updates,
      lastSeq: updates.length > 0 ? (logLastSeq.get(id) as number) : 0,
    };
  });
  const writeActivity = (id: string, writes: readonly ActivityWrite[]): ActivityEntry[] =>
    writes.map((write) => {
      if (write.kind === 'grow') {
        statements.growActivity.run(write.entry.lastAt, write.entry.after, write.entry.id, id);
        return write.entry;
      }
      const { entry } = write;
      const { lastInsertRowid } = statements.insertActivity.run(
        id, entry.at, entry.lastAt, entry.actor.name, entry.actor.role, entry.actor.delegation, entry.action, entry.paragraphId, entry.summary, entry.before, entry.after,
      );
      return { ...entry, id: Number(lastInsertRowid) };
    });
  const append = db.transaction((id: string, update: Uint8Array, writes: readonly ActivityWrite[]) => {
    const { next } = statements.nextSeq.get(id) as { next: number };
    statements.insertUpdate.run(id, next, update);
    return { seq: next, activity: writeActivity(id, writes) };
  });
  const record = db.transaction((id: string, writes: readonly ActivityWrite[]) => writeActivity(id, writes));
  const compact = db.transaction((id: string, snapshot: Uint8Array, uptoSeq: number) => {
    statements.setSnapshot.run(snapshot, id);
    statements.deleteUpdatesUpTo.run(id, uptoSeq);
  });

  return {
    async createNegotiation(record, initialState) {
      statements.insertNegotiation.run(record.id, record.title, record.createdAt, initialState);
    },
    async getNegotiation(id) {
      return statements.negotiation.get(id) as NegotiationRecord | undefined;
    },
    async listNegotiations() {
      return statements.negotiations.all() as NegotiationRecord[];
    },
    async loadDocument(id) {
      return loadDocument(id);
    },
    async appendUpdate(id, update, activity = []) {
      return append(id, update, activity);
    },
    async recordActivity(id, activity) {
      return record(id, activity);
    },
    async listActivity(id, { paragraphId, before, limit }) {
      const rows = paragraphId === undefined
        ? statements.activityPage.all(id, before ?? Number.MAX_SAFE_INTEGER, limit)
        : statements.paragraphActivityPage.all(id, paragraphId, before ?? Number.MAX_SAFE_INTEGER, limit);
      return (rows as ActivityRow[]).map(toActivity);
    },
    async compact(id, snapshot, uptoSeq) {
      compact(id, snapshot, uptoSeq);
    },
    async loadClientOwners(id) {
      const rows = statements.clientOwners.all(id) as { client_id: number; invitation_id: string }[];
      return new Map(rows.map((row) => [row.client_id, row.invitation_id]));
    },
    async saveClientOwner(id, clientId, invitationId) {
      statements.insertClientOwner.run(id, clientId, invitationId);
    },
    async createInvitation(inv) {
      statements.insertInvitation.run(
        inv.id, inv.negotiationId, inv.role, inv.delegation, inv.label, inv.createdAt, inv.expiresAt, inv.revokedAt,
      );
    },
    async getInvitation(id) {
      const row = statements.invitation.get(id) as InvitationRow | undefined;
      return row ? toInvitation(row) : undefined;
    },
    async listInvitations(negotiationId) {
      return (statements.invitations.all(negotiationId) as InvitationRow[]).map(toInvitation);
    },
    async revokeInvitation(id, at) {
      return statements.revokeInvitation.run(at, id).changes > 0;
    },
    async close() {
      await checkpointer.stop();
      db.close();
    },
  };
}

function prepare(db: Database.Database) {
  return {
    insertNegotiation: db.prepare('INSERT INTO negotiations (id, title, created_at, snapshot) VALUES (?, ?, ?, ?)'),
    negotiation: db.prepare('SELECT id, title, created_at AS createdAt FROM negotiations WHERE id = ?'),
    negotiations: db.prepare('SELECT id, title, created_at AS createdAt FROM negotiations ORDER BY created_at DESC, id'),
    snapshot: db.prepare('SELECT snapshot FROM negotiations WHERE id = ?'),
    nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM updates WHERE negotiation_id = ?'),
    insertUpdate: db.prepare('INSERT INTO updates (negotiation_id, seq, data) VALUES (?, ?, ?)'),
    setSnapshot: db.prepare('UPDATE negotiations SET snapshot = ? WHERE id = ?'),
    deleteUpdatesUpTo: db.prepare('DELETE FROM updates WHERE negotiation_id = ? AND seq <= ?'),
    clientOwners: db.prepare('SELECT client_id, invitation_id FROM client_owners WHERE negotiation_id = ?'),
    insertClientOwner: db.prepare('INSERT OR IGNORE INTO client_owners (negotiation_id, client_id, invitation_id) VALUES (?, ?, ?)'),
    insertInvitation: db.prepare(
      'INSERT INTO invitations (id, negotiation_id, role, delegation, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    invitation: db.prepare('SELECT * FROM invitations WHERE id = ?'),
    invitations: db.prepare('SELECT * FROM invitations WHERE negotiation_id = ? ORDER BY rowid'),
    revokeInvitation: db.prepare('UPDATE invitations SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    insertActivity: db.prepare(
      'INSERT INTO activity (negotiation_id, at, last_at, actor_name, actor_role, actor_delegation, action, paragraph_id, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    growActivity: db.prepare('UPDATE activity SET last_at = ?, after = ? WHERE id = ? AND negotiation_id = ?'),
    activityPage: db.prepare('SELECT * FROM activity WHERE negotiation_id = ? AND id < ? ORDER BY id DESC LIMIT ?'),
    paragraphActivityPage: db.prepare('SELECT * FROM activity WHERE negotiation_id = ? AND paragraph_id = ? AND id < ? ORDER BY id DESC LIMIT ?'),
  };
}

function toActivity(row: ActivityRow): ActivityEntry {
  return {
    id: row.id,
    at: row.at,
    lastAt: row.last_at,
    actor: { name: row.actor_name, role: row.actor_role, delegation: row.actor_delegation },
    action: row.action,
    paragraphId: row.paragraph_id,
    summary: row.summary,
    before: row.before,
    after: row.after,
  };
}

function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    id: row.id,
    negotiationId: row.negotiation_id,
    role: row.role,
    delegation: row.delegation,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
