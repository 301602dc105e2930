/**
 * Tells a server that fails on what the page sends from an ordinary dropped connection. y-websocket
 * resends the page's whole unsaved diff on every reconnect, so an update the server fails on (1011) would
 * be resent forever: a close soon after the socket opened, again and again, means the page must stop.
 */
import { CloseCode } from '../../shared/protocol/close-codes.ts';

/**
 * Closes that say nothing about what the page sent: normal, shutdown or replaced by a newer connection,
 * network loss, rate and capacity limits. Any other non-final, non-resync code (1011...) is a failure.
 */
const neutralCloseCodes: ReadonlySet<number> = new Set([1000, CloseCode.goingAway, 1005, 1006, CloseCode.rateLimited, CloseCode.unavailable]);

/** A close this soon after the socket opened counts as a failure on what the page sent on connecting. */
export const quickCloseMs = 10_000;
/** This many failures in a row (within failureWindowMs, all but the first quick) and the page stops resending. */
export const failuresBeforeGivingUp = 3;
const failureWindowMs = 60_000;

/** Counts failure closes in a row; one per page connection (it spans the live copies). */
export class FailureStreak {
  private failures: number[] = [];
  private openedAt = 0;

  /** Records that a socket opened now. */
  opened(): void {
    this.openedAt = Date.now();
  }

  /**
   * Records a close that is neither final nor a resync; true when it is the failure too many (the streak
   * then starts over): the page must stop resending and load the true state.
   */
  closed(code: number): boolean {
    if (neutralCloseCodes.has(code)) return false;
    const now = Date.now();
    // A connection that lasted is not part of a streak: this failure starts a new one.
    if (now - this.openedAt >= quickCloseMs) this.failures = [];
    this.failures = this.failures.filter((time) => now - time < failureWindowMs);
    this.failures.push(now);
    if (this.failures.length < failuresBeforeGivingUp) return false;
    this.failures = [];
    return true;
  }
}
