/**
 * Joining while the room works: the light observers leave, then, while every writer types (at CONF_JOIN_RATE
 * edits a second), they all join again at once. Measured: how long until the last of them is synced, and the
 * writers' edit latency (as the latency sample sees it) for the edits sent while they joined, from the first
 * connect until the last of them was synced. The typing starts a few seconds before the join (the room is
 * at its steady state when the join hits it) and goes on past it.
 */
import { settle, type ClientProcess } from './client-pool.ts';
import type { ConferenceConfig } from './config.ts';
import { finalClocks, summarizeLatency, type LatencySummary } from './latency.ts';
import type { BenchServer } from './peer-process.ts';
import { cpuMs, readLoopDelay } from './proc-stats.ts';
import { wallNow, type ServerLoopDelay, type WriterLog } from './protocol.ts';

/** What the join under load measured. */
export interface JoinUnderLoadResult {
  rate: number;
  /** Observers that joined, and those synced within the deadline. */
  joiners: number;
  synced: number;
  /** From the first connect until the last joiner was synced. */
  wallMs: number;
  /** Server CPU from the first connect until the last joiner was synced (the writers' edits included). */
  serverCpuMs: number;
  /** How late the server's event loop ran from the first connect until the last joiner was synced (null: no answer). */
  serverLoopDelay: ServerLoopDelay | null;
  /** The writers' edits sent during the join, as the sample saw them. */
  latency: LatencySummary;
  /** False when the typing stopped before the last joiner was synced (the window is cut at the typing's end). */
  typedThroughJoin: boolean;
  drained: boolean;
}

/** Typing before the join starts (the room reaches its steady state first). */
const leadMs = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `logs` reduced to the edits sent between `from` and `to` (epoch ms). */
export function logsWithin(logs: readonly WriterLog[], from: number, to: number): WriterLog[] {
  return logs.map((log) => {
    const picked: WriterLog = { client: log.client, clocks: [], times: [] };
    log.times.forEach((at, i) => {
      if (at < from || at > to) return;
      picked.clocks.push(log.clocks[i] as number);
      picked.times.push(at);
    });
    return picked;
  });
}

/** Runs the join under load on `server`; `load` holds the writers and the light observers. */
export async function joinUnderLoad(server: BenchServer, config: ConferenceConfig, rate: number, probe: ClientProcess, load: readonly ClientProcess[]): Promise<{ result: JoinUnderLoadResult; logs: WriterLog[] }> {
  const everyone = [probe, ...load];
  const left = (await Promise.all(load.map((p) => p.call('leave', {})))).map((l) => l.closed);
  await settle(everyone, config.clients, 15_000);
  await probe.call('record', { on: true });
  // The quiet join's deadline; the typing lasts CONF_SECONDS (a slower join is measured over the typing it overlaps).
  const joinDeadlineMs = 60_000;
  const typing = Promise.all(load.map((p) => p.call('type', { rate, seconds: config.seconds }, config.seconds * 1000 + joinDeadlineMs + 60_000)));
  await sleep(leadMs);
  // Restarts the server's count: what it reads next covers the join only.
  await readLoopDelay(server.pid, server.output);
  const cpu0 = cpuMs(server.pid);
  const joinStart = wallNow();
  const joins = await Promise.all(load.map((p, i) => p.call('connect', { writers: 0, watchers: left[i] as number, timeoutMs: joinDeadlineMs }, joinDeadlineMs + 30_000)));
  const serverCpuMs = cpuMs(server.pid) - cpu0;
  const serverLoopDelay = await readLoopDelay(server.pid, server.output);
  const synced = joins.reduce((n, j) => n + j.synced, 0);
  const joinEnd = Math.max(...joins.map((j) => j.lastSyncedAt));
  const logs = (await typing).flat();
  const typingEnd = Math.max(0, ...logs.map((log) => log.times[log.times.length - 1] ?? 0));
  const drain = await probe.call('drain', { expected: finalClocks(logs), timeoutMs: config.drainSeconds * 1000 }, config.drainSeconds * 1000 + 30_000);
  await probe.call('record', { on: false });
  const visibility = await probe.call('visibility', {});
  return {
    logs,
    result: {
      rate,
      joiners: left.reduce((a, b) => a + b, 0),
      synced,
      wallMs: joinEnd - joinStart,
      serverCpuMs,
      serverLoopDelay,
      latency: summarizeLatency(logsWithin(logs, joinStart, joinEnd), visibility, config.onTimeMs),
      typedThroughJoin: typingEnd >= joinEnd,
      drained: drain.complete,
    },
  };
}
