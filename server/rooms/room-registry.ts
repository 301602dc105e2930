/**
 * Loads each negotiation's room once, hands it to whoever needs it, and unloads it (after folding its
 * log into a snapshot) when nobody is using it any more. A document that fails to load is never replaced
 * by an empty one: the error goes to the caller and nothing is written.
 */
import * as Y from 'yjs';
import { NotFoundError } from '../../shared/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { Room, type CompactionPolicy, type RoomPolicy } from './room.ts';
import { mergedUpdate } from './merged-update.ts';

/** Registry options. */
export interface RegistryOptions {
  compaction: CompactionPolicy;
  /** How long an unused room stays loaded, in ms (0 unloads at once). */
  idleUnloadMs: number;
  /** New client ids, their takeover, and relay batching (defaults: defaultRoomPolicy). */
  policy?: RoomPolicy;
}

interface Entry {
  room: Promise<Room>;
  /** The room once loaded: a release must name this very room (not an older one with the same id). */
  loaded: Room | null;
  users: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

/** Consecutive log rows are merged into one update up to this many bytes together (a row this big stands alone). */
const mergeBytes = 1000;

/**
 * The same changes as `rows`, with runs of small rows (a keystroke or two each) merged into updates of up to
 * `mergeBytes`: Yjs applies one such update faster than its rows one by one, while merging larger rows
 * (a burst of typing stored in one write) costs more than it saves.
 */
function mergeSmallRows(rows: readonly Uint8Array[]): Uint8Array[] {
  const merged: Uint8Array[] = [];
  let run: Uint8Array[] = [];
  let runBytes = 0;
  const close = () => {
    const update = mergedUpdate(run);
    if (update) merged.push(update);
    run = [];
    runBytes = 0;
  };
  for (const row of rows) {
    if (run.length > 0 && runBytes + row.byteLength > mergeBytes) close();
    run.push(row);
    runBytes += row.byteLength;
  }
  close();
  return merged;
}

/** Keeps the rooms in memory that someone is using. */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();

  /** A registry over `storage`. */
  constructor(
    private readonly storage: Storage,
    private readonly options: RegistryOptions,
  ) {}

  /** The room for a negotiation, loading it when needed; the caller must `release` it once. */
  async acquire(negotiationId: string): Promise<Room> {
    let entry = this.entries.get(negotiationId);
    if (!entry) {
      entry = { room: this.load(negotiationId), loaded: null, users: 0, idleTimer: null };
      this.entries.set(negotiationId, entry);
      const loading = entry;
      loading.room.catch(() => {
        if (this.entries.get(negotiationId) === loading) this.entries.delete(negotiationId);
      });
    }
    entry.users += 1;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    entry.idleTimer = null;
    try {
      const room = await entry.room;
      entry.loaded = room;
      if (room.isFailed) {
        // The next acquire loads it afresh from disk.
        if (this.entries.get(negotiationId) === entry) this.entries.delete(negotiationId);
        throw new Error(`The document of negotiation ${negotiationId} failed; retry.`);
      }
      return room;
    } catch (error) {
      entry.users -= 1;
      throw error;
    }
  }

  /** Gives back a room from `acquire`; the last user out schedules the unload. */
  release(room: Room): void {
    const entry = this.entries.get(room.id);
    if (!entry || entry.loaded !== room) return;
    entry.users -= 1;
    if (room.isFailed) {
      this.entries.delete(room.id);
      return;
    }
    if (entry.users > 0) return;
    const unload = () => void this.unload(room.id, entry);
    if (this.options.idleUnloadMs <= 0) unload();
    else entry.idleTimer = setTimeout(unload, this.options.idleUnloadMs);
  }

  /** Runs `use` with the negotiation's room, loading and releasing it around the call. */
  async withRoom<T>(negotiationId: string, use: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.acquire(negotiationId);
    try {
      return await use(room);
    } finally {
      this.release(room);
    }
  }

  /** The rooms in memory right now (loaded ones only). */
  async loadedRooms(): Promise<Room[]> {
    const settled = await Promise.allSettled([...this.entries.values()].map((entry) => entry.room));
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** How many rooms are in memory (loaded or loading). */
  get size(): number {
    return this.entries.size;
  }

  /** Folds every loaded room's log into a snapshot and forgets them all (shutdown). */
  async closeAll(): Promise<void> {
    for (const [id, entry] of [...this.entries]) await this.unload(id, entry);
  }

  private async load(negotiationId: string): Promise<Room> {
    const record = await this.storage.getNegotiation(negotiationId);
    if (!record) throw new NotFoundError(`No negotiation with id "${negotiationId}".`);
    const stored = await this.storage.loadDocument(negotiationId);
    const owners = await this.storage.loadClientOwners(negotiationId);
    const doc = new Y.Doc();
    // One pass: the snapshot and the log (small rows merged), applied inside a single transaction.
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of mergeSmallRows(stored.updates)) Y.applyUpdate(doc, update);
    });
    return new Room(negotiationId, doc, this.storage, stored.lastSeq, stored.updates.length, this.options.compaction, owners, this.options.policy);
  }

  private async unload(id: string, entry: Entry): Promise<void> {
    if (this.entries.get(id) !== entry) return;
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    this.entries.delete(id);
    const room = await entry.room.catch(() => null);
    if (!room || room.isFailed) return;
    await room.compact();
    room.close();
    room.awareness.destroy();
    room.doc.destroy();
  }
}
