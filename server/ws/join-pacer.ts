/**
 * Paces websocket joins so a crowd arriving at once does not hold up the people already typing. Node hands
 * every ready upgrade to the server in one go; joined all at once, hundreds of handshakes, token checks and
 * first syncs run back to back while the edits of those present wait behind them. The pacer lets a few
 * joiners on per turn of the event loop: the edits that arrived meanwhile are read and relayed between two
 * groups, and an idle server still takes a lone joiner at once (one turn).
 */

/** How many joiners go on per turn of the event loop by default. */
export const defaultJoinsPerTurn = 4;

/** Lets waiting joiners on, `perTurn` of them per turn of the event loop, in the order they came. */
export class JoinPacer {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** A pacer letting `perTurn` (at least 1) joiners on per turn. */
  constructor(private readonly perTurn = defaultJoinsPerTurn) {
    if (!(perTurn >= 1)) throw new RangeError(`JoinPacer: perTurn must be at least 1 (got ${perTurn})`);
  }

  /** Resolves when it is this joiner's turn to go on. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** Joiners waiting for their turn. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate runs after the turn's input was read: what the present people sent goes first.
    setImmediate(() => {
      this.scheduled = false;
      for (const resolve of this.waiting.splice(0, this.perTurn)) resolve();
      if (this.waiting.length > 0) this.schedule();
    });
  }
}
