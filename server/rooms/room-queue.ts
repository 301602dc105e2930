/**
 * A room's queue: tasks run one at a time, in the order queued, each once the one before has settled. Items
 * gathered for the same runner (a room's client updates) share one task while nothing else is queued behind
 * them, so a burst read in one turn is handled in one go without passing anything queued between.
 *
 * Tasks that settle at once follow each other as promise callbacks, which the event loop runs to the end
 * before it reads a socket or fires a timer. A crowd joining queues hundreds of first syncs at once; run back
 * to back, they would hold back the relay batch that carries everyone's committed edits. So once the tasks of
 * one turn have run for `sliceMs`, the next waits for the next turn of the event loop (order stays the same).
 */

/** The batch queued last, still taking items: nothing is queued behind it and it has not started. */
interface Gathering {
  /** The runner the batch was queued for: only items for the same runner join it. */
  run: unknown;
  items: unknown[];
}

/** How long (ms) a room's tasks may run back to back before the event loop gets a turn. */
export const defaultSliceMs = 10;

/** Tasks in order, one at a time; see the file comment. */
export class RoomQueue {
  private tail: Promise<void> = Promise.resolve();
  private gathering: Gathering | null = null;
  private count = 0;
  /** When the tasks of this turn of the event loop began (performance.now() ms), or null before the first. */
  private sliceStart: number | null = null;

  /** A queue whose tasks do not start once `failure()` returns an error (they reject with it), yielding the event loop after `sliceMs` of tasks. */
  constructor(
    private readonly failure: () => Error | null,
    private readonly sliceMs = defaultSliceMs,
  ) {}

  /** Tasks queued and not finished (a gathered batch counts once). */
  get pending(): number {
    return this.count;
  }

  /** Runs `task` after every task queued before it; a task's error is the task's to handle. */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    this.gathering = null;
    this.count += 1;
    const run = this.tail.then(() => this.nextTurn()).then(() => {
      const failed = this.failure();
      if (failed) throw failed;
      return task();
    });
    this.tail = run.then(
      () => void (this.count -= 1),
      () => void (this.count -= 1),
    );
    return run;
  }

  // Undefined (go on) while this turn's tasks have run less than sliceMs; else a promise of the next turn.
  private nextTurn(): Promise<void> | undefined {
    const now = performance.now();
    if (this.sliceStart === null) {
      this.sliceStart = now;
      // Runs before a yielding task's timer fires: the task after the yield starts a new slice.
      setImmediate(() => (this.sliceStart = null));
      return undefined;
    }
    if (now - this.sliceStart < this.sliceMs) return undefined;
    // A timer, not setImmediate: the loop then passes its timers (the relay's batch) and reads sockets first.
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  /**
   * Adds `item` to the batch queued last for the same `run`, while nothing is queued behind it and it holds
   * fewer than `max` items; otherwise queues `run` for a new batch holding it. A batch takes no more items
   * once it starts. When `run` throws (or the queue has failed), `failed` gets the batch and the error.
   */
  gather<I>(item: I, max: number, run: (batch: readonly I[]) => Promise<void>, failed: (batch: readonly I[], error: unknown) => void): void {
    const open = this.gathering;
    if (open && open.run === run && open.items.length < max) {
      open.items.push(item);
      return;
    }
    const batch: I[] = [item];
    const gathering: Gathering = { run, items: batch };
    this.enqueue(() => {
      if (this.gathering === gathering) this.gathering = null;
      return run(batch);
    }).catch((error: unknown) => {
      // A failed queue never starts the batch: it must take no more items, or they would wait forever.
      if (this.gathering === gathering) this.gathering = null;
      failed(batch, error);
    });
    this.gathering = gathering;
  }
}
