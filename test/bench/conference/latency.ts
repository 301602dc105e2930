/**
 * End-to-end edit latency: each writer logs the clock of every character it inserts and when it sent it;
 * each full watcher logs, per client id, the clock its copy reached after every transaction and when. An
 * edit became visible to a watcher at the first entry whose clock passed the edit's. The sample is every
 * (edit, watcher) pair; an edit a watcher never saw counts as later than anything.
 */
import type { Visibility, WriterLog } from './protocol.ts';

/** The latency figures of one typing phase. */
export interface LatencySummary {
  /** (edit, watcher) pairs expected and seen. */
  pairs: number;
  seen: number;
  p50: number;
  p99: number;
  /** Share of pairs seen within `withinMs`. */
  withinShare: number;
  /** Edits sent, and those every watcher saw. */
  edits: number;
  editsSeenByAll: number;
}

/** The value at quantile `q` of ascending `sorted` (nearest rank); Infinity stands for never seen. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Latencies of every edit in `logs` as seen by each of `watchers`. */
export function summarizeLatency(logs: readonly WriterLog[], watchers: readonly Visibility[], withinMs: number): LatencySummary {
  const samples: number[] = [];
  const edits = logs.reduce((n, log) => n + log.clocks.length, 0);
  const seenBy = logs.map((log) => new Uint16Array(log.clocks.length));
  for (const seen of watchers) {
    logs.forEach((log, w) => {
      const entries = seen[String(log.client)] ?? [];
      let j = 0;
      log.clocks.forEach((clock, i) => {
        // entries are [clock reached, time] pairs in time order; clocks only grow.
        while (j < entries.length && (entries[j] as number) <= clock) j += 2;
        if (j >= entries.length) {
          samples.push(Infinity);
          return;
        }
        samples.push((entries[j + 1] as number) - (log.times[i] as number));
        const counts = seenBy[w] as Uint16Array;
        counts[i] = (counts[i] as number) + 1;
      });
    });
  }
  samples.sort((a, b) => a - b);
  const seen = samples.filter(Number.isFinite).length;
  const editsSeenByAll = seenBy.reduce((n, counts) => n + counts.filter((c) => c === watchers.length).length, 0);
  return {
    pairs: samples.length,
    seen,
    p50: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    withinShare: samples.length === 0 ? NaN : samples.filter((s) => s <= withinMs).length / samples.length,
    edits,
    editsSeenByAll,
  };
}

/** The [client, clock] pairs a watcher must reach to have seen every edit in `logs`. */
export function finalClocks(logs: readonly WriterLog[]): [number, number][] {
  return logs.filter((log) => log.clocks.length > 0).map((log) => [log.client, (log.clocks[log.clocks.length - 1] as number) + 1]);
}
