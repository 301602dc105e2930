/**
 * CPU time and resident memory of a process, read from /proc/<pid>/stat and /proc/<pid>/status (Linux), a
 * sampler that follows a server's peak memory and the machine's load average while a phase runs, and what a
 * server's mem-probe.mjs reports (its heap after a GC, its event-loop delay).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { ServerLoopDelay } from './protocol.ts';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100;

/** CPU time (user + system) process `pid` has used so far, in ms (10 ms resolution); NaN once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return NaN;
  }
}

/** Resident set size of process `pid` in KB (VmRSS); NaN once it is gone. */
export function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/** What a sampler saw between start and stop. */
export interface SampleSummary {
  /** Highest VmRSS of the server seen, KB. */
  peakRssKb: number;
  /** The 1-minute load average: lowest and highest seen. */
  loadMin: number;
  loadMax: number;
}

/** Samples `pid`'s memory and the load average every `everyMs` until stop() (which returns the summary). */
export function startSampler(pid: number, everyMs = 500): { stop(): SampleSummary } {
  const summary: SampleSummary = { peakRssKb: 0, loadMin: Infinity, loadMax: 0 };
  const sample = () => {
    const rss = rssKb(pid);
    if (Number.isFinite(rss)) summary.peakRssKb = Math.max(summary.peakRssKb, rss);
    const [load1] = loadavg();
    summary.loadMin = Math.min(summary.loadMin, load1 ?? 0);
    summary.loadMax = Math.max(summary.loadMax, load1 ?? 0);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return summary;
    },
  };
}

/** CPU ms that `pids` used while `work` ran, with the work's result. */
export async function cpuDuring<T>(pids: readonly number[], work: () => Promise<T>): Promise<{ result: T; cpu: number[]; wallMs: number }> {
  const before = pids.map(cpuMs);
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  return { result, cpu: pids.map((pid, i) => cpuMs(pid) - (before[i] as number)), wallMs };
}

/** Node options that load mem-probe.mjs into a server process (for readHeap and readLoopDelay). */
export const memProbeNodeArgs: readonly string[] = ['--expose-gc', '--import', new URL('./mem-probe.mjs', import.meta.url).pathname];

/** A server's live memory after a full collection, as mem-probe.mjs prints it. */
export interface HeapProbe {
  heapUsedKb: number;
  rssKb: number;
  externalKb: number;
}

/** Sends `signal` to `pid` and waits for the first whole line starting with `prefix` printed after it; its JSON, or null after 5 s. */
async function askProbe<T>(pid: number, output: () => string, signal: NodeJS.Signals, prefix: string): Promise<T | null> {
  const from = output().length;
  try {
    process.kill(pid, signal);
  } catch {
    return null;
  }
  const started = performance.now();
  while (performance.now() - started < 5000) {
    // Polled often: a reset that starts a window should not delay what it measures.
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The last piece may be a line still being written: only whole lines count.
    const line = output().slice(from).split('\n').slice(0, -1).find((l) => l.startsWith(prefix));
    if (line) return JSON.parse(line.slice(prefix.length)) as T;
  }
  return null;
}

/** Asks process `pid` (started with memProbeNodeArgs; `output` is what it printed so far) for its memory after a full GC; null when it does not answer in 5 s. */
export function readHeap(pid: number, output: () => string): Promise<HeapProbe | null> {
  return askProbe<HeapProbe>(pid, output, 'SIGUSR2', 'MEMPROBE ');
}

/** Asks process `pid` (started with memProbeNodeArgs) how late its event loop ran since the previous call (or its start), restarting the count; null when it does not answer in 5 s. */
export function readLoopDelay(pid: number, output: () => string): Promise<ServerLoopDelay | null> {
  return askProbe<ServerLoopDelay>(pid, output, 'SIGWINCH', 'LOOPPROBE ');
}
