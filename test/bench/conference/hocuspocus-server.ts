/**
 * Peer 1: a Hocuspocus 4 server (`@hocuspocus/server`, defaults: broadcasts batched per event-loop turn, no
 * persistence), its one document seeded on first load with the conference text's Yjs bytes. Run as a child
 * process by launchHocuspocus(); the file is also that child's entry point.
 */
import { readFileSync } from 'node:fs';
import { isEntry, startPeerProcess, type BenchServer } from './peer-process.ts';
import { ServerName } from './protocol.ts';

/** The document name every client opens. */
const room = 'conference';

/** Starts a Hocuspocus server in its own process, seeded with `seed`. */
export async function launchHocuspocus(seed: Uint8Array): Promise<BenchServer> {
  const peer = await startPeerProcess('hocuspocus-server.ts', seed);
  return { name: ServerName.hocuspocus, pid: peer.pid, endpoint: { protocol: 'hocuspocus', url: `ws://127.0.0.1:${peer.port}`, room }, output: peer.output, stop: peer.stop };
}

async function main(): Promise<void> {
  const { Server } = await import('@hocuspocus/server');
  const Y = await import('yjs');
  const seed = new Uint8Array(readFileSync(process.env.CONF_SEED_FILE as string));
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: true,
    async onLoadDocument({ document }) {
      Y.applyUpdate(document, seed);
    },
  });
  await server.listen();
  console.log(`listening on http://127.0.0.1:${server.address.port}`);
}

if (isEntry(import.meta.url)) await main();
