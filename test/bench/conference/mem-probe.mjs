/**
 * Preloaded into every server under test (node --expose-gc --import <this file>): on SIGUSR2 it runs a full
 * garbage collection and prints one line, `MEMPROBE {"heapUsedKb":…,"rssKb":…,"externalKb":…}`, so the bench
 * reads each server's live JavaScript heap the same way, whatever the server.
 */
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  const kb = (bytes) => Math.round(bytes / 1024);
  console.log(`MEMPROBE ${JSON.stringify({ heapUsedKb: kb(m.heapUsed), rssKb: kb(m.rss), externalKb: kb(m.external) })}`);
});
