/**
 * Runs a peer server (hocuspocus-server.ts, ywebsocket-server.ts) in a child process of its own on a loopback
 * port, seeded from a file, so its CPU and memory can be read from /proc; the same contract as
 * test/helpers/server.ts: the child prints "listening on http://127.0.0.1:<port>".
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memProbeNodeArgs } from './proc-stats.ts';
import type { Endpoint, ServerName } from './protocol.ts';

const projectRoot = resolve(import.meta.dirname, '../../..');

/** A server under test, whichever it is. */
export interface BenchServer {
  name: ServerName;
  pid: number;
  endpoint: Endpoint;
  /** Everything it printed so far. */
  output(): string;
  /** Stops it and waits for it to exit. */
  stop(): Promise<void>;
}

/** A running peer server process. */
export interface PeerProcess {
  pid: number;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `entry` (a file of this folder) with `node --import tsx` and the memory probe, the seed bytes in a temporary file it reads. */
export async function startPeerProcess(entry: string, seed: Uint8Array): Promise<PeerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-conference-'));
  const seedFile = join(dir, 'seed.bin');
  writeFileSync(seedFile, seed);
  const child = spawn(process.execPath, [...memProbeNodeArgs, '--import', 'tsx', join(import.meta.dirname, entry)], {
    cwd: projectRoot,
    env: { ...process.env, CONF_SEED_FILE: seedFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 30 s:\n${output}`)), 30_000);
    const check = () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolvePort(Number(match[1]));
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    pid: child.pid ?? 0,
    port,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when `moduleUrl` is the file node was asked to run (a launcher file started as a child process). */
export function isEntry(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === new URL(moduleUrl).pathname;
}
