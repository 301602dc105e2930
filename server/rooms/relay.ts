/**
 * What a room sends to the people in it, in batches. Document updates (already durable) and presence
 * changes are collected while the event loop is busy and sent once it turns: one merged update and one
 * awareness message for everyone, instead of one message per change per person. Under light load a batch
 * holds one change and leaves at once; under heavy load batches grow by themselves. Within a batch the
 * document goes first, so a caret never arrives before the edit it follows. A batch of presence alone (people
 * joining, leaving, moving without typing) waits longer between batches than one with an edit: a crowd joining
 * costs a few writes per person, not one per joiner per person. Presence renewals that change nothing (a
 * page's keep-alive) are not relayed one by one: they are gathered and sent together, rarely.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { mergedUpdate } from './merged-update.ts';
import { PresenceCoder } from './presence-coder.ts';

/** One batch for one person: a merged document update and an awareness update (y-protocols bytes), each optional. */
export interface Outgoing {
  update: Uint8Array | null;
  awareness: Uint8Array | null;
}

/** Someone in the room, as the relay sees them. */
export interface RelayRecipient {
  /** Sends a batch (encoded once per batch, however many receive it). */
  deliver(batch: Outgoing): void;
}

/**
 * The shortest time between two batches: under load, changes arriving within it share one batch (one write
 * per person instead of one per change); a change that finds the relay idle longer than this leaves at once.
 */
export const defaultBatchMs = 20;

/**
 * The shortest time between two batches that hold presence and no edit: presence shows within a second, and
 * a change that finds the relay idle this long still leaves at once.
 */
export const presenceBatchMs = 100;

/** How often presence renewals are passed on (peers drop a state not renewed within 30 s). */
export const renewalIntervalMs = 15_000;

/** Collects a room's outgoing changes and sends them in batches. */
export class Relay {
  private updates: Uint8Array[] = [];
  private readonly origins = new Set<unknown>();
  private readonly changed = new Set<number>();
  private readonly renewed = new Set<number>();
  private scheduled: ReturnType<typeof setTimeout> | null = null;
  /** When the scheduled batch leaves (performance.now() ms). */
  private scheduledAt = 0;
  private lastFlush = -Infinity;
  /** Everyone's presence as one awareness update, kept until the next batch that changes presence. */
  private everyone: Uint8Array | null = null;
  private readonly renewalTimer: ReturnType<typeof setInterval>;

  /** Relays to `recipients()`, reading presence from `awareness` and encoding it with `coder`. */
  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly recipients: () => Iterable<RelayRecipient>,
    renewalMs = renewalIntervalMs,
    private readonly batchMs = defaultBatchMs,
    private readonly coder = new PresenceCoder(awareness),
  ) {
    this.renewalTimer = setInterval(() => this.sendRenewals(), renewalMs);
    this.renewalTimer.unref();
  }

  /** Queues a durable document update made by `origin` (who has it already). */
  queueUpdate(update: Uint8Array, origin: unknown): void {
    this.updates.push(update);
    this.origins.add(origin);
    this.schedule();
  }

  /** Queues presence changes (added, changed or removed states) of these client ids. */
  queuePresence(clientIds: Iterable<number>): void {
    for (const clientId of clientIds) {
      this.changed.add(clientId);
      this.renewed.delete(clientId);
    }
    this.schedule();
  }

  /** Notes presence renewals that changed nothing: passed on with the next renewal round. */
  noteRenewals(clientIds: Iterable<number>): void {
    for (const clientId of clientIds) if (!this.changed.has(clientId)) this.renewed.add(clientId);
  }

  /**
   * Everyone's presence (awareness update bytes) for a person joining, or null when nobody is present. One
   * encoding serves every joiner until the next batch that changes presence: a change made since it was
   * encoded is in that batch, which the joiner (already a recipient) receives too.
   */
  presenceOfEveryone(): Uint8Array | null {
    const present = [...this.awareness.getStates().keys()];
    if (present.length === 0) return null;
    this.everyone ??= this.coder.encode(present);
    return this.everyone;
  }

  /** Sends what is queued now. */
  flush(): void {
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
    this.lastFlush = performance.now();
    const update = mergedUpdate(this.updates);
    const awareness = this.changed.size === 0 ? null : this.coder.encode([...this.changed]);
    if (awareness) this.everyone = null;
    // The only writer of the batch has its update already: it gets the presence alone.
    const writer = this.origins.size === 1 ? [...this.origins][0] : undefined;
    this.updates = [];
    this.origins.clear();
    this.changed.clear();
    if (!update && !awareness) return;
    const batch: Outgoing = { update, awareness };
    const presenceOnly: Outgoing = { update: null, awareness };
    for (const recipient of this.recipients()) {
      if (recipient !== writer) recipient.deliver(batch);
      else if (awareness) recipient.deliver(presenceOnly);
    }
  }

  /** Stops the renewal round (the room is unloading). */
  destroy(): void {
    clearInterval(this.renewalTimer);
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  private schedule(): void {
    const spacing = this.updates.length > 0 ? this.batchMs : Math.max(this.batchMs, presenceBatchMs);
    const at = Math.max(performance.now(), this.lastFlush + spacing);
    // An edit joining a batch of presence alone brings it forward; otherwise a scheduled batch stays as it is.
    if (this.scheduled && this.scheduledAt <= at) return;
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduledAt = at;
    // What arrives while the event loop is busy joins the batch (the wait is at least one turn).
    this.scheduled = setTimeout(() => this.flush(), at - performance.now());
  }

  private sendRenewals(): void {
    const present = [...this.renewed].filter((clientId) => this.awareness.getStates().has(clientId));
    this.renewed.clear();
    if (present.length === 0) return;
    const batch: Outgoing = { update: null, awareness: this.coder.encode(present) };
    for (const recipient of this.recipients()) recipient.deliver(batch);
  }
}
