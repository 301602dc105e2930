/**
 * The process-wide budget for bytes handed to websockets that the network has not taken yet (what ws and
 * Node still buffer, summed over every socket). A socket that would hold more than its own threshold
 * beyond the largest single message it is sent (a whole document, when it joins) is a slow reader:
 * closed with 4429. When a message would take the process over the budget, sockets are dropped until it fits: those
 * past the per-socket threshold first, then any, most held first (the one the message is for too: a
 * message is never dropped alone, the page reconnects and syncs again). A message larger than the whole
 * budget is sent only when nothing else is held, else its socket is closed with 4503.
 */
import { RateLimitedError, UnavailableError, type DraftroomError } from '../../shared/errors.ts';

/** The limits a budget enforces. */
export interface SendBudgetLimits {
  /** Unsent bytes the whole process may hold. */
  sendBudgetBytes: number;
  /** Unsent bytes one socket may hold beyond the largest single message it is sent. */
  socketBufferBytes: number;
}

/**
 * Ends one socket for `error`: `graceful` sends the close frame and waits a little for the peer; otherwise
 * the socket is destroyed at once (its buffers are freed: the budget no longer counts them).
 */
export type SocketCloser = (error: DraftroomError, graceful: boolean) => void;

/** One socket's share of the budget. */
export interface SendAccount {
  /**
   * True when `bytes` may be sent now (counted until `sent`); false when the socket was closed instead.
   * `shared` names a buffer that several sockets send at once (a relay batch, a joining page's state): the
   * process holds it once, so it counts once against the budget, however many sockets hold it.
   */
  reserve(bytes: number, shared?: object): boolean;
  /** The network took `bytes` reserved earlier, with the same `shared` (ws's send callback, also called when the socket dies). */
  sent(bytes: number, shared?: object): void;
  /** The socket is gone: whatever it still held is no longer counted. Idempotent. */
  end(): void;
  /** Bytes reserved and not yet taken by the network. */
  readonly heldBytes: number;
}

/** The unsent bytes of every open socket of the process. */
export class SendBudget {
  private readonly accounts = new Set<Account>();
  /** Buffers held by several sockets: their bytes count once, until the last socket has sent them. */
  private readonly shared = new Map<object, { bytes: number; holders: number }>();
  private total = 0;

  /** A budget enforcing `limits`. */
  constructor(private readonly limits: SendBudgetLimits) {}

  /** Opens the account of one socket; the budget closes that socket through `close` when it must. */
  open(close: SocketCloser): SendAccount {
    const account = new Account(this, close);
    this.accounts.add(account);
    return account;
  }

  /** Bytes held for all sockets right now. */
  get unsentBytes(): number {
    return this.total;
  }

  /** See SendAccount.reserve. */
  reserve(account: Account, bytes: number, key?: object): boolean {
    if (account.closed) return false;
    if (account.held + bytes > Math.max(account.largest, bytes) + this.limits.socketBufferBytes) {
      account.close(new RateLimitedError(`This connection did not read what the server sent (${mib(account.held)} unread)`), true);
      return false;
    }
    const entry = key ? this.shared.get(key) : undefined;
    const added = entry ? 0 : bytes;
    if (this.total + added > this.limits.sendBudgetBytes) {
      // A message larger than the whole budget goes out only when nothing else is held.
      if (added > this.limits.sendBudgetBytes && this.total > 0) {
        account.close(new UnavailableError('The server is short of memory for sending this document right now'), true);
        return false;
      }
      this.shed(added);
      if (account.closed) return false;
    }
    account.held += bytes;
    account.largest = Math.max(account.largest, bytes);
    this.total += added;
    if (key) {
      if (entry) entry.holders += 1;
      else this.shared.set(key, { bytes, holders: 1 });
      account.keys.set(key, (account.keys.get(key) ?? 0) + 1);
    }
    return true;
  }

  /** See SendAccount.sent and SendAccount.end. */
  release(account: Account, bytes: number, key?: object): void {
    const freed = Math.min(bytes, account.held);
    account.held -= freed;
    if (!key) {
      this.total -= freed;
      return;
    }
    const count = account.keys.get(key) ?? 0;
    if (count <= 1) account.keys.delete(key);
    else account.keys.set(key, count - 1);
    const entry = this.shared.get(key);
    if (!entry || count === 0) return;
    entry.holders -= 1;
    if (entry.holders > 0) return;
    this.shared.delete(key);
    this.total -= entry.bytes;
  }

  /** The size of a shared buffer still held by some socket (0 when none holds it). */
  sharedBytes(key: object): number {
    return this.shared.get(key)?.bytes ?? 0;
  }

  /** Forgets an ended account. */
  forget(account: Account): void {
    this.accounts.delete(account);
  }

  /** Drops the sockets holding the most until `bytes` more fit: those past their threshold first. */
  private shed(bytes: number): void {
    const threshold = this.limits.socketBufferBytes;
    for (const floor of [threshold, 0]) {
      while (this.total + bytes > this.limits.sendBudgetBytes) {
        const victim = this.largestHolder(floor);
        if (!victim) break;
        const error = new RateLimitedError(`This connection fell behind (${mib(victim.held)} unread) while the server was short of memory`);
        victim.close(error, false);
        victim.end();
      }
    }
  }

  private largestHolder(above: number): Account | null {
    let largest: Account | null = null;
    for (const account of this.accounts) if (account.held > above && account.held > (largest?.held ?? 0)) largest = account;
    return largest;
  }
}

/** One socket's account (see SendAccount). */
class Account implements SendAccount {
  held = 0;
  /** Shared buffers this socket holds, with how many sends of each are outstanding. */
  readonly keys = new Map<object, number>();
  largest = 0;
  /** Closing or closed: nothing more is sent on it. */
  closed = false;
  private destroyed = false;
  private ended = false;

  constructor(
    private readonly budget: SendBudget,
    private readonly closer: SocketCloser,
  ) {}

  reserve(bytes: number, shared?: object): boolean {
    return !this.ended && this.budget.reserve(this, bytes, shared);
  }

  sent(bytes: number, shared?: object): void {
    if (!this.ended) this.budget.release(this, bytes, shared);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.closed = true;
    for (const [key, count] of [...this.keys]) {
      const bytes = this.budget.sharedBytes(key);
      for (let i = 0; i < count; i++) this.budget.release(this, bytes, key);
    }
    this.budget.release(this, this.held);
    this.budget.forget(this);
  }

  get heldBytes(): number {
    return this.held;
  }

  /** Closes the socket through the closer: once gracefully, and once more at once if it must be dropped. */
  close(error: DraftroomError, graceful: boolean): void {
    if (this.destroyed || this.ended || (graceful && this.closed)) return;
    this.closed = true;
    this.destroyed = !graceful;
    this.closer(error, graceful);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
