/**
 * `npm run bench`, memory part: the resident memory of a real server (server/main.ts in a child process)
 * before and after 1,000 observers connect to one negotiation of the real zero draft, read from
 * /proc/<pid>/status, and what one connection costs.
 */
import { readFileSync } from 'node:fs';
import { importDraft, invite } from '../helpers/api.ts';
import { draftSource } from '../helpers/fuzz-world.ts';
import { connectRaw, type RawClient } from '../helpers/raw-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const observers = 1_000;

/** The resident set size of process `pid` in KB (VmRSS). */
function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? NaN);
}

/** RSS after the server has been idle for `ms` (lets it finish what the last messages started). */
async function settledRss(server: TestServer, ms = 1_500): Promise<number> {
  await new Promise((done) => setTimeout(done, ms));
  return rssKb(server.pid);
}

/** Starts a server, connects 1,000 observers in batches, and prints its memory before and after. */
export async function runObserverMemoryBench(): Promise<void> {
  const server = await startServer({
    env: { DRAFTROOM_MAX_CONNECTIONS_PER_LINK: '5000', DRAFTROOM_MAX_CONNECTIONS: '5000', DRAFTROOM_IDLE_UNLOAD_MS: '600000' },
  });
  const clients: RawClient[] = [];
  try {
    const negotiation = await importDraft(server, draftSource.text);
    const link = await invite(server, negotiation.id, { role: 'observer' });
    const first = connectRaw(server, negotiation.id, link.token, { follow: false });
    await first.handshake();
    clients.push(first);
    const before = await settledRss(server);
    const started = performance.now();
    for (let i = 1; i < observers; i += 50) {
      const batch = Array.from({ length: Math.min(50, observers - i) }, () => connectRaw(server, negotiation.id, link.token, { follow: false }));
      clients.push(...batch);
      await Promise.all(batch.map((c) => c.handshake()));
    }
    const connectMs = performance.now() - started;
    const open = clients.filter((c) => c.closeInfo() === null).length;
    const after = await settledRss(server);
    console.log(`\nServer memory with ${observers} observers on one negotiation (${draftSource.name}), RSS from /proc/${server.pid}/status\n`);
    console.log(`  1 observer: ${(before / 1024).toFixed(1)} MB; ${open} observers open: ${(after / 1024).toFixed(1)} MB; ` +
      `${((after - before) / (open - 1)).toFixed(1)} KB per connection; all connected and synced in ${(connectMs / 1000).toFixed(1)} s`);
  } finally {
    for (const client of clients) client.close();
    await server.stop();
  }
}
