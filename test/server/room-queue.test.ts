/**
 * The room's queue (server/rooms/room-queue.ts): tasks one at a time in order; items gathered for one runner
 * share a task only while nothing else is queued behind them, up to a maximum; a failed queue runs nothing.
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
    const run = async (batch: readonly string[]) => {
      batches.push([...batch]);
      if (batches.length === 1) await held;
    };
    queue.gather('a', 2, run, () => undefined);
    await Promise.resolve();
    await Promise.resolve();
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
});
