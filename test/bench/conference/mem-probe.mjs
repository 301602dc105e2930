/**
 * Preloaded into every server under test (node --expose-gc --import <this file>): on SIGUSR2 it runs a full
 * garbage collection and prints one line, `MEMPROBE {"heapUsedKb":…,"heapTotalKb":…,"rssKb":…,"externalKb":…,"arrayBuffersKb":…}`,
 * so the bench reads each server's live JavaScript heap the same way, whatever the server. With
 * MEMPROBE_SNAPSHOT_DIR set, it first writes a heap snapshot there and names it in the line (`snapshot`).
 */
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';

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
