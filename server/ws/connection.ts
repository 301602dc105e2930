/**
 * One websocket speaking the y-websocket protocol for one authenticated identity. It knows the protocol,
 * not the domain: every update is judged by shared/permissions before it reaches the room.
 */
import { ForbiddenError, InvalidInputError, RateLimitedError, TooLargeError } from '../../shared/errors.ts';
import { checkUpdate } from '../../shared/permissions/check-update.ts';
import type { ActivityEntry } from '../../shared/protocol/activity.ts';
import type { ProposalQuota } from '../../shared/permissions/proposal-ledger.ts';
import { presenceUser, type Identity } from '../auth/identity.ts';
import { closeFor, isServerFault } from '../error-mapping.ts';
import type { AllowedUpdate, Room, RoomConnection } from '../rooms/room.ts';
import { decodeAwareness, pickOwnEntry, stampEntry } from './awareness-filter.ts';
import type { Outgoing } from '../rooms/relay.ts';
import {
  encodeActivityPush,
  checkStateVectorSize,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessMessageOf,
  encodeSyncStep1Of,
  encodeSyncStep2Of,
  encodeUpdate,
  framesOf,
  type ClientMessage,
} from './messages.ts';
import { TokenBucket } from './rate-limit.ts';
import type { FaultLogger } from '../fault-log.ts';

/** Limits applied to each connection. */
export interface ConnectionLimits {
  /** Messages accepted while the room is still loading. */
  maxMessagesBeforeReady: number;
  /**
   * Own presence changes per second (sustained) and in a burst; above it they are dropped. Awareness
   * messages of any content (echoes, queries) above 3× the rate close the connection, before any is parsed.
   */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** All messages per second (sustained) and in a burst. */
  messagesPerSecond: number;
  messagesBurst: number;
  /** Bytes received per second (sustained) and in a burst, whatever the messages hold: counted before any is read. */
  bytesPerSecond: number;
  bytesBurst: number;
  /** What one delegation may hold in proposals (count and bytes). */
  proposalQuota: ProposalQuota;
  /** Most separate changes (Yjs structs) in one update; more is refused as too large before decoding. */
  maxChangesPerUpdate: number;
}

/** Sync step 1 asks the server to encode the whole difference: a client needs one per connection, a few at most. */
const syncStep1PerSecond = 1;
const syncStep1Burst = 5;

/** The socket operations a connection uses. */
export interface SocketLike {
  /** Sends messages, one websocket frame each, in one write to the network (the list may be shared by many sockets). */
  send(messages: readonly Uint8Array[]): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
}


/** A connection between one socket and one room. */
export class Connection implements RoomConnection {
  private room: Room | null = null;
  private readonly pending: Uint8Array[] = [];
  private readonly awarenessBucket: TokenBucket;
  private readonly awarenessHardBucket: TokenBucket;
  private readonly messageBucket: TokenBucket;
  private readonly byteBucket: TokenBucket;
  private heardAt = Date.now();
  private readonly syncStep1Bucket = new TokenBucket(syncStep1PerSecond, syncStep1Burst);
  private closed = false;
  private readonly detachListeners: (() => void)[] = [];

  /** Wraps an open socket for an authenticated identity. */
  constructor(
    readonly identity: Identity,
    private readonly socket: SocketLike,
    private readonly limits: ConnectionLimits,
    private readonly logFault: FaultLogger,
  ) {
    this.awarenessBucket = new TokenBucket(limits.awarenessPerSecond, limits.awarenessBurst);
    this.awarenessHardBucket = new TokenBucket(limits.awarenessPerSecond * 3, limits.awarenessBurst * 3);
    this.messageBucket = new TokenBucket(limits.messagesPerSecond, limits.messagesBurst);
    this.byteBucket = new TokenBucket(limits.bytesPerSecond, limits.bytesBurst);
  }

  /** When the server last heard from this socket (a message or an answer to its ping), in ms since the epoch. */
  get lastHeardAt(): number {
    return this.heardAt;
  }

  /** Notes that the socket answered (a pong): it is alive even when its person is idle. */
  heard(): void {
    this.heardAt = Date.now();
  }

  /** Joins the loaded room and handles the messages that arrived while it loaded. */
  attach(room: Room): void {
    if (this.closed) return;
    this.room = room;
    room.join(this);
    for (const bytes of this.pending.splice(0)) this.receive(bytes);
  }

  /** Handles one binary frame from the socket. */
  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    this.heardAt = Date.now();
    try {
      if (!this.messageBucket.take()) throw new RateLimitedError(`more than ${this.limits.messagesPerSecond} messages per second`);
      // Judging costs in proportion to bytes: the rate of bytes bounds the work one connection can ask for.
      if (!this.byteBucket.take(bytes.byteLength)) throw new RateLimitedError(`more than ${this.limits.bytesPerSecond} bytes per second`);
      if (!this.room) {
        if (this.pending.length >= this.limits.maxMessagesBeforeReady) {
          throw new RateLimitedError(`more than ${this.limits.maxMessagesBeforeReady} messages before the document was ready`);
        }
        this.pending.push(bytes);
        return;
      }
      this.dispatch(this.room, decodeClientMessage(bytes));
    } catch (error) {
      this.fail(error);
    }
  }

  /** Refuses a text frame (closed as malformed, 4400): the protocol is binary only. */
  receiveText(): void {
    this.fail(new InvalidInputError('Text frames are not part of the protocol; send binary y-websocket messages.'));
  }

  /** Refuses a frame over the size limit. */
  receiveTooLarge(limitBytes: number): void {
    this.fail(new TooLargeError(`message over ${limitBytes} bytes`));
  }

  /** Sends one message if the socket is still open. */
  send(message: Uint8Array): void {
    this.sendAll([message]);
  }

  /** Starts the sync: sync step 1 with the server's state vector, then everyone's presence (one write). */
  greet(stateVector: Uint8Array, presence: Uint8Array | null): void {
    const step1 = encodeSyncStep1Of(stateVector);
    this.sendAll(presence ? [step1, encodeAwarenessMessageOf(presence)] : [step1]);
  }

  /** Sends a relay batch (its frames are encoded once for everyone who receives it). */
  notify(entries: readonly ActivityEntry[]): void {
    this.send(encodeActivityPush(entries));
  }

  deliver(batch: Outgoing): void {
    this.sendAll(framesOf(batch));
  }

  /** Closes the socket (once) and leaves the room. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.socket.close(code, reason);
    this.detach();
  }

  /** Leaves the room once the socket is gone (closed by either side). */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.room?.leave(this);
    for (const listener of this.detachListeners.splice(0)) listener();
  }

  /** Runs `listener` once when the connection ends (at once if it already has). */
  onDetach(listener: () => void): void {
    if (this.closed) listener();
    else this.detachListeners.push(listener);
  }

  /** True once closed or detached. */
  get isClosed(): boolean {
    return this.closed;
  }

  private dispatch(room: Room, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        if (!this.syncStep1Bucket.take()) throw new RateLimitedError(`more than ${syncStep1Burst} sync requests in a row`);
        checkStateVectorSize(message.stateVector, room.doc.store.clients.size);
        void room.enqueue(() => this.answerSyncStep1(room, message.stateVector)).catch((e) => this.fail(e));
        return;
      case 'sync-step-2':
      case 'update':
        room.submitUpdate(this, () => this.judge(room, message.update)).catch((e) => this.fail(e));
        return;
      case 'awareness':
        this.takeAwarenessToken();
        this.applyAwareness(room, message.update);
        return;
      case 'query-awareness':
        // The answer is everyone's presence: counted like a presence message so it cannot be asked in a loop.
        this.takeAwarenessToken();
        this.send(encodeAwareness(room.awareness, [...room.awareness.getStates().keys()]));
        return;
    }
  }

  /** The update as the permission check allows it, null when it changes nothing (or this connection closed); throws to refuse it. */
  private judge(room: Room, update: Uint8Array): AllowedUpdate | null {
    if (this.closed) return null;
    const verdict = checkUpdate(room.doc, update, this.identity, (clientId) => room.mayUseClientId(this, clientId), {
      quota: this.limits.proposalQuota,
      maxStructs: this.limits.maxChangesPerUpdate,
    });
    if (!verdict.allowed) throw new ForbiddenError(verdict.reason);
    return verdict.changes ? { update: verdict.update, clientIds: verdict.clientIds, paragraphIds: verdict.paragraphIds } : null;
  }

  private answerSyncStep1(room: Room, stateVector: Uint8Array): void {
    if (this.closed) return;
    const [state, ...since] = room.syncAnswer(stateVector);
    // What changed since the shared state goes first: Yjs holds it until the state arrives, so the page is
    // complete at the moment it counts itself synced.
    for (const update of since) this.send(encodeUpdate(update));
    if (state) this.send(encodeSyncStep2Of(state));
  }

  /** Counts one awareness message of any content against the hard limit; closes (4429) above it. */
  private takeAwarenessToken(): void {
    if (!this.awarenessHardBucket.take()) {
      throw new RateLimitedError(`more than ${this.limits.awarenessPerSecond * 3} presence messages per second`);
    }
  }

  private applyAwareness(room: Room, update: Uint8Array): void {
    const view = {
      clockOf: (clientId: number) => room.awareness.meta.get(clientId)?.clock,
      ownedByOther: (clientId: number) => !room.mayUseClientId(this, clientId),
    };
    // Sizes, ids and clocks first: nothing is parsed until the entry is known to be the sender's own change.
    const own = pickOwnEntry(decodeAwareness(update), room.awarenessIdOf(this), view);
    if (!own) return;
    // Over the soft rate, a presence change is dropped unparsed: the next one carries the newer state anyway.
    if (!this.awarenessBucket.take()) return;
    const stamped = stampEntry(own, presenceUser(this.identity));
    // The room drops it (false) while another live connection holds the id: presence alone never takes one over.
    if (stamped) room.applyAwareness(this, stamped.clientId, stamped.update);
  }

  /** Sends messages in one write if the socket is still open. */
  private sendAll(messages: readonly Uint8Array[]): void {
    if (!this.closed && this.socket.isOpen) this.socket.send(messages);
  }

  private fail(error: unknown): void {
    if (isServerFault(error)) this.logFault(`connection to ${this.identity.negotiationId} failed`, error);
    const { code, reason } = closeFor(error);
    this.close(code, reason);
  }
}
