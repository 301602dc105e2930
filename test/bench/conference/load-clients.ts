/**
 * A client process of the conference bench (forked by client-pool.ts): it holds part of the simulated
 * people, answers the orchestrator's commands (protocol.ts) over IPC, types for its writers and, when its
 * clients are the latency sample, records when each edit becomes visible to them. Sample clients apply
 * every edit; only the first of them also applies everyone's presence (a check that presence arrives),
 * the rest count it: their event loop stays free to timestamp edits.
 */
import { setPriority } from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import * as Y from 'yjs';
import { readOrder } from '../../../shared/model/negotiation-doc.ts';
import { createClient, type SimClient } from './client-kinds.ts';
import { wallNow, type Commands, type CommandName, type Counters, type ProcessSetup, type Reply, type Request, type Visibility, type WriterLog } from './protocol.ts';
import { digestDoc, paragraphXmlText } from './seed.ts';

// Every y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);
const setup = JSON.parse(process.argv[2] ?? '{}') as ProcessSetup;
if (setup.nice !== 0) setPriority(setup.nice);
const counters: Counters = { frames: 0, bytes: 0, closes: {} };
const writers: SimClient[] = [];
const watchers: SimClient[] = [];
const visibility = new Map<SimClient, Visibility>();
let recording = false;
let loopDelay: IntervalHistogram | null = null;
const letters = 'abcdefghijklmnopqrstuvwxyz';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clientName(kind: string, index: number): string {
  return `${setup.label} ${kind} ${index + 1}`;
}

/** Records, for a full watcher, the clock each client reached after every transaction, and when. */
function recordVisibility(client: SimClient): void {
  const seen: Visibility = {};
  visibility.set(client, seen);
  client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!recording) return;
    const at = wallNow();
    transaction.afterState.forEach((clock, id) => {
      if (clock > (transaction.beforeState.get(id) ?? 0)) (seen[id] ??= []).push(clock, at);
    });
  });
}

async function connect({ writers: w, watchers: v, timeoutMs }: Commands['connect']['args']): Promise<Commands['connect']['result']> {
  const fresh: SimClient[] = [];
  for (let i = 0; i < w; i++) {
    fresh.push(createClient({ endpoint: setup.endpoint, writer: true, applyEdits: setup.full, applyPresence: false, name: clientName('writer', writers.length), counters }));
  }
  writers.push(...fresh);
  for (let i = 0; i < v; i++) {
    const applyPresence = setup.full && watchers.length === 0;
    const client = createClient({ endpoint: setup.endpoint, writer: false, applyEdits: setup.full, applyPresence, name: clientName('watcher', watchers.length), counters });
    if (setup.full) recordVisibility(client);
    watchers.push(client);
    fresh.push(client);
  }
  let synced = 0;
  let lastSyncedAt = 0;
  const all = Promise.all(fresh.map((c) => c.synced.then((at) => {
    synced++;
    lastSyncedAt = Math.max(lastSyncedAt, at);
  })));
  await Promise.race([all, sleep(timeoutMs)]);
  return { synced, opened: fresh.length, lastSyncedAt };
}

/** One edit: a letter at a random place of a random paragraph, the caret moved just after it. */
function typeOne(writer: SimClient, ids: readonly string[], log: WriterLog): void {
  const id = ids[Math.floor(Math.random() * ids.length)] as string;
  const text = paragraphXmlText(writer.doc, id);
  if (!text) return;
  const index = Math.floor(Math.random() * (text.length + 1));
  const clock = Y.getState(writer.doc.store, writer.doc.clientID);
  const at = wallNow();
  text.insert(index, letters[Math.floor(Math.random() * letters.length)] as string);
  log.clocks.push(clock);
  log.times.push(at);
  const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index + 1));
  writer.awareness.setLocalState({ ...writer.awareness.getLocalState(), paragraphId: id, editing: true, cursor: { anchor: caret, head: caret } });
}

async function type({ rate, seconds }: Commands['type']['args']): Promise<WriterLog[]> {
  const period = 1000 / rate;
  const start = performance.now() + 20;
  const end = start + seconds * 1000;
  return Promise.all(writers.map((writer) => new Promise<WriterLog>((resolve) => {
    const log: WriterLog = { client: writer.doc.clientID, clocks: [], times: [] };
    const ids = readOrder(writer.doc);
    const offset = Math.random() * period;
    let k = 0;
    const tick = () => {
      typeOne(writer, ids, log);
      log.client = writer.doc.clientID;
      k++;
      const due = start + offset + k * period;
      if (due >= end) resolve(log);
      else setTimeout(tick, Math.max(0, due - performance.now()));
    };
    if (ids.length === 0) resolve(log);
    else setTimeout(tick, Math.max(0, start + offset - performance.now()));
  })));
}

async function drain({ expected, timeoutMs }: Commands['drain']['args']): Promise<Commands['drain']['result']> {
  const started = performance.now();
  const behind = () => watchers.some((w) => expected.some(([client, clock]) => Y.getState(w.doc.store, client) < clock));
  while (behind() && performance.now() - started < timeoutMs) await sleep(50);
  return { complete: !behind(), waitedMs: performance.now() - started };
}

async function digest({ timeoutMs }: Commands['digest']['args']): Promise<Commands['digest']['result']> {
  const presence = watchers[0] && setup.full ? watchers[0].awareness.getStates().size : null;
  const late = createClient({ endpoint: setup.endpoint, writer: false, applyEdits: true, applyPresence: false, name: clientName('late joiner', 0), counters });
  const joined = await Promise.race([late.synced.then(() => true), sleep(timeoutMs).then(() => false)]);
  const result = { watchers: watchers.map((w) => digestDoc(w.doc)), lateJoiner: joined ? digestDoc(late.doc) : null, presence };
  late.destroy();
  return result;
}

const handlers: { [K in CommandName]: (args: Commands[K]['args']) => Promise<Commands[K]['result']> | Commands[K]['result'] } = {
  connect,
  leave: () => {
    const closing = watchers.splice(0);
    for (const client of closing) {
      visibility.delete(client);
      client.destroy();
    }
    return { closed: closing.length };
  },
  prepare: () => {
    for (const writer of writers) writer.loadJoinedText();
    return { writers: writers.length };
  },
  counters: () => ({ frames: counters.frames, bytes: counters.bytes, closes: { ...counters.closes } }),
  type,
  record: ({ on }) => {
    if (on) for (const seen of visibility.values()) for (const key of Object.keys(seen)) delete seen[key];
    recording = on;
    loopDelay?.disable();
    const delay = { p99Ms: (loopDelay?.percentile(99) ?? 0) / 1e6, maxMs: (loopDelay?.max ?? 0) / 1e6 };
    loopDelay = on ? monitorEventLoopDelay({ resolution: 5 }) : null;
    loopDelay?.enable();
    return delay;
  },
  visibility: () => [...visibility.values()],
  drain,
  digest,
  stop: () => {
    for (const client of [...writers, ...watchers]) client.destroy();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
};

process.on('message', (request: Request) => {
  const reply = (message: Reply) => process.send?.(message);
  const handler = handlers[request.op] as (args: unknown) => unknown;
  Promise.resolve()
    .then(() => handler(request.args))
    .then((result) => reply({ id: request.id, ok: true, result }))
    .catch((error: unknown) => reply({ id: request.id, ok: false, error: String((error as Error)?.stack ?? error) }));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true } satisfies Reply);
