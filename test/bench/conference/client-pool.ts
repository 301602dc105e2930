/**
 * The orchestrator's side of the client processes: forks load-clients.ts (with tsx) for a setup, sends it
 * commands and awaits the answers; every command has a deadline so a stuck process cannot hang the bench.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CommandName, Commands, Counters, ProcessSetup, Reply, Request } from './protocol.ts';

const entry = fileURLToPath(new URL('./load-clients.ts', import.meta.url));

/** A forked client process. */
export interface ClientProcess {
  pid: number;
  /** Sends a command; rejects when the process fails it or does not answer within `deadlineMs`. */
  call<K extends CommandName>(op: K, args: Commands[K]['args'], deadlineMs?: number): Promise<Commands[K]['result']>;
  /** Asks it to close its clients and exit; kills it if it has not after 5 s. */
  stop(): Promise<void>;
}

/** Forks a client process and resolves once it has loaded. */
export async function forkClients(setup: ProcessSetup): Promise<ClientProcess> {
  const child: ChildProcess = fork(entry, [JSON.stringify(setup)], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client process did not start in 30 s')), 30_000);
    child.on('message', (message: Reply) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve();
        return;
      }
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(message.error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`client process exited with ${code}`));
      for (const waiter of pending.values()) waiter.reject(new Error(`client process exited with ${code}`));
      pending.clear();
    });
  });
  return {
    pid: child.pid ?? 0,
    call<K extends CommandName>(op: K, args: Commands[K]['args'], deadlineMs = 120_000) {
      const id = nextId++;
      return new Promise<Commands[K]['result']>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`client process did not answer "${op}" in ${deadlineMs} ms`));
        }, deadlineMs);
        pending.set(id, {
          resolve: (value) => (clearTimeout(timer), resolve(value as Commands[K]['result'])),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        child.send({ id, op, args } satisfies Request<K>);
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ id: nextId++, op: 'stop', args: {} } satisfies Request<'stop'>);
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The counters of all `processes` added up. */
export async function sumCounters(processes: readonly ClientProcess[]): Promise<Counters> {
  const all = await Promise.all(processes.map((p) => p.call('counters', {})));
  const closes: Record<string, number> = {};
  for (const c of all) for (const [code, n] of Object.entries(c.closes)) closes[code] = (closes[code] ?? 0) + n;
  return { frames: all.reduce((n, c) => n + c.frames, 0), bytes: all.reduce((n, c) => n + c.bytes, 0), closes };
}

/** Waits until the clients receive fewer than `quietFrames` frames in half a second (at most `maxMs`). */
export async function settle(processes: readonly ClientProcess[], quietFrames: number, maxMs: number): Promise<void> {
  const started = performance.now();
  let last = (await sumCounters(processes)).frames;
  while (performance.now() - started < maxMs) {
    await sleep(500);
    const now = (await sumCounters(processes)).frames;
    if (now - last < quietFrames) return;
    last = now;
  }
}
