/**
 * Peer 2: the y-websocket 1.5 reference server (`y-websocket-ref`, an npm alias of y-websocket@1.5.4, its
 * bin/utils.js setupWSConnection) behind a `ws` 8 server, its one document seeded on first load through its
 * persistence hook with the conference text's Yjs bytes. Run as a child process by launchYWebsocket(); the
 * file is also that child's entry point. The reference server is CommonJS and loads Yjs's CommonJS build:
 * the seed goes through that same build (one Yjs instance in the process).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { isEntry, startPeerProcess, type BenchServer } from './peer-process.ts';
import { ServerName } from './protocol.ts';

/** The document name every client opens (the provider puts it in the path). */
const room = 'conference';

/** Starts the y-websocket reference server in its own process, seeded with `seed`. */
export async function launchYWebsocket(seed: Uint8Array): Promise<BenchServer> {
  const peer = await startPeerProcess('ywebsocket-server.ts', seed);
  return {
    name: ServerName.ywebsocket,
    pid: peer.pid,
    endpoint: { protocol: 'y-websocket', url: `ws://127.0.0.1:${peer.port}`, room, writerParams: {}, watcherParams: {} },
    output: peer.output,
    stop: peer.stop,
  };
}

interface ReferenceUtils {
  setPersistence(persistence: { bindState(name: string, doc: unknown): void; writeState(name: string, doc: unknown): Promise<void>; provider: null }): void;
  setupWSConnection(socket: unknown, request: unknown): void;
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const Y = require('yjs') as { applyUpdate(doc: unknown, update: Uint8Array): void };
  const utils = require('y-websocket-ref/bin/utils') as ReferenceUtils;
  const { WebSocketServer } = await import('ws');
  const seed = new Uint8Array(readFileSync(process.env.CONF_SEED_FILE as string));
  utils.setPersistence({ bindState: (_name, doc) => Y.applyUpdate(doc, seed), writeState: async () => {}, provider: null });
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_request, response) => response.end('y-websocket reference server'));
  server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => utils.setupWSConnection(ws, request)));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.once('SIGTERM', () => process.exit(0));
}

if (isEntry(import.meta.url)) await main();
