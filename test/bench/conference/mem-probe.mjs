/**
 * Preloaded into every server under test (node --expose-gc --import <this file>), so the bench reads each
 * server the same way, whatever the server:
 * - on SIGUSR2 it runs a full garbage collection and prints one line,
 *   `MEMPROBE {"heapUsedKb":…,"heapTotalKb":…,"rssKb":…,"externalKb":…,"arrayBuffersKb":…}`; with
 *   MEMPROBE_SNAPSHOT_DIR set, it first writes a heap snapshot there and names it in the line (`snapshot`);
 * - on SIGWINCH it prints how late its event loop ran since load or the last SIGWINCH (perf_hooks'
 *   monitorEventLoopDelay at 1 ms resolution: each sample is the time between two 1 ms timers, so an idle
 *   loop reads about 1 ms), `LOOPPROBE {"p50Ms":…,"p99Ms":…,"maxMs":…}`, and starts counting afresh (no GC:
 *   the reading must not disturb what it measures).
 */
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

let snapshots = 0;
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  const kb = (bytes) => Math.round(bytes / 1024);
  const dir = process.env.MEMPROBE_SNAPSHOT_DIR;
  const snapshot = dir ? writeHeapSnapshot(join(dir, `memprobe-${process.pid}-${++snapshots}.heapsnapshot`)) : undefined;
  console.log(`MEMPROBE ${JSON.stringify({ heapUsedKb: kb(m.heapUsed), heapTotalKb: kb(m.heapTotal), rssKb: kb(m.rss), externalKb: kb(m.external), arrayBuffersKb: kb(m.arrayBuffers), snapshot })}`);
});

const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
process.on('SIGWINCH', () => {
  // With no sample since the reset the histogram's percentiles are meaningless: report zeros.
  const ms = (ns) => (loopDelay.count > 0 ? Math.round(ns / 1e4) / 100 : 0);
  console.log(`LOOPPROBE ${JSON.stringify({ p50Ms: ms(loopDelay.percentile(50)), p99Ms: ms(loopDelay.percentile(99)), maxMs: ms(loopDelay.max) })}`);
  loopDelay.reset();
});
