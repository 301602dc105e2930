/**
 * The join pacer (server/ws/join-pacer.ts): a crowd of joiners goes on a few per turn of the event loop, in
 * the order they came, with the work queued between turns running in between; a lone joiner waits one turn.
 */
import { describe, expect, it } from 'vitest';
import { JoinPacer } from '../../server/ws/join-pacer.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the join pacer', () => {
  it('lets a crowd on a few per turn, in order, with other work running between two groups', async () => {
    const pacer = new JoinPacer(4);
    const order: string[] = [];
    const joins = Array.from({ length: 10 }, (_, i) => pacer.turn().then(() => order.push(`join ${i}`)));
    expect(pacer.waitingCount).toBe(10);
    // Work that arrives while the crowd waits (an edit read from a socket) runs between the groups.
    setImmediate(() => {
      order.push('edit');
    });
    await Promise.all(joins);
    expect(order.filter((entry) => entry.startsWith('join'))).toEqual(Array.from({ length: 10 }, (_, i) => `join ${i}`));
    const firstGroupEnd = order.indexOf('join 3');
    expect(order.indexOf('join 4')).toBeGreaterThan(order.indexOf('edit'));
    expect(order.indexOf('edit')).toBeGreaterThan(firstGroupEnd);
    expect(pacer.waitingCount).toBe(0);
  });

  it('lets at most perTurn on per turn', async () => {
    const pacer = new JoinPacer(3);
    let on = 0;
    for (let i = 0; i < 7; i++) void pacer.turn().then(() => (on += 1));
    const seen: number[] = [];
    for (let turn = 0; turn < 4; turn++) {
      await nextTurn();
      seen.push(on);
    }
    expect(seen).toEqual([3, 6, 7, 7]);
  });

  it('refuses a pace below one joiner per turn', () => {
    expect(() => new JoinPacer(0)).toThrow(/at least 1/);
  });
});
