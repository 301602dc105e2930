/**
 * A seeded random source for fuzzing (mulberry32: fast, 32-bit state, the same sequence for the same seed on
 * every platform), with the choices a structure-aware fuzzer makes, values that no schema expects, and byte flips.
 */

/** A seeded pseudo-random sequence. */
export class Rng {
  private state: number;

  /** Starts the sequence of `seed` (any integer). */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** One element chosen by weight: [weight, value] pairs. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0);
    let at = this.next() * total;
    for (const [w, value] of choices) {
      at -= w;
      if (at < 0) return value;
    }
    return (choices[choices.length - 1] as readonly [number, T])[1];
  }

  /** A short word of letters. */
  word(min = 1, max = 8): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    return Array.from({ length: this.int(min, max) }, () => letters[this.int(0, 25)]).join('');
  }
}

/** A value no field of a negotiation document expects (or one that only looks right), for schema fuzzing. */
export function weirdValue(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => undefined,
    () => rng.int(-1e6, 1e6),
    () => -7,
    () => 1.5,
    () => 2 ** 53 + 2,
    () => true,
    () => '',
    () => ' ',
    () => 'banana',
    () => 'x'.repeat(rng.pick([65, 121, 2_001, 20_001, 40_000])),
    () => 'KEN',
    () => 'EU',
    () => 'kenya',
    () => 'accepted',
    () => 'withdrawn',
    () => 'support',
    () => 'veto',
    () => 'pending',
    () => 'agreed',
    () => '2024-02-30T99:99:99Z',
    () => 'Tue, 01 Jan 2030 00:00:00 GMT',
    () => new Date(rng.int(0, 2e12)).toISOString(),
    () => ['a', 'b'],
    () => [],
    () => ({}),
    () => ({ name: 'Kenya' }),
    () => ({ name: '   ' }),
    () => ({ name: 'Kenya', extra: 1 }),
    () => ({ ['__proto__']: { name: 'Kenya' } }),
    () => ({ ['__proto__']: { toString: 1, valueOf: 2 } }),
    () => [{ marker: '1', text: 'note' }],
    () => [{ marker: '1', text: 'note', extra: true }],
    () => [{ ['__proto__']: { marker: '1', text: 'note' } }],
    () => new Uint8Array([1, 2, 3]),
    () => BigInt(rng.int(0, 1000)),
    () => ({ deep: { deeper: { deepest: [1, [2, [3]]] } } }),
  ])();
}

/** A map key no row of the permission table names (or one that only looks right). */
export function weirdKey(rng: Rng): string {
  return rng.pick([
    '', ' ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'KEN ', 'ken', 'K', 'X'.repeat(17), 'EU',
    'G77', 'status', 'delegation', 'marks', 'text', 'title', 'round', 'priority', '../paragraphs', '\u0000', '*', '#',
    rng.word(), 'p' + rng.word(10, 10), 'r' + 'x'.repeat(64), 'ÄÖÜ', '😀',
  ]);
}

/** Flips, cuts or extends the encoded bytes. */
export function mutateBytes(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; what: string } {
  const out = bytes.slice();
  const kind = rng.pick(['flip', 'flip', 'set', 'cut', 'append']);
  if (kind === 'cut') return { bytes: out.subarray(0, rng.int(0, Math.max(0, out.length - 1))), what: 'cut' };
  if (kind === 'append') return { bytes: new Uint8Array([...out, ...Array.from({ length: rng.int(1, 8) }, () => rng.int(0, 255))]), what: 'append' };
  const n = rng.int(1, 3);
  for (let i = 0; i < n && out.length > 0; i++) {
    const at = rng.int(0, out.length - 1);
    out[at] = kind === 'flip' ? (out[at] as number) ^ (1 << rng.int(0, 7)) : rng.pick([0, 1, 0x7f, 0x80, 0xff, rng.int(0, 255)]);
  }
  return { bytes: out, what: `${kind}×${n}` };
}
