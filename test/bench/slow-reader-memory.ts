/**
 * The server's memory under 20 websockets that never read, on an 8 MB document (issue 6, class 6):
 * starts the server of a checkout (this one, or the folder given as the first argument) in a child
 * process, grows a negotiation to 8 MB through an honest facilitator, opens 20 observer sockets that
 * stop reading and ask for the whole document repeatedly (sync step 1, within the rate limit), and
 * prints the server's resident memory (VmRSS now, VmHWM peak) before and during the attack, and whether
 * the facilitator's keystrokes still reach an honest reader.
 *
 *   node --import tsx test/bench/slow-reader-memory.ts [projectRoot]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import { connectRaw, encodeSync } from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient, waitFor } from '../helpers/yjs-client.ts';
import { serverNodeOptions } from '../../server/node-options.ts';

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../..'));
const sockets = 20;
const chunk = 4_000_000;

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function start(): Promise<{ server: TestServer; pid: number; stop(): void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-mem-'));
  const child = spawn(process.execPath, [...serverNodeOptions, '--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DRAFTROOM_DEMO: 'off', DRAFTROOM_IDLE_UNLOAD_MS: '60000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done) => {
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) done(Number(match[1]));
    });
  });
  const adminToken = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const server = { url: `http://127.0.0.1:${port}`, port, adminToken, dataDir } as TestServer;
  return { server, pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const { server, pid, stop } = await start();
const { id } = await importDraft(server, smallDraft);
const [facilitator, observer, attacker] = await Promise.all(
  [Role.facilitator, Role.observer, Role.observer].map((role) => invite(server, id, { role })),
);
const writer = connectClient(server, id, facilitator!.token);
const reader = connectClient(server, id, observer!.token);
await Promise.all([writer.synced, reader.synced]);
const text = (doc: Y.Doc) => (getParagraphText(doc, readOrder(doc)[0] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
for (let i = 0; i < 2; i++) {
  text(writer.doc).insert(0, 'x'.repeat(chunk));
  const length = text(writer.doc).length;
  await waitFor(reader.doc, () => text(reader.doc).length === length, 30_000, 'the chunk');
}
const documentBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
await sleep(1000);
const before = memory(pid);

const stepOne = encodeSync(0, Y.encodeStateVector(new Y.Doc()));
const attackers = Array.from({ length: sockets }, () => connectRaw(server, id, attacker!.token, { answerStep1: false, follow: false }));
const closed = new Set<number>();
await Promise.all(
  attackers.map(async (client, i) => {
    await client.opened.catch(() => undefined);
    client.closed.then(() => closed.add(i));
    (client.ws as unknown as { _socket: Socket })._socket.pause();
  }),
);
let worst = before.rss;
let worstUnsent = 0;
const unsent = async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { unsentBytes?: number }).unsentBytes ?? NaN;
for (let second = 0; second < 12; second++) {
  // Five at once (the burst), then one a second: each asks for the whole document again.
  for (const client of attackers) for (let k = 0; k < (second === 0 ? 5 : 1); k++) client.sendRaw(stepOne);
  for (let t = 0; t < 5; t++) {
    await sleep(200);
    worst = Math.max(worst, memory(pid).rss);
    worstUnsent = Math.max(worstUnsent, await unsent());
  }
}
text(writer.doc).insert(0, 'Still here. ');
const served = await waitFor(reader.doc, () => text(reader.doc).toString().startsWith('Still here. '), 10_000, 'a keystroke').then(
  () => true,
  () => false,
);
const after = memory(pid);
console.log(`server: ${root}`);
console.log(`document: ${(documentBytes / 1e6).toFixed(1)} MB; ${sockets} sockets that never read, asking for it 16 times each over 12 s`);
console.log(`RSS before: ${before.rss.toFixed(0)} MiB; worst during: ${worst.toFixed(0)} MiB; peak (VmHWM): ${after.peak.toFixed(0)} MiB`);
console.log(`most bytes held unsent (GET /api/health unsentBytes): ${(worstUnsent / 1048576).toFixed(0)} MiB`);
console.log(`non-readers dropped by the server: ${closed.size} of ${sockets} seen closed (they read nothing, so most see it only later)`);
console.log(`a keystroke still reached the reader: ${served ? 'yes' : 'NO'}`);
writer.destroy();
reader.destroy();
for (const client of attackers) client.ws.terminate();
stop();
process.exit(0);
