/**
 * Server memory per websocket connection (issue 7), alone: starts Draftroom with the conference text and the
 * memory probe, connects one client, reads the server's memory after a full GC, connects N-1 more, PROBE_BATCH at a time (the
 * bench's light clients: presence of their own, edits counted not applied), and reads it again. Prints the
 * growth per connection of heapUsed, external, arrayBuffers and RSS (after the GC), and of RSS without a GC
 * (what the conference table's first memory line shows). With PROBE_SNAPSHOT=1 the server writes a heap
 * snapshot at both readings, and the probe prints the object kinds that grew most, per connection.
 * PROBE_NODE_ARGS adds node options to the server (e.g. V8 heap flags).
 *
 *   node --import tsx test/bench/conn-memory-probe.ts
 *   PROBE_CLIENTS=200 PROBE_BATCH=20 PROBE_SNAPSHOT=1 node --import tsx test/bench/conn-memory-probe.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SimClient } from './conference/client-kinds.ts';
import { launchDraftroom } from './conference/draftroom-server.ts';
import { isEntry } from './conference/peer-process.ts';
import { cpuMs, memProbeNodeArgs, rssKb } from './conference/proc-stats.ts';
import type { Counters } from './conference/protocol.ts';

/** One reading of the server's memory after a full GC, in KB. */
interface Reading {
  heapUsedKb: number;
  heapTotalKb: number;
  rssKb: number;
  externalKb: number;
  arrayBuffersKb: number;
  snapshot?: string;
}

function whole(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}

async function read(pid: number, output: () => string): Promise<Reading> {
  const from = output().length;
  process.kill(pid, 'SIGUSR2');
  // A heap snapshot of a large heap takes seconds to write.
  for (let waited = 0; waited < 120_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = output().slice(from).split('\n').find((l) => l.startsWith('MEMPROBE '));
    if (line) return JSON.parse(line.slice('MEMPROBE '.length)) as Reading;
  }
  throw new Error('the server did not answer the memory probe (is it started with memProbeNodeArgs?)');
}

/** Resident KB of process `pid` by kind of mapping: the C heap ([heap]), anonymous mappings (V8's pages, malloc's other arenas and large blocks), files. */
function residentByKind(pid: number): Map<string, number> {
  const kinds = new Map<string, number>();
  let kind = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) kind = header[1] === '' ? '(anonymous)' : (header[1] as string).startsWith('[') ? (header[1] as string) : '(files)';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kinds.set(kind, (kinds.get(kind) ?? 0) + Number(rss[1]));
  }
  return kinds;
}

/** Self size and count of each kind of object in a heap snapshot ("Name" for objects, "closure name", "(string)"...). */
function kindsOf(file: string): Map<string, { bytes: number; count: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const kinds = new Map<string, { bytes: number; count: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt] as number] as string;
    const name = snapshot.strings[snapshot.nodes[i + nameAt] as number] as string;
    const kind = type === 'object' || type === 'native' ? name : type === 'closure' ? `closure ${name || '(anonymous)'}` : `(${type})`;
    const entry = kinds.get(kind) ?? { bytes: 0, count: 0 };
    entry.bytes += snapshot.nodes[i + sizeAt] as number;
    entry.count += 1;
    kinds.set(kind, entry);
  }
  return kinds;
}

function printSnapshotDiff(before: string, after: string, connections: number): void {
  const a = kindsOf(before);
  const b = kindsOf(after);
  const rows = [...b].map(([kind, { bytes, count }]) => ({ kind, bytes: bytes - (a.get(kind)?.bytes ?? 0), count: count - (a.get(kind)?.count ?? 0) }));
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((n, r) => n + r.bytes, 0);
  console.log(`\nheap snapshot growth per connection (self size), ${(total / 1024 / connections).toFixed(2)} KB in all:`);
  for (const r of rows.slice(0, 30)) {
    console.log(`  ${(r.bytes / connections).toFixed(0).padStart(7)} B  ${(r.count / connections).toFixed(2).padStart(7)} objects  ${r.kind}`);
  }
}

/** Runs the probe with the PROBE_* knobs and prints the figures. */
export async function runConnMemoryProbe(): Promise<void> {
  const clients = whole('PROBE_CLIENTS', 500);
  const batchSize = whole('PROBE_BATCH', 100);
  const snapshotDir = process.env.PROBE_SNAPSHOT === '1' ? mkdtempSync(join(tmpdir(), 'draftroom-heap-')) : null;
  const run = await launchDraftroom({ nodeArgs: [...memProbeNodeArgs, ...(process.env.PROBE_NODE_ARGS?.split(' ').filter(Boolean) ?? [])], env: snapshotDir ? { MEMPROBE_SNAPSHOT_DIR: snapshotDir } : {} });
  const { pid, output } = run.testServer;
  const counters: Counters = { frames: 0, bytes: 0, closes: {} };
  const open: SimClient[] = [];
  const connect = async (n: number) => {
    const batch = Array.from({ length: n }, (_, i) =>
      createClient({ endpoint: run.server.endpoint, writer: false, applyEdits: false, applyPresence: false, name: `watcher ${open.length + i}`, counters }),
    );
    open.push(...batch);
    await Promise.all(batch.map((c) => c.synced));
  };
  try {
    await connect(1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const base = await read(pid, output);
    const baseRss = rssKb(pid);
    const baseKinds = residentByKind(pid);
    const cpu0 = cpuMs(pid);
    for (let left = clients - 1; left > 0; left -= batchSize) await connect(Math.min(batchSize, left));
    // Presence settles (every client's first state reaches the server and is relayed).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const afterRss = rssKb(pid);
    const joinCpuMs = cpuMs(pid) - cpu0;
    const after = await read(pid, output);
    const n = clients - 1;
    const per = (key: keyof Omit<Reading, 'snapshot'>) => ((after[key] - base[key]) / n).toFixed(1);
    console.log(`server memory per connection, ${n} connections (KB):`);
    console.log(`  RSS growth, no GC (the conference table's figure): ${((afterRss - baseRss) / n).toFixed(1)}`);
    console.log(`  RSS growth after a full GC:                        ${per('rssKb')}`);
    console.log(`  heapUsed after a full GC (heapTotal):              ${per('heapUsedKb')} (${per('heapTotalKb')})`);
    console.log(`  external (of it arrayBuffers):                     ${per('externalKb')} (${per('arrayBuffersKb')})`);
    const afterKinds = residentByKind(pid);
    const byKind = [...afterKinds].map(([kind, kb]) => `${kind} ${((kb - (baseKinds.get(kind) ?? 0)) / n).toFixed(1)}`);
    console.log(`  of the RSS after the GC, by mapping:                 ${byKind.join(', ')}`);
    console.log(`  server CPU while they joined and presence settled: ${joinCpuMs.toFixed(0)} ms`);
    console.log(`  closes seen by clients: ${JSON.stringify(counters.closes)}`);
    if (base.snapshot && after.snapshot) printSnapshotDiff(base.snapshot, after.snapshot, n);
  } finally {
    for (const c of open) c.destroy();
    await run.server.stop();
    if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  }
}

if (isEntry(import.meta.url)) {
  await runConnMemoryProbe();
  process.exit(0);
}
