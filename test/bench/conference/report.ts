/**
 * The conference bench's one table: a row per figure, a column per server, and the ratios Draftroom ÷
 * Hocuspocus and Draftroom ÷ y-websocket where both ran, with the setup and the machine's load around it.
 */
import { cpus, loadavg } from 'node:os';
import { table } from '../measure.ts';
import type { ConferenceConfig } from './config.ts';
import type { LogReplayResult } from './log-replay.ts';
import { ServerName, type ServerLoopDelay } from './protocol.ts';
import type { ServerResult } from './scenario.ts';

/** A figure: a number per server (ratios computed), or text. */
interface Row {
  label: string;
  value(result: ServerResult): number | string | null;
  digits?: number;
  /** A count to read as it is, not to divide (presence states). */
  noRatio?: boolean;
}

const headers: Record<ServerName, string> = { draftroom: 'Draftroom', hocuspocus: 'Hocuspocus 4', ywebsocket: 'y-websocket 1.5' };

function format(value: number | string | null, digits = 0): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return 'n/a';
  if (value === Infinity) return 'not seen';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(a: number | string | null | undefined, b: number | string | null | undefined): string {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '';
  return (a / b).toFixed(2);
}

/** A server's event-loop delay as one cell: p50 / p99 / max, ms (1 ms timers: an idle loop reads about 1). */
function serverLoopText(delay: ServerLoopDelay | null): string {
  if (delay === null) return 'no answer';
  return [delay.p50Ms, delay.p99Ms, delay.maxMs].map((ms) => format(ms, 1)).join(' / ');
}

function rows(config: ConferenceConfig, replay: LogReplayResult | null): Row[] {
  const list: Row[] = [];
  config.rates.forEach((rate, i) => {
    const phase = (r: ServerResult) => r.phases[i] ?? null;
    const at = `${rate} edit/s`;
    list.push(
      { label: `${at}: edit latency p50 (ms)`, value: (r) => phase(r)?.latency.p50 ?? null },
      { label: `${at}: edit latency p99 (ms)`, value: (r) => phase(r)?.latency.p99 ?? null },
      { label: `${at}: delivered within 2 s (%)`, value: (r) => (phase(r)?.latency.withinShare ?? NaN) * 100, digits: 1 },
      { label: `${at}: edits sent per s (target ${config.writers * rate})`, value: (r) => phase(r)?.editsPerSecond ?? null },
      { label: `${at}: server CPU per edit (ms)`, value: (r) => { const p = phase(r); return p ? p.serverCpuMs / Math.max(1, p.latency.editsSeenByAll) : null; }, digits: 2 },
      { label: `${at}: server CPU (% of a core)`, value: (r) => { const p = phase(r); return p ? (p.serverCpuMs / p.wallMs) * 100 : null; } },
      { label: `${at}: messages sent per s`, value: (r) => phase(r)?.framesPerSecond ?? null },
      { label: `${at}: sample's event-loop delay p99 / max (ms)`, value: (r) => { const p = phase(r); return p ? `${format(p.sampleLoopDelay.p99Ms)} / ${format(p.sampleLoopDelay.maxMs)}` : null; } },
      { label: `${at}: server's event-loop delay p50 / p99 / max (ms)`, value: (r) => { const p = phase(r); return p ? serverLoopText(p.serverLoopDelay) : null; } },
      { label: `${at}: client CPU, all / sample (% of a core)`, value: (r) => { const p = phase(r); return p ? `${format(p.clientsCpuPct)} / ${format(p.sampleCpuPct)}` : null; } },
    );
  });
  list.push(
    { label: `join: ${config.clients - 1} clients at once, wall (s)`, value: (r) => (r.join.synced === r.join.clients ? r.join.wallMs / 1000 : `${r.join.synced}/${r.join.clients} synced`), digits: 2 },
    { label: 'join: server CPU (s)', value: (r) => r.join.serverCpuMs / 1000, digits: 2 },
    { label: "join: server's event-loop delay p50 / p99 / max (ms)", value: (r) => serverLoopText(r.join.serverLoopDelay) },
    ...joinUnderLoadRows(config),
    { label: `idle: messages sent per s (${config.idleSeconds} s window)`, value: (r) => r.idle.framesPerSecond },
    { label: 'idle: server CPU (% of a core)', value: (r) => r.idle.serverCpuPct, digits: 1 },
    { label: 'server memory per connection (KB, RSS growth from 1 client after a GC)', value: (r) => r.memory.perConnectionKb, digits: 1 },
    { label: '  same, RSS after a full GC at both ends (KB)', value: (r) => r.memory.gcRssPerConnectionKb, digits: 1 },
    { label: '  of it live JS heap after a full GC (KB)', value: (r) => r.memory.heapPerConnectionKb, digits: 1 },
    { label: `server RSS: 1 client / ${config.clients} / peak (MB)`, value: (r) => [r.memory.baseKb, r.memory.afterKb, r.memory.peakKb].map((kb) => format(kb / 1024)).join(' / ') },
  );
  if (replay) {
    list.push({
      label: `first sync: ${format(replay.updates)}-update log ÷ snapshot`,
      value: (r) => (r.name === ServerName.draftroom ? replay.fromLogMs / replay.fromSnapshotMs : null),
      digits: 2,
    });
  }
  list.push(
    { label: 'converged', value: (r) => (r.converged.ok ? 'yes' : 'WARNING: no') },
    { label: `presence states a sample client holds (of ${config.clients})`, value: (r) => r.presence, noRatio: true },
    { label: 'sockets closed (code × count)', value: (r) => Object.entries(r.closes).map(([code, n]) => `${code}×${n}`).join(' ') || 'none' },
  );
  return list;
}

function joinUnderLoadRows(config: ConferenceConfig): Row[] {
  if (config.joinLoadRate <= 0) return [];
  const j = (r: ServerResult) => r.joinUnderLoad;
  const at = `join under load (${config.writers} writers × ${config.joinLoadRate} edit/s)`;
  return [
    {
      label: `${at}: ${config.clients - config.writers - config.sample} observers, wall (s)`,
      value: (r) => { const u = j(r); return u === null ? null : u.synced === u.joiners ? u.wallMs / 1000 : `${u.synced}/${u.joiners} synced`; },
      digits: 2,
    },
    { label: `${at}: server CPU (s)`, value: (r) => (j(r)?.serverCpuMs ?? NaN) / 1000, digits: 2 },
    { label: `${at}: server's event-loop delay p50 / p99 / max (ms)`, value: (r) => { const u = j(r); return u ? serverLoopText(u.serverLoopDelay) : null; } },
    { label: `${at}: writers' edit latency p50 (ms)`, value: (r) => j(r)?.latency.p50 ?? null },
    { label: `${at}: writers' edit latency p99 (ms)`, value: (r) => j(r)?.latency.p99 ?? null },
    { label: `${at}: edits timed (sent during the join)`, value: (r) => j(r)?.latency.edits ?? null, noRatio: true },
  ];
}

/** Prints the table for `results` (in run order) and the notes around it. */
export function printReport(config: ConferenceConfig, results: readonly ServerResult[], replay: LogReplayResult | null, loadAtStart: number[]): void {
  const byName = new Map(results.map((r) => [r.name, r]));
  const draftroom = byName.get(ServerName.draftroom);
  const peers = [ServerName.hocuspocus, ServerName.ywebsocket].filter((n) => draftroom && byName.has(n));
  const header = ['figure', ...results.map((r) => headers[r.name as ServerName] ?? r.name), ...peers.map((p) => `D ÷ ${p === ServerName.hocuspocus ? 'H' : 'Y'}`)];
  const body = rows(config, replay).map((row) => [
    row.label,
    ...results.map((r) => format(row.value(r), row.digits)),
    ...peers.map((p) => (draftroom && !row.noRatio ? ratio(row.value(draftroom), row.value(byName.get(p) as ServerResult)) : '')),
  ]);
  const loadEnd = loadavg();
  console.log(`\nConference: ${config.clients} clients in one 300-paragraph text (${config.writers} writers, ${config.clients - config.writers} watchers), ` +
    `${config.seconds} s of typing per rate, on loopback`);
  console.log(`Same Yjs bytes on every server (Draftroom's import, read back and seeded into the peers). Clients in ${config.loadProcesses + 1} ` +
    `child processes: ${config.sample} sample watchers (apply every edit and time it; the first also applies everyone's presence) in one, ` +
    `the writers and the other watchers in ${config.loadProcesses} (light: same provider, handshake and presence, others' updates and presence ` +
    `counted, not applied; writers type into the text they joined with; at nice 10). ` +
    `Servers and clients share this machine's ${cpus().length} cores.\n`);
  console.log(table(header, body));
  for (const r of results) if (!r.converged.ok) console.log(`WARNING ${headers[r.name as ServerName]}: clients did not converge: ${r.converged.detail}`);
  for (const r of results) {
    r.phases.forEach((p) => {
      if (!p.drained) console.log(`note ${headers[r.name as ServerName]} at ${p.rate} edit/s: the sample had not seen every edit ${config.drainSeconds} s after typing stopped`);
    });
  }
  for (const r of results) {
    const u = r.joinUnderLoad;
    if (u && !u.typedThroughJoin) console.log(`note ${headers[r.name as ServerName]}: the join under load outlasted the typing; its latency covers the edits typed until then`);
    if (u && !u.drained) console.log(`note ${headers[r.name as ServerName]}: after the join under load the sample had not seen every edit ${config.drainSeconds} s after typing stopped`);
  }
  if (replay) {
    console.log(`\nfirst sync (Draftroom): ${format(replay.fromLogMs)} ms from a log of ${format(replay.updates)} updates ` +
      `(${replay.logRows === null ? '?' : format(replay.logRows)} rows, written in ${format(replay.writeMs / 1000, 1)} s), ` +
      `${format(replay.fromSnapshotMs)} ms from the snapshot; same text: ${replay.sameText ? 'yes' : 'NO'}`);
  }
  const during = results.map((r) => `${headers[r.name as ServerName]} ${r.load.min.toFixed(2)}–${r.load.max.toFixed(2)}`).join(', ');
  console.log(`load average (1 min): ${loadAtStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadEnd.map((l) => l.toFixed(2)).join(' ')} at end; during each server's run: ${during}`);
}
