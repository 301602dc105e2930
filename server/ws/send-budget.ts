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
  /** True when `bytes` may be sent now (counted until `sent`); false when the socket was closed instead. */
  reserve(bytes: number): boolean;
  /** The network took `bytes` reserved earlier (ws's send callback, also called when the socket dies). */
  sent(bytes: number): void;
  /** The socket is gone: whatever it still held is no longer counted. Idempotent. */
  end(): void;
  /** Bytes reserved and not yet taken by the network. */
  readonly heldBytes: number;
}

/** The unsent bytes of every open socket of the process. */
export class SendBudget {
  private readonly accounts = new Set<Account>();
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
  reserve(account: Account, bytes: number): boolean {
    if (account.closed) return false;
    if (account.held + bytes > Math.max(account.largest, bytes) + this.limits.socketBufferBytes) {
      account.close(new RateLimitedError(`This connection did not read what the server sent (${mib(account.held)} unread)`), true);
      return false;
    }
    if (this.total + bytes > this.limits.sendBudgetBytes) {
      // A message larger than the whole budget goes out only when nothing else is held.
      if (bytes > this.limits.sendBudgetBytes && this.total > 0) {
        account.close(new UnavailableError('The server is short of memory for sending this document right now'), true);
        return false;
      }
      this.shed(bytes);
      if (account.closed) return false;
    }
    account.held += bytes;
    account.largest = Math.max(account.largest, bytes);
    this.total += bytes;
    return true;
  }

  /** See SendAccount.sent and SendAccount.end. */
  release(account: Account, bytes: number): void {
    const freed = Math.min(bytes, account.held);
    account.held -= freed;
    this.total -= freed;
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
  largest = 0;
  /** Closing or closed: nothing more is sent on it. */
  closed = false;
  private destroyed = false;
  private ended = false;

  constructor(
    private readonly budget: SendBudget,
    private readonly closer: SocketCloser,
  ) {}

  reserve(bytes: number): boolean {
    return !this.ended && this.budget.reserve(this, bytes);
  }

  sent(bytes: number): void {
    if (!this.ended) this.budget.release(this, bytes);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.closed = true;
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
