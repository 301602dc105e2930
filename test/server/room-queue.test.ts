/**
 * The room's queue (server/rooms/room-queue.ts): tasks one at a time in order; items gathered for one runner
 * share a task only while nothing else is queued behind them, up to a maximum; a failed queue runs nothing;
 * tasks that run long back to back let the event loop turn between them.
 */
import { describe, expect, it } from 'vitest';
import { RoomQueue } from '../../server/rooms/room-queue.ts';

describe('the room queue', () => {
  it('gathers consecutive items into one batch, and starts a new one after anything else is queued', async () => {
    const queue = new RoomQueue(() => null);
    const log: string[] = [];
    const run = async (batch: readonly string[]) => void log.push(`batch ${batch.join(',')}`);
    const failed = (_: readonly string[], error: unknown) => log.push(`failed ${String(error)}`);
    queue.gather('a', 10, run, failed);
    queue.gather('b', 10, run, failed);
    const between = queue.enqueue(() => void log.push('task'));
    queue.gather('c', 10, run, failed);
    queue.gather('d', 10, run, failed);
    expect(queue.pending).toBe(3);
    await between;
    await queue.enqueue(() => undefined);
    expect(log).toEqual(['batch a,b', 'task', 'batch c,d']);
    expect(queue.pending).toBe(0);
  });

  it('holds at most `max` items in a batch, and takes none into a batch that has started', async () => {
    const queue = new RoomQueue(() => null);
    const batches: string[][] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started = () => {};
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const run = async (batch: readonly string[]) => {
      batches.push([...batch]);
      if (batches.length === 1) {
        started();
        await held;
      }
    };
    queue.gather('a', 2, run, () => undefined);
    await firstStarted;
    expect(batches).toEqual([['a']]);
    // The first batch is running (waiting on `held`): these start batches of their own, two items at most.
    for (const item of ['b', 'c', 'd']) queue.gather(item, 2, run, () => undefined);
    release();
    await queue.enqueue(() => undefined);
    expect(batches).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('runs nothing once failed: queued tasks reject with the failure, a batch goes to `failed`', async () => {
    let failure: Error | null = null;
    const queue = new RoomQueue(() => failure);
    const ran: string[] = [];
    const failedBatches: string[][] = [];
    const first = queue.enqueue(() => {
      failure = new Error('storage failed');
    });
    const second = queue.enqueue(() => void ran.push('second'));
    queue.gather('x', 10, async (batch) => void ran.push(...batch), (batch, error) => void failedBatches.push([...batch, (error as Error).message]));
    await first;
    await expect(second).rejects.toThrow('storage failed');
    await expect(queue.enqueue(() => 'later')).rejects.toThrow('storage failed');
    expect(ran).toEqual([]);
    expect(failedBatches).toEqual([['x', 'storage failed']]);
  });

  it('takes no more items into a batch the failed queue never started: they go to `failed`, in a later turn too', async () => {
    const queue = new RoomQueue(() => new Error('storage failed'));
    const failedItems: string[] = [];
    const run = async () => undefined;
    const failed = (batch: readonly string[]) => void failedItems.push(...batch);
    queue.gather('x', 10, run, failed);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failedItems).toEqual(['x']);
    queue.gather('y', 10, run, failed);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(failedItems).toEqual(['x', 'y']);
  });

  it('lets the event loop turn once tasks have run `sliceMs` back to back, and keeps their order', async () => {
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const order = async (sliceMs: number) => {
      const queue = new RoomQueue(() => null, sliceMs);
      const log: string[] = [];
      // A timer due at once: it fires only when the event loop gets a turn.
      setTimeout(() => log.push('timer'), 0);
      const tasks = [1, 2, 3, 4, 5, 6].map((n) => queue.enqueue(() => (spin(4), log.push(`task ${n}`))));
      await Promise.all(tasks);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return log;
    };
    const sliced = await order(10);
    expect(sliced.filter((entry) => entry !== 'timer')).toEqual(['task 1', 'task 2', 'task 3', 'task 4', 'task 5', 'task 6']);
    // 24 ms of tasks in slices of 10 ms: the timer fires between two of them, not after the last.
    expect(sliced.indexOf('timer')).toBeGreaterThan(0);
    expect(sliced.indexOf('timer')).toBeLessThan(sliced.length - 1);
    const unsliced = await order(1_000);
    expect(unsliced.at(-1)).toBe('timer');
  });
});
