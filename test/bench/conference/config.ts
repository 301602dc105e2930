/**
 * The conference bench's knobs, read from the environment (CONF_*), with the sizes of issue 7 as defaults.
 */
import { ServerName } from './protocol.ts';

/** What one run of the conference bench does. */
export interface ConferenceConfig {
  servers: ServerName[];
  /** People in the room, of whom `writers` type and the rest watch. */
  clients: number;
  writers: number;
  /** Watchers that apply everything and time each edit (in a process of their own). */
  sample: number;
  /** Processes sharing the writers and the other watchers. */
  loadProcesses: number;
  /** Edits per second per writer, one typing phase each, `seconds` long. */
  rates: number[];
  seconds: number;
  /** Longest wait after a phase for the sample to see every edit. */
  drainSeconds: number;
  /** Length of the idle window: one awareness renewal period (15 s) counts every client's renewal once. */
  idleSeconds: number;
  /** Edits per second per writer while the observers join again (0 skips the join under load). */
  joinLoadRate: number;
  /** Updates in the stored log for the first-sync ratio (0 skips it). */
  logUpdates: number;
  /** An edit delivered within this is on time. */
  onTimeMs: number;
  /** When set, Draftroom runs with --cpu-prof into this folder and the top functions are printed. */
  cpuProfileDir: string | null;
  /** Extra node options for the Draftroom server (CONF_DRAFTROOM_NODE_ARGS, space-separated), to try a V8 setting side by side. */
  draftroomNodeArgs: string[];
}

function integer(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${raw}"`);
  return value;
}

/** Reads CONF_SERVERS, CONF_CLIENTS, CONF_WRITERS, CONF_SECONDS, CONF_SAMPLE, CONF_RATES, CONF_JOIN_RATE and the rest. */
export function readConfig(): ConferenceConfig {
  const known: readonly string[] = Object.values(ServerName);
  const servers = (process.env.CONF_SERVERS ?? Object.values(ServerName).join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = servers.filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`CONF_SERVERS: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  const clients = integer('CONF_CLIENTS', 500, 2);
  const writers = integer('CONF_WRITERS', Math.round(clients * 0.4), 1);
  if (writers >= clients) throw new Error('CONF_WRITERS must leave at least one watcher');
  const rates = (process.env.CONF_RATES ?? '1,3').split(',').map(Number);
  if (rates.some((r) => !(r > 0))) throw new Error('CONF_RATES: edits per second per writer, comma-separated');
  if (!(Number(process.env.CONF_JOIN_RATE || 1) >= 0)) throw new Error('CONF_JOIN_RATE: edits per second per writer during the join under load (0 skips it)');
  return {
    servers: servers as ServerName[],
    clients,
    writers,
    sample: Math.min(integer('CONF_SAMPLE', 20, 1), clients - writers),
    loadProcesses: integer('CONF_LOAD_PROCESSES', 2, 1),
    rates,
    seconds: integer('CONF_SECONDS', 12, 1),
    drainSeconds: integer('CONF_DRAIN_SECONDS', 10, 1),
    idleSeconds: integer('CONF_IDLE_SECONDS', 15, 1),
    joinLoadRate: Number(process.env.CONF_JOIN_RATE || 1),
    logUpdates: integer('CONF_LOG_UPDATES', 20_000, 0),
    onTimeMs: 2000,
    cpuProfileDir: process.env.CONF_CPU_PROF || null,
    draftroomNodeArgs: (process.env.CONF_DRAFTROOM_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
  };
}
