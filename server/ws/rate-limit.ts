/**
 * A token bucket: `burst` tokens at once, refilled at `perSecond` (messages, or bytes).
 */

/** Milliseconds from a monotonic clock: one function shared by every bucket (five per connection). */
const monotonicNow = (): number => performance.now();

/** Counts messages (or bytes) against a rate. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /** A full bucket. */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = monotonicNow,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `amount` tokens (one by default); false, taking none, when the bucket holds fewer (over the rate). */
  take(amount = 1): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}
