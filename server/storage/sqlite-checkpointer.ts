/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits runs a checkpoint
 * every 1000 pages of log: copying them into the database file and syncing it, a pause of milliseconds (far
 * more on a busy disk) during which no edit is relayed. Here the server's connection never checkpoints; a
 * worker thread with its own connection runs a PASSIVE checkpoint on a timer, which copies what it can without
 * taking any lock the writer needs. A crash loses nothing either way: committed pages stay in the WAL until
 * copied.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints, ms. */
export const defaultCheckpointMs = 1000;

// Plain CommonJS evaluated in the worker: it needs no TypeScript loader, in the server or under a test runner.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
  parentPort.close();
});
`;

/** A running checkpointer; `stop` runs a last checkpoint and ends the thread. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Starts checkpointing the WAL of the database `file` (already in WAL mode, its writer with
 * wal_autocheckpoint = 0) every `intervalMs`; `onError` hears a checkpoint that failed (the WAL then grows
 * until one succeeds; nothing is lost).
 */
export function startCheckpointer(file: string, onError: (message: string) => void, intervalMs = defaultCheckpointMs): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, { eval: true, workerData: { file, driver, intervalMs } });
  // The thread must not keep a stopping process alive.
  worker.unref();
  const stopped = new Promise<void>((resolve) => {
    worker.on('message', (message: { error?: string; stopped?: boolean }) => {
      if (message.error !== undefined) onError(message.error);
      if (message.stopped) resolve();
    });
    worker.once('exit', () => resolve());
    worker.once('error', (error) => {
      onError(error.message);
      resolve();
    });
  });
  return {
    async stop() {
      worker.postMessage('stop');
      await stopped;
    },
  };
}
