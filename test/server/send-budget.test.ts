/**
 * The rules of the send budget (server/ws/send-budget.ts) on fake sockets, for the cases a real server
 * reaches only by chance: which socket is dropped first, when the socket a message is for is refused
 * instead (4503), and that a message larger than the whole budget still goes out when nothing else is held.
 */
import { describe, expect, it } from 'vitest';
import { ErrorKind, type DraftroomError } from '../../shared/errors.ts';
import { SendBudget, type SendAccount } from '../../server/ws/send-budget.ts';

const KiB = 1024;

function budgetOf(sendBudgetBytes: number, socketBufferBytes: number) {
  const budget = new SendBudget({ sendBudgetBytes, socketBufferBytes });
  const closes: { name: string; kind: string; graceful: boolean }[] = [];
  const open = (name: string): SendAccount =>
    budget.open((error: DraftroomError, graceful) => void closes.push({ name, kind: error.kind, graceful }));
  return { budget, closes, open };
}

describe('the send budget', () => {
  it('counts a buffer that many sockets send once, until the last of them has sent it', () => {
    const { budget, closes, open } = budgetOf(100 * KiB, 100 * KiB);
    const state = new Uint8Array(60 * KiB);
    const sockets = Array.from({ length: 10 }, (_, i) => open(`s${i}`));
    for (const socket of sockets) expect(socket.reserve(state.byteLength, state)).toBe(true);
    expect(budget.unsentBytes).toBe(60 * KiB);
    expect(closes).toEqual([]);
    for (const socket of sockets.slice(0, 9)) socket.sent(state.byteLength, state);
    expect(budget.unsentBytes).toBe(60 * KiB);
    sockets[9]?.end();
    expect(budget.unsentBytes).toBe(0);
    expect(sockets[0]?.heldBytes).toBe(0);
  });

  it('lets a socket hold its largest message plus its threshold, then closes it gracefully as rate limited', () => {
    const { budget, closes, open } = budgetOf(100 * KiB, 10 * KiB);
    const a = open('a');
    expect(a.reserve(40 * KiB)).toBe(true); // a whole document on joining
    expect(a.reserve(5 * KiB)).toBe(true);
    expect(a.reserve(5 * KiB)).toBe(true); // 50 KiB held: exactly 40 + 10
    expect(a.reserve(1 * KiB)).toBe(false);
    expect(closes).toEqual([{ name: 'a', kind: ErrorKind.rateLimited, graceful: true }]);
    expect(a.reserve(1)).toBe(false); // nothing more on a closing socket
    expect(budget.unsentBytes).toBe(50 * KiB); // still in memory until the socket is gone
    a.end();
    expect(budget.unsentBytes).toBe(0);
    // The whole document asked for again while the first copy is still unsent: that is not reading.
    const b = open('b');
    expect(b.reserve(40 * KiB)).toBe(true);
    expect(b.reserve(40 * KiB)).toBe(false);
  });

  it('under pressure drops the sockets past their threshold first, most held first, at once', () => {
    const { budget, closes, open } = budgetOf(100 * KiB, 20 * KiB);
    const [big, bigger, small, target] = ['big', 'bigger', 'small', 'target'].map(open) as SendAccount[];
    big!.reserve(30 * KiB);
    bigger!.reserve(35 * KiB);
    small!.reserve(15 * KiB);
    target!.reserve(10 * KiB);
    expect(target!.reserve(40 * KiB)).toBe(true);
    expect(closes).toEqual([{ name: 'bigger', kind: ErrorKind.rateLimited, graceful: false }]);
    expect(budget.unsentBytes).toBe(95 * KiB);
    big!.sent(30 * KiB);
    small!.sent(15 * KiB);
    // The socket holding the most goes, even when it is the one the message is for.
    expect(small!.reserve(60 * KiB)).toBe(true);
    expect(closes.at(-1)).toEqual({ name: 'target', kind: ErrorKind.rateLimited, graceful: false });
  });

  it('sends a message larger than the whole budget only when nothing else is held, else refuses its socket with 4503', () => {
    const { budget, closes, open } = budgetOf(50 * KiB, 100 * KiB);
    const a = open('a');
    expect(a.reserve(200 * KiB)).toBe(true); // a whole document bigger than the budget, nothing else held
    const b = open('b');
    expect(b.reserve(200 * KiB)).toBe(false); // not while a's is still unsent
    expect(closes).toEqual([{ name: 'b', kind: ErrorKind.unavailable, graceful: true }]);
    a.sent(200 * KiB);
    const c = open('c');
    expect(c.reserve(200 * KiB)).toBe(true);
    // A small message to someone else makes room by dropping the holder, as for any slow reader.
    expect(a.reserve(1 * KiB)).toBe(true);
    expect(closes.at(-1)).toEqual({ name: 'c', kind: ErrorKind.rateLimited, graceful: false });
    expect(budget.unsentBytes).toBe(1 * KiB);
  });
});
