/**
 * A room's queue: tasks run one at a time, in the order queued, each once the one before has settled. Items
 * gathered for the same runner (a room's client updates) share one task while nothing else is queued behind
 * them, so a burst read in one turn is handled in one go without passing anything queued between.
 */

/** The batch queued last, still taking items: nothing is queued behind it and it has not started. */
interface Gathering {
  /** The runner the batch was queued for: only items for the same runner join it. */
  run: unknown;
  items: unknown[];
}

/** Tasks in order, one at a time; see the file comment. */
export class RoomQueue {
  private tail: Promise<void> = Promise.resolve();
  private gathering: Gathering | null = null;
  private count = 0;

  /** A queue whose tasks do not start once `failure()` returns an error: they reject with it instead. */
  constructor(private readonly failure: () => Error | null) {}

  /** Tasks queued and not finished (a gathered batch counts once). */
  get pending(): number {
    return this.count;
  }

  /** Runs `task` after every task queued before it; a task's error is the task's to handle. */
  enqueue<T>(task: () => T | Promise<T>): Promise<T> {
    this.gathering = null;
    this.count += 1;
    const run = this.tail.then(() => {
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
