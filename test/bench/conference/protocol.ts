/**
 * What the bench's processes say to each other: the servers under test, where clients connect, and the
 * commands the orchestrator sends its client processes over IPC with the answer each one gets.
 */

/** The servers the bench drives. */
export const ServerName = { draftroom: 'draftroom', hocuspocus: 'hocuspocus', ywebsocket: 'ywebsocket' } as const;

/** One of ServerName's values. */
export type ServerName = (typeof ServerName)[keyof typeof ServerName];

/** Where and how clients connect: the y-websocket protocol (Draftroom, the reference server) or Hocuspocus's. */
export type Endpoint =
  | { protocol: 'y-websocket'; url: string; room: string; writerParams: Record<string, string>; watcherParams: Record<string, string> }
  | { protocol: 'hocuspocus'; url: string; room: string };

/** A client process's setup, passed as its argument. */
export interface ProcessSetup {
  endpoint: Endpoint;
  /** The latency sample: its clients apply every edit (the first also everyone's presence); light ones count them. */
  full: boolean;
  /** Prefix of the names its clients show in presence. */
  label: string;
  /** The process's niceness (0 normal; the load runs at 10 so the server and the sample are not starved by it). */
  nice: number;
}

/** Frames the process's clients received, and how their sockets closed. */
export interface Counters {
  frames: number;
  bytes: number;
  /** Close codes seen by the process's clients, with how often. */
  closes: Record<string, number>;
}

/** How late the process's event loop ran timers while recording (perf_hooks' event-loop delay), ms. */
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

/** How late a server's event loop ran over a window, as mem-probe.mjs reports it (1 ms timers: an idle loop reads about 1), ms. */
export interface ServerLoopDelay extends LoopDelay {
  p50Ms: number;
}

/** One writer's edits: its Yjs client id, and for each edit the clock of the inserted character and when it was sent (epoch ms). */
export interface WriterLog {
  client: number;
  clocks: number[];
  times: number[];
}

/** What one full watcher saw: per client id, pairs [clock reached, epoch ms] in the order they became visible. */
export type Visibility = Record<string, number[]>;

/** A document digest (see seed.ts). */
export interface Digest {
  hash: string;
  textLength: number;
  paragraphs: number;
}

/** The commands, each with its arguments and what it answers. */
export interface Commands {
  /** Opens this many more clients; answers once all are synced (or the timeout passed). */
  connect: { args: { writers: number; watchers: number; timeoutMs: number }; result: { synced: number; opened: number; lastSyncedAt: number } };
  /** Closes every watcher of this process (a light process: its observers leave); answers how many it closed. */
  leave: { args: Record<string, never>; result: { closed: number } };
  /** Writers load the text they received when they joined (kept aside so joining measures the server only). */
  prepare: { args: Record<string, never>; result: { writers: number } };
  counters: { args: Record<string, never>; result: Counters };
  /** Every writer types `rate` edits a second for `seconds`; answers with what each sent. */
  type: { args: { rate: number; seconds: number }; result: WriterLog[] };
  /** Full watchers start (clearing what they had) or stop recording when edits become visible. */
  record: { args: { on: boolean }; result: LoopDelay };
  /** What each full watcher recorded. */
  visibility: { args: Record<string, never>; result: Visibility[] };
  /** Waits until every full watcher has every client's clock at least `expected` ([client, clock] pairs). */
  drain: { args: { expected: [number, number][]; timeoutMs: number }; result: { complete: boolean; waitedMs: number } };
  /** Digests of the full watchers' documents and of a fresh client that joins now; presence states the first watcher holds. */
  digest: { args: { timeoutMs: number }; result: { watchers: Digest[]; lateJoiner: Digest | null; presence: number | null } };
  stop: { args: Record<string, never>; result: Record<string, never> };
}

/** A command's name. */
export type CommandName = keyof Commands;

/** A request over IPC. */
export interface Request<K extends CommandName = CommandName> {
  id: number;
  op: K;
  args: Commands[K]['args'];
}

/** An answer over IPC; `ready` is sent once when the process has loaded. */
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string } | { ready: true };

/** Now as epoch milliseconds with sub-millisecond resolution, comparable across the bench's processes. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}
