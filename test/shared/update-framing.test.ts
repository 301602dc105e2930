/**
 * The framing pass reads a delete set straight into merged ranges, by two paths (ranges in order; ranges in
 * any order, merged from sorted starts and ends): both must give the union a plain merge gives. Seeded.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../helpers/fuzz-random.ts';
import { mergeRanges, readFraming } from '../../shared/permissions/update-framing.ts';
import { forgeUpdate, type ForgedRange } from '../helpers/update-forge.ts';

/** The union of ranges by the plain method: sort the ranges, merge overlapping and touching ones. */
function plainUnion(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}


describe('merging delete ranges', () => {
  const seed = Number(process.env.FRAMING_SEED ?? Date.now() % 1e9);

  it('gives the plain union for random ranges, in order or not, repeated or not', () => {
    const rng = new Rng(seed);
    const next = () => rng.next();
    try {
      for (let round = 0; round < 300; round++) {
        const count = 1 + Math.floor(next() * 60);
        const ranges: ForgedRange[] = Array.from({ length: count }, () => [7, Math.floor(next() * 200), Math.floor(next() * 12)]);
        if (next() < 0.3) ranges.sort((a, b) => a[1] - b[1]);
        if (next() < 0.3) ranges.push(...ranges);
        const expected = plainUnion(ranges.map(([, clock, len]) => [clock, clock + len]));
        expect(mergeRanges(ranges.filter(([, , len]) => len > 0).map(([, clock, len]) => [clock, clock + len]))).toEqual(expected);
        const framed = readFraming(forgeUpdate(new Map(), ranges), 10).deletes.get(7) ?? [];
        expect(framed).toEqual(expected);
      }
    } catch (error) {
      throw new Error(`FRAMING_SEED=${seed}: ${(error as Error).message}`);
    }
  });

  it('merges 100,000 repeats of one range into one', () => {
    const ranges = Array.from({ length: 100_000 }, (): ForgedRange => [3, 10, 5]);
    expect(readFraming(forgeUpdate(new Map(), ranges), 10).deletes).toEqual(new Map([[3, [[10, 15]]]]));
  });
});
