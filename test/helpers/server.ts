/**
 * Starts the real server (`node <serverNodeOptions> --import tsx server/main.ts`, as `npm start` does) in a child process on a loopback port with
 * its own data folder, so tests can stop it, restart it, or kill -9 it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverNodeOptions } from '../../server/node-options.ts';

const projectRoot = resolve(import.meta.dirname, '../..');

/** Options for a test server. */
export interface ServerOptions {
  /** Reuse a data folder (restart tests); a new temporary one by default. */
  dataDir?: string;
  /** Listen on this port (a restart keeps the port clients reconnect to); 0 picks a free one. */
  port?: number;
  /** Extra environment (limits, demo on/off...). */
  env?: Record<string, string>;
  /** Extra node options before the script (e.g. --cpu-prof); none by default. */
  nodeArgs?: string[];
}

/** A running test server. */
export interface TestServer {
  url: string;
  port: number;
  adminToken: string;
  dataDir: string;
  /** The server process's id (for reading its memory from /proc). */
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, waits for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to save anything. */
  kill(): Promise<void>;
}

/** Starts a server and resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'draftroom-test-'));
  const child = spawn(process.execPath, [...serverNodeOptions, ...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DRAFTROOM_DEMO: 'off',
      DRAFTROOM_IDLE_UNLOAD_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await waitForPort(child, () => output);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adminToken: readFileSync(join(dataDir, 'admin-token'), 'utf8').trim(),
    dataDir,
    pid: child.pid ?? 0,
    output: () => output,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}

function waitForPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output()}`)), 30_000);
    const check = () => {
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolvePort(Number(match[1]));
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output()}`));
    });
  });
}
