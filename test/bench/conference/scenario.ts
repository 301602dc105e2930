/**
 * One server's run of the conference: a baseline client, everyone else joining at once, presence settling,
 * an idle window, then one typing phase per rate, and a convergence check. Clients live in forked processes
 * (client-pool.ts): the latency sample (full clients) in one of its own so that the load's event loops do not
 * delay what it measures, the writers and the other watchers (light clients) shared among the others, which
 * run at a lower priority (nice 10) so that on this shared machine they take the CPU the server and the
 * sample leave, not the other way round.
 */
import { forkClients, settle, sumCounters, type ClientProcess } from './client-pool.ts';
import type { ConferenceConfig } from './config.ts';
import { finalClocks, summarizeLatency, type LatencySummary } from './latency.ts';
import { joinUnderLoad, type JoinUnderLoadResult } from './join-under-load.ts';
import type { BenchServer } from './peer-process.ts';
import { cpuMs, readHeap, readLoopDelay, rssKb, startSampler } from './proc-stats.ts';
import type { Digest, LoopDelay, ServerLoopDelay, WriterLog } from './protocol.ts';

/** One typing phase's figures. */
export interface PhaseResult {
  rate: number;
  latency: LatencySummary;
  /** Edits per second actually sent, all writers together. */
  editsPerSecond: number;
  serverCpuMs: number;
  /** Frames all clients received per second, from the first edit until the sample had them all. */
  framesPerSecond: number;
  /** CPU of the latency sample's process, and of all client processes together, in % of one core. */
  sampleCpuPct: number;
  clientsCpuPct: number;
  /** How late the sample's event loop ran (its own share of the latencies it measured). */
  sampleLoopDelay: LoopDelay;
  /** How late the server's event loop ran from the first edit until the sample had them all (null: no answer). */
  serverLoopDelay: ServerLoopDelay | null;
  drained: boolean;
  wallMs: number;
}

/** Everything measured on one server. */
export interface ServerResult {
  name: string;
  join: { clients: number; synced: number; wallMs: number; serverCpuMs: number; serverLoopDelay: ServerLoopDelay | null };
  memory: { baseKb: number; afterKb: number; perConnectionKb: number; peakKb: number; heapPerConnectionKb: number | null; gcRssPerConnectionKb: number | null };
  idle: { framesPerSecond: number; serverCpuPct: number };
  phases: PhaseResult[];
  /** The observers joining again while the writers type (null when skipped). */
  joinUnderLoad: JoinUnderLoadResult | null;
  converged: { ok: boolean; detail: string };
  /** Presence states the sample's first client held at the end (everyone's, its own included), or null. */
  presence: number | null;
  closes: Record<string, number>;
  load: { min: number; max: number };
}

/** Niceness of the load processes: under contention the server and the sample get the CPU first. */
const loadNice = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (name: string, what: string) => process.stderr.write(`  [conference ${name}] ${what}\n`);

/** `total` split into `parts` near-equal whole numbers. */
function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

function checkConvergence(digests: { watchers: Digest[]; lateJoiner: Digest | null }, expectedLength: number): { ok: boolean; detail: string } {
  const { watchers, lateJoiner } = digests;
  const lengths = watchers.map((d) => d.textLength);
  const held = `sample copies hold ${Math.min(...lengths)}–${Math.max(...lengths)} of ${expectedLength} characters`;
  if (!lateJoiner) return { ok: false, detail: `a late joiner did not sync in 30 s; ${held}` };
  const differing = watchers.filter((d) => d.hash !== lateJoiner.hash).length;
  if (differing > 0) return { ok: false, detail: `${differing} of ${watchers.length} sample copies differ from a late joiner's` };
  if (lateJoiner.textLength !== expectedLength) {
    return { ok: false, detail: `text holds ${lateJoiner.textLength} characters, expected ${expectedLength} (${expectedLength - lateJoiner.textLength} edits missing)` };
  }
  return { ok: true, detail: `${watchers.length} sample copies and a late joiner identical, every edit present` };
}

async function typingPhase(server: BenchServer, config: ConferenceConfig, rate: number, probe: ClientProcess, load: readonly ClientProcess[]): Promise<{ result: PhaseResult; logs: WriterLog[] }> {
  const everyone = [probe, ...load];
  await probe.call('record', { on: true });
  const cpu0 = cpuMs(server.pid);
  const clientCpu0 = everyone.map((p) => cpuMs(p.pid));
  const frames0 = (await sumCounters(everyone)).frames;
  // Restarts the server's count: what it reads next covers this phase only.
  await readLoopDelay(server.pid, server.output);
  const started = performance.now();
  // A machine busy with other work makes the load processes (nice 10) type late: a generous deadline, not a lost run.
  const logs = (await Promise.all(load.map((p) => p.call('type', { rate, seconds: config.seconds }, config.seconds * 4000 + 60_000)))).flat();
  const typedMs = performance.now() - started;
  const drain = await probe.call('drain', { expected: finalClocks(logs), timeoutMs: config.drainSeconds * 1000 }, config.drainSeconds * 1000 + 30_000);
  const wallMs = performance.now() - started;
  const serverCpuMs = cpuMs(server.pid) - cpu0;
  const serverLoopDelay = await readLoopDelay(server.pid, server.output);
  const clientCpu = everyone.map((p, i) => cpuMs(p.pid) - (clientCpu0[i] as number));
  const frames = (await sumCounters(everyone)).frames - frames0;
  const sampleLoopDelay = await probe.call('record', { on: false });
  const latency = summarizeLatency(logs, await probe.call('visibility', {}), config.onTimeMs);
  return {
    logs,
    result: {
      rate,
      latency,
      editsPerSecond: latency.edits / (typedMs / 1000),
      serverCpuMs,
      framesPerSecond: frames / (wallMs / 1000),
      sampleCpuPct: ((clientCpu[0] as number) / wallMs) * 100,
      clientsCpuPct: (clientCpu.reduce((a, b) => a + b, 0) / wallMs) * 100,
      sampleLoopDelay,
      serverLoopDelay,
      drained: drain.complete,
      wallMs,
    },
  };
}

/** Runs the conference against `server`, whose document holds text of `seedTextLength` characters. */
export async function runScenario(server: BenchServer, config: ConferenceConfig, seedTextLength: number): Promise<ServerResult> {
  const { name } = server;
  const sampler = startSampler(server.pid);
  const loadWatchers = config.clients - config.writers - config.sample;
  const processes: ClientProcess[] = [];
  try {
    processes.push(await forkClients({ endpoint: server.endpoint, full: true, label: 'sample', nice: 0 }));
    for (let i = 0; i < config.loadProcesses; i++) processes.push(await forkClients({ endpoint: server.endpoint, full: false, label: `load${i + 1}`, nice: loadNice }));
    const [probe, ...load] = processes as [ClientProcess, ...ClientProcess[]];

    progress(name, 'baseline: one client');
    const first = await probe.call('connect', { writers: 0, watchers: 1, timeoutMs: 30_000 });
    if (first.synced !== 1) throw new Error(`${name}: the first client did not sync`);
    await sleep(1500);
    // The baseline after a full GC (what starting up and loading the document left behind is not counted).
    const baseHeap = await readHeap(server.pid, server.output);
    const baseKb = rssKb(server.pid);

    progress(name, `${config.clients - 1} clients join at once`);
    const writerShares = split(config.writers, load.length);
    const watcherShares = split(loadWatchers, load.length);
    await readLoopDelay(server.pid, server.output);
    const joinCpu0 = cpuMs(server.pid);
    const joinStart = performance.timeOrigin + performance.now();
    const joins = await Promise.all([
      probe.call('connect', { writers: 0, watchers: config.sample - 1, timeoutMs: 60_000 }),
      ...load.map((p, i) => p.call('connect', { writers: writerShares[i] as number, watchers: watcherShares[i] as number, timeoutMs: 60_000 })),
    ]);
    const joined = joins.reduce((n, j) => n + j.synced, 0);
    const join = {
      clients: config.clients - 1,
      synced: joined,
      wallMs: Math.max(...joins.map((j) => j.lastSyncedAt)) - joinStart,
      serverCpuMs: cpuMs(server.pid) - joinCpu0,
      serverLoopDelay: await readLoopDelay(server.pid, server.output),
    };

    progress(name, 'presence settles');
    await settle(processes, config.clients, 15_000);
    const afterKb = rssKb(server.pid);
    const afterHeap = await readHeap(server.pid, server.output);
    const perConnection = (before: number | undefined, after: number | undefined) => (before === undefined || after === undefined ? null : (after - before) / (config.clients - 1));

    progress(name, `idle for ${config.idleSeconds} s`);
    const idleFrames0 = (await sumCounters(processes)).frames;
    const idleCpu0 = cpuMs(server.pid);
    const idleStart = performance.now();
    await sleep(config.idleSeconds * 1000);
    const idleMs = performance.now() - idleStart;
    const idle = {
      framesPerSecond: ((await sumCounters(processes)).frames - idleFrames0) / (idleMs / 1000),
      serverCpuPct: ((cpuMs(server.pid) - idleCpu0) / idleMs) * 100,
    };

    await Promise.all(load.map((p) => p.call('prepare', {})));
    const phases: PhaseResult[] = [];
    const allLogs: WriterLog[] = [];
    for (const rate of config.rates) {
      progress(name, `${config.writers} writers type ${rate} edit(s)/s for ${config.seconds} s`);
      const { result, logs } = await typingPhase(server, config, rate, probe, load);
      phases.push(result);
      allLogs.push(...logs);
    }

    let underLoad: JoinUnderLoadResult | null = null;
    if (config.joinLoadRate > 0 && load.length > 0) {
      progress(name, `the observers leave, then join again while ${config.writers} writers type ${config.joinLoadRate} edit(s)/s`);
      const { result, logs } = await joinUnderLoad(server, config, config.joinLoadRate, probe, load);
      underLoad = result;
      allLogs.push(...logs);
    }

    progress(name, 'convergence check');
    const closes = (await sumCounters(processes)).closes;
    const last = new Map<number, number>();
    for (const [client, clock] of finalClocks(allLogs)) last.set(client, Math.max(last.get(client) ?? 0, clock));
    await probe.call('drain', { expected: [...last], timeoutMs: config.drainSeconds * 2000 }, config.drainSeconds * 2000 + 30_000);
    const edits = allLogs.reduce((n, log) => n + log.clocks.length, 0);
    const digests = await probe.call('digest', { timeoutMs: 30_000 });
    const converged = checkConvergence(digests, seedTextLength + edits);
    const summary = sampler.stop();
    return {
      name,
      join,
      memory: {
        baseKb,
        afterKb,
        perConnectionKb: (afterKb - baseKb) / (config.clients - 1),
        peakKb: summary.peakRssKb,
        heapPerConnectionKb: perConnection(baseHeap?.heapUsedKb, afterHeap?.heapUsedKb),
        gcRssPerConnectionKb: perConnection(baseHeap?.rssKb, afterHeap?.rssKb),
      },
      idle,
      phases,
      joinUnderLoad: underLoad,
      converged,
      presence: digests.presence,
      closes,
      load: { min: summary.loadMin, max: summary.loadMax },
    };
  } finally {
    sampler.stop();
    await Promise.all(processes.map((p) => p.stop()));
  }
}
