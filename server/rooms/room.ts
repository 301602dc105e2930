/**
 * A negotiation's document in memory with the people connected to it. Updates are applied one at a time
 * through a queue: applied to the document, appended to storage, and only then handed to the relay, which
 * sends them in batches (durable before relayed). Client updates that follow each other in the queue are
 * judged and applied one by one but share one write (a burst of keystrokes is one row in the log). A room
 * whose storage fails closes every connection and must be reloaded from disk. The room speaks in data
 * (updates, presence); the websocket layer frames it.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decide } from '../../shared/commands/decide.ts';
import type { CommandActor, DecideEnv, RefusalKind } from '../../shared/commands/decision.ts';
import { ConflictError, ForbiddenError, InvalidInputError, type DraftroomError } from '../../shared/errors.ts';
import type { ActivityEntry } from '../../shared/protocol/activity.ts';
import type { Command } from '../../shared/protocol/commands.ts';
import { randomId } from '../../shared/model/random-id.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { defaultProposalQuota, type ProposalQuota } from '../../shared/permissions/proposal-ledger.ts';
import type { Identity } from '../auth/identity.ts';
import type { ActivityWrite, Storage } from '../storage/storage.ts';
import { defaultClientIdLimits, type ClientIdLimits } from './client-id-budget.ts';
import { ClientIds } from './client-ids.ts';
import { captureChange, type CapturedChange } from './captured-change.ts';
import { mergedUpdate } from './merged-update.ts';
import { PresenceCoder } from './presence-coder.ts';
import { RoomQueue } from './room-queue.ts';
import { defaultBatchMs, Relay, type RelayRecipient } from './relay.ts';
import { activityActor, activityText, RoomActivity, type ActivityRecipient } from './room-activity.ts';

/** What a room needs of a connection. */
export interface RoomConnection extends RelayRecipient, ActivityRecipient {
  readonly identity: Identity;
  /** When the server last heard from its socket (a message, or an answer to a ping), ms since the epoch. */
  readonly lastHeardAt: number;
  /** Starts the sync: the server's state vector, and everyone's presence (awareness update bytes) or null. */
  greet(stateVector: Uint8Array, presence: Uint8Array | null): void;
  /** Closes the connection with a code and a reason for the person. */
  close(code: number, reason: string): void;
}

/** How a room shares client ids between connections, and batches what it relays. */
export interface RoomPolicy {
  /** New client ids per connection and per invitation. */
  limits: ClientIdLimits;
  /** How long a connection must have been silent before another page of its invitation may take its client id. */
  silentHolderMs: number;
  /** The shortest time between two relay batches (see relay.ts). */
  relayBatchMs: number;
  /** What one delegation may hold in proposals (checked by the propose command). */
  proposalQuota: ProposalQuota;
}

/** The defaults (the server reads its own from the environment). */
export const defaultRoomPolicy: RoomPolicy = { limits: defaultClientIdLimits, silentHolderMs: 20_000, relayBatchMs: defaultBatchMs, proposalQuota: defaultProposalQuota };

/**
 * When to fold the update log into a snapshot. Folding encodes the whole document and holds the room's queue,
 * so it waits for a quiet moment: once `maxUpdates` follow the snapshot (after an update, or as loaded), the
 * log is folded when the room has had no update for `quietMs`, or at once (after relaying what is queued) when
 * it grows to 4 × `maxUpdates`.
 */
export interface CompactionPolicy {
  /** Fold once this many updates follow the snapshot and the room is quiet. */
  maxUpdates: number;
  /** How long without an update counts as quiet (ms; default 1000). */
  quietMs?: number;
}

/** How many times `maxUpdates` the log may grow while the room is never quiet before it is folded anyway. */
const busyFoldFactor = 4;

/** The server's own origin for changes it makes itself (imports, delegation list, status by API). */
export const serverOrigin = Symbol('draftroom-server');


/** How many updates, or bytes of them, the shared full state may trail before it is encoded again. */
const maxUpdatesSinceFullState = 64;
const maxBytesSinceFullState = 64 * 1024;

/** What everyone connected to a room whose storage failed is told as it is closed. */
const failedRoomReason = 'The server could not keep the last change; reconnecting.';

/** How many consecutive client updates may share one write. */
const maxUpdatesPerWrite = 64;

/** A client's update as its check allowed it: the bytes to apply, the client ids it writes under, the paragraphs it edits. */
export interface AllowedUpdate {
  update: Uint8Array;
  clientIds: Iterable<number>;
  paragraphIds: readonly string[];
}

/** A client's update waiting in the queue, judged when its turn comes. */
interface Submitted {
  connection: RoomConnection;
  judge: () => AllowedUpdate | null;
  resolve: (changed: boolean) => void;
  reject: (error: unknown) => void;
}

/** One loaded negotiation document, its awareness and its connections. */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<RoomConnection>();
  private readonly clientIds: ClientIds;
  private readonly relay: Relay;
  /** Encodes presence for the relay from the bytes each state was published in. */
  private readonly presence: PresenceCoder;
  private readonly activity: RoomActivity;
  /** Presence waits behind what is queued here, so it never overtakes an edit. */
  private readonly queue = new RoomQueue(() => this.failed);
  private failed: Error | null = null;
  /** The fold waiting for the room to be quiet (see CompactionPolicy). */
  private quietFold: ReturnType<typeof setTimeout> | null = null;
  /** True while a fold waits in the queue: the updates queued before it do not queue another. */
  private foldQueued = false;
  /** The document's state vector as sent to joiners, until the next transaction (a crowd joins between few). */
  private stateVector: Uint8Array | null = null;
  private readonly loadName = randomId('load', 12);
  private changes = 0;
  /** The whole document as one update, shared by everyone who joins with nothing, and the updates since. */
  private fullState: { base: Uint8Array; since: Uint8Array[]; sinceBytes: number; merged: { count: number; update: Uint8Array | null } | null } | null = null;

  /**
   * Wraps a loaded document; `lastSeq` and `updatesSinceSnapshot` describe what storage holds, and
   * `clientOwners` (client id -> invitation id, as stored) who may write under each client id, and
   * `policy` how many new client ids a connection and an invitation may take, when a page may take over an
   * id another connection of its invitation holds, and how the relay batches.
   */
  constructor(
    readonly id: string,
    readonly doc: Y.Doc,
    private readonly storage: Storage,
    private lastSeq: number,
    private updatesSinceSnapshot: number,
    private readonly compaction: CompactionPolicy,
    clientOwners: Map<number, string> = new Map(),
    private readonly policy: RoomPolicy = defaultRoomPolicy,
  ) {
    this.clientIds = new ClientIds(doc, clientOwners, policy.limits, policy.silentHolderMs);
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.presence = new PresenceCoder(this.awareness);
    this.relay = new Relay(this.awareness, () => this.connections, undefined, policy.relayBatchMs, this.presence);
    this.activity = new RoomActivity(doc, () => this.connections, (writes) => this.enqueue(() => this.recordActivity(writes)));
    // 'change' comes first and only when a state really changed; 'update' also for renewals.
    this.awareness.on('change', ({ added, updated, removed }: AwarenessChange) => this.relay.queuePresence([...added, ...updated, ...removed]));
    this.awareness.on('update', ({ updated }: AwarenessChange) => this.relay.noteRenewals(updated));
    doc.on('afterTransaction', () => {
      this.stateVector = null;
    });
    doc.on('update', () => {
      this.changes += 1;
    });
    // A long log found at load is folded once the room is quiet, so it is replayed only once.
    this.scheduleFold();
  }

  /** Adds a connection and sends it the server's state vector and everyone's presence; a failed room closes it (1011) instead. */
  join(connection: RoomConnection): void {
    // A page can arrive between the room's failure and the registry dropping it: it reconnects to a fresh load.
    if (this.failed) {
      connection.close(CloseCode.serverError, failedRoomReason);
      return;
    }
    this.connections.add(connection);
    // Everyone's presence is encoded once for all who join between two presence changes.
    this.stateVector ??= Y.encodeStateVector(this.doc);
    connection.greet(this.stateVector, this.relay.presenceOfEveryone());
  }

  /**
   * What a peer whose document has `stateVector` lacks: the state first, then any updates that complete it. A
   * page that joins with an empty document gets the whole state from a copy shared by every such page, plus
   * what changed since that copy was made.
   */
  syncAnswer(stateVector: Uint8Array): Uint8Array[] {
    if (stateVector.length !== 1 || stateVector[0] !== 0) return [Y.encodeStateAsUpdate(this.doc, stateVector)];
    if (!this.fullState || this.fullState.since.length > maxUpdatesSinceFullState || this.fullState.sinceBytes > maxBytesSinceFullState) {
      this.fullState = { base: Y.encodeStateAsUpdate(this.doc), since: [], sinceBytes: 0, merged: null };
    }
    const { base, since } = this.fullState;
    // Joiners between two relayed changes share one merge of what changed since the copy (a crowd joins between few).
    if (this.fullState.merged?.count !== since.length) this.fullState.merged = { count: since.length, update: mergedUpdate(since) };
    const changed = this.fullState.merged.update;
    return changed ? [base, changed] : [base];
  }

  /** Removes a connection and its presence; its client ids stay reserved for its invitation (a reconnect). */
  leave(connection: RoomConnection): void {
    this.connections.delete(connection);
    const awarenessId = this.clientIds.release(connection);
    if (awarenessId !== undefined) awarenessProtocol.removeAwarenessStates(this.awareness, [awarenessId], connection);
  }

  /**
   * True when `connection` may write (or publish presence) under `clientId`: its invitation owns the id, or
   * nobody does and the document has nothing under it (content without an owner is the server's).
   */
  mayUseClientId(connection: RoomConnection, clientId: number): boolean {
    return this.clientIds.mayUse(connection, clientId);
  }

  private async storeOwners(invitationId: string, clientIds: number[]): Promise<void> {
    try {
      for (const clientId of clientIds) await this.storage.saveClientOwner(this.id, clientId, invitationId);
    } catch (error) {
      throw this.fail(new Error(`Storing client ids for negotiation ${this.id} failed: ${(error as Error).message}`));
    }
  }

  /** Runs `task` after every task queued before it; a task's error is the task's to handle. */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    return this.queue.enqueue(task);
  }

  /**
   * Queues a client's update. When its turn comes, `judge` checks it against the document as it is then
   * (throwing to refuse it; null when it changes nothing), its client ids are claimed for `connection`, and it
   * is applied; it is stored with the activity of the paragraphs it edits, in one write with the client
   * updates queued right behind it, and relayed after that write. Resolves true when it changed the document;
   * rejects with the refusal (the updates the same connection queued behind a refused one are dropped).
   */
  submitUpdate(connection: RoomConnection, judge: () => AllowedUpdate | null): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.gather({ connection, judge, resolve, reject }, maxUpdatesPerWrite, this.applyBatch, failBatch);
    });
  }

  /** Makes a change as the server (one transaction, queued like every update), persists and relays it. Resolves false when nothing changed. */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<boolean> {
    return this.enqueue(async () => (await this.applyAndPersist(serverOrigin, () => this.doc.transact(() => change(this.doc), serverOrigin))) !== null);
  }

  /**
   * Decides `command` from `actor` in the room's queue (shared/commands/decide.ts) and applies the change as
   * the server, durable with its activity entry before anyone sees it. Throws ForbiddenError, ConflictError
   * or InvalidInputError with the refusal's reason; resolves to the ids the change created and its entry.
   */
  applyCommand(actor: CommandActor, command: Command, env: DecideEnv = liveEnv(this.policy.proposalQuota)): Promise<{ result: Record<string, string>; entry: ActivityEntry | null }> {
    return this.enqueue(async () => {
      const decision = decide(this.doc, actor, command, env);
      if (!decision.ok) throw refusalError[decision.kind](decision.reason);
      const { record } = decision;
      const entry: Omit<ActivityEntry, 'id'> = {
        at: env.now, lastAt: env.now, actor: activityActor(actor), action: command.type, paragraphId: record.paragraphId,
        summary: record.summary, before: record.before === undefined ? null : activityText(record.before), after: record.after === undefined ? null : activityText(record.after),
      };
      const closed = this.activity.closeEdit(record.paragraphId);
      const stored = await this.applyAndPersist(serverOrigin, () => this.doc.transact(() => decision.apply(this.doc), serverOrigin), () => [...closed, { kind: 'add', entry }]);
      // The change reaches everyone before the entry that describes it.
      this.relay.flush();
      if (stored) this.activity.decided(stored.activity);
      return { result: decision.result, entry: stored?.activity.find((written) => written.action === command.type) ?? null };
    });
  }

  /**
   * Publishes a connection's (already stamped) awareness update; `clientId` becomes its awareness id, held
   * by it while it is connected. Returns false, publishing nothing, while another connection holds the id:
   * presence alone never takes an id over (a shared link's holder stays connected).
   */
  applyAwareness(connection: RoomConnection, clientId: number, update: Uint8Array): boolean {
    if (!this.clientIds.holdForPresence(connection, clientId)) return false;
    // Behind queued edits, so the caret moved after typing never reaches anyone before the typing.
    if (this.queue.pending === 0) this.presence.apply(update, connection);
    else this.enqueue(() => this.presence.apply(update, connection)).catch(() => this.isFailed);
    return true;
  }

  /** The awareness id a connection has published under, if any. */
  awarenessIdOf(connection: RoomConnection): number | undefined {
    return this.clientIds.awarenessIdOf(connection);
  }

  /** Stores what the text edits grew to, then folds the update log into one snapshot (queued behind pending updates). */
  compact(): Promise<void> {
    return this.enqueue(async () => {
      await this.recordActivity(this.activity.grownEdits());
      await this.compactNow();
    });
  }

  /** Sends whatever the relay holds now, and stops its timers (the room is unloading). */
  close(): void {
    if (this.quietFold) clearTimeout(this.quietFold);
    this.quietFold = null;
    this.relay.flush();
    this.relay.destroy();
    this.activity.stop();
  }

  /** Closes every connection with `code` and `reason` (revocation, shutdown). */
  closeWhere(matches: (connection: RoomConnection) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const connection of [...this.connections]) {
      if (!matches(connection)) continue;
      connection.close(code, reason);
      closed += 1;
    }
    return closed;
  }

  /**
   * A name for the document as it is now: it changes whenever the document does and never comes back (a
   * loaded room is named afresh, as storage numbers its log anew after a fold).
   */
  get version(): string {
    return `${this.loadName}:${this.changes}`;
  }

  /** True once storage failed: the room must be dropped and reloaded. */
  get isFailed(): boolean {
    return this.failed !== null;
  }

  /** Judges, applies and stores a batch of client updates (an arrow: the queue knows a batch by its runner). */
  private readonly applyBatch = async (batch: readonly Submitted[]): Promise<void> => {
    const applied: Array<{ item: Submitted; change: CapturedChange }> = [];
    const writes: ActivityWrite[] = [];
    const refused = new Set<RoomConnection>();
    for (const item of batch) {
      const { connection } = item;
      if (refused.has(connection)) {
        item.resolve(false);
        continue;
      }
      let allowed: AllowedUpdate | null;
      let fresh: number[];
      try {
        allowed = item.judge();
        fresh = allowed ? this.clientIds.claim(connection, allowed.clientIds) : [];
      } catch (error) {
        refused.add(connection);
        item.reject(error);
        continue;
      }
      if (!allowed) {
        item.resolve(false);
        continue;
      }
      await this.storeOwners(connection.identity.invitationId, fresh);
      const { update, paragraphIds } = allowed;
      this.activity.beforeEdit(connection.identity, paragraphIds, Date.now());
      const change = this.applyCaptured(connection, () => Y.applyUpdate(this.doc, update, connection));
      if (change.own || change.followUp) writes.push(...this.activity.afterEdit(connection.identity, paragraphIds, new Date()));
      applied.push({ item, change });
    }
    const stored = await this.persistAndRelay(applied.map(({ change }) => change), writes);
    if (stored) this.activity.stored(writes, stored.activity);
    for (const { item, change } of applied) item.resolve(change.own !== null);
  };

  /** Applies, then stores the change with `activity()`'s writes; resolves to what was stored, or null when nothing changed. */
  private async applyAndPersist(origin: unknown, apply: () => void, activity: () => ActivityWrite[] = () => []): Promise<{ activity: ActivityEntry[] } | null> {
    const change = this.applyCaptured(origin, apply);
    if (!change.own && !change.followUp) return null;
    const stored = await this.persistAndRelay([change], activity());
    return change.own ? stored : null;
  }

  /** Runs `apply` (a change made with `origin`), capturing what it did to the document; a throw fails the room. */
  private applyCaptured(origin: unknown, apply: () => void): CapturedChange {
    try {
      return captureChange(this.doc, origin, apply);
    } catch (error) {
      // Part of the update may be in memory and not on disk: nobody may see it. The room reloads from disk.
      this.fail(new Error(`Applying an update to negotiation ${this.id} failed: ${(error as Error).message}`));
      throw error;
    }
  }

  /** Stores `changes` in one write with `activity`, then hands them to the relay in order; null when they are empty. */
  private async persistAndRelay(changes: readonly CapturedChange[], activity: readonly ActivityWrite[]): Promise<{ activity: ActivityEntry[] } | null> {
    const effective = changes.filter(({ own, followUp }) => own || followUp);
    const whole = mergedUpdate(effective.flatMap(({ own, followUp }) => [own, followUp].filter((update): update is Uint8Array => update !== null)));
    if (!whole) return null;
    const stored = await this.persist(whole, activity, effective.length);
    if (this.fullState) {
      this.fullState.since.push(whole);
      this.fullState.sinceBytes += whole.byteLength;
    }
    for (const { origin, own, followUp } of changes) {
      if (own) this.relay.queueUpdate(own, origin);
      if (followUp) this.relay.queueUpdate(followUp, serverOrigin);
    }
    this.scheduleFold();
    return stored;
  }

  private async persist(update: Uint8Array, activity: readonly ActivityWrite[], updates: number): Promise<{ activity: ActivityEntry[] }> {
    try {
      const appended = await this.storage.appendUpdate(this.id, update, activity);
      this.lastSeq = appended.seq;
      this.updatesSinceSnapshot += updates;
      return appended;
    } catch (error) {
      // The change is in memory but not on disk: nobody may see it. Drop the room; it reloads from disk.
      throw this.fail(new Error(`Storage failed for negotiation ${this.id}: ${(error as Error).message}`));
    }
  }

  private async recordActivity(writes: ActivityWrite[]): Promise<ActivityEntry[]> {
    if (writes.length === 0) return [];
    try {
      return await this.storage.recordActivity(this.id, writes);
    } catch (error) {
      throw this.fail(new Error(`Storing activity for negotiation ${this.id} failed: ${(error as Error).message}`));
    }
  }

  private fail(error: Error): Error {
    this.failed = error;
    this.closeWhere(() => true, CloseCode.serverError, failedRoomReason);
    return error;
  }

  private scheduleFold(): void {
    const { maxUpdates, quietMs = 1000 } = this.compaction;
    if (this.updatesSinceSnapshot < maxUpdates) return;
    if (this.quietFold) clearTimeout(this.quietFold);
    this.quietFold = null;
    if (this.foldQueued) return;
    if (this.updatesSinceSnapshot >= busyFoldFactor * maxUpdates) {
      // Those waiting for the edits queued so far get them before the fold holds the room.
      this.relay.flush();
      this.queueFold();
      return;
    }
    this.quietFold = setTimeout(() => {
      this.quietFold = null;
      this.queueFold();
    }, quietMs);
    this.quietFold.unref();
  }

  private queueFold(): void {
    this.foldQueued = true;
    // A failed fold fails the room (compactNow): everyone reconnects to a room loaded again from disk.
    this.enqueue(async () => {
      this.foldQueued = false;
      await this.compactNow();
    }).catch(() => this.isFailed);
  }

  private async compactNow(): Promise<void> {
    if (this.updatesSinceSnapshot === 0) return;
    try {
      await this.storage.compact(this.id, Y.encodeStateAsUpdate(this.doc), this.lastSeq);
    } catch (error) {
      throw this.fail(new Error(`Folding the log of negotiation ${this.id} failed: ${(error as Error).message}`));
    }
    this.updatesSinceSnapshot = 0;
  }
}

/** A failed room fails every update of the batch not yet settled (settling one twice does nothing). */
function failBatch(batch: readonly Submitted[], error: unknown): void {
  for (const item of batch) item.reject(error);
}

const refusalError: Record<RefusalKind, (reason: string) => DraftroomError> = {
  forbidden: (reason) => new ForbiddenError(reason),
  conflict: (reason) => new ConflictError(reason),
  invalid: (reason) => new InvalidInputError(reason),
};

/** The clock and ids of a live server. */
function liveEnv(proposalQuota: ProposalQuota): DecideEnv {
  return { now: new Date().toISOString(), newId: (prefix) => randomId(prefix), proposalQuota };
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
