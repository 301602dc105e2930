/**
 * Timing helpers for benchmarks: run a function in batches and report the median time per call.
 */

/** Median microseconds per call of `fn`, over `batches` batches of `perBatch` calls after a warm-up. */
export function microsPerCall(fn: () => void, perBatch = 200, batches = 15): number {
  for (let i = 0; i < perBatch; i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000 / perBatch);
  }
  samples.sort((a, c) => a - c);
  return samples[Math.floor(samples.length / 2)] as number;
}

/** Formats rows as an aligned text table. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
