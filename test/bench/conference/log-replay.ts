/**
 * Draftroom only: a fresh client's first sync when the negotiation's stored log holds many small updates,
 * divided by the same after the log was folded into a snapshot. The log is written by one facilitator
 * client (one letter per update) with compaction out of reach; the server is then killed with SIGKILL (a
 * clean stop would fold the log) and restarted on the same data folder for each timing.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { connectClient, waitFor } from '../../helpers/yjs-client.ts';
import { launchDraftroom, readDocument } from './draftroom-server.ts';
import { quantile } from './latency.ts';
import { digestDoc, paragraphXmlText } from './seed.ts';
import { readOrder } from '../../../shared/model/negotiation-doc.ts';

/** What the log replay measured. */
export interface LogReplayResult {
  updates: number;
  /** Rows in the stored update log before the timings (several updates may share a row). */
  logRows: number | null;
  writeMs: number;
  /** Median first sync (ms) from the log, and from the snapshot. */
  fromLogMs: number;
  fromSnapshotMs: number;
  /** True when both first syncs gave the same text. */
  sameText: boolean;
}

const replayEnv = {
  DRAFTROOM_COMPACT_EVERY: '1000000',
  DRAFTROOM_MESSAGES_PER_SECOND: '100000',
  DRAFTROOM_BYTES_PER_SECOND: '1073741824',
} as const;

function logRows(server: TestServer, negotiationId: string): number | null {
  try {
    const db = new Database(join(server.dataDir, 'draftroom.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM updates WHERE negotiation_id = ?').get(negotiationId) as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Starts the server on `dataDir` and times a fresh observer's first sync; ends with SIGKILL, so a log stays a log. */
async function timeFirstSync(dataDir: string, port: number, negotiationId: string, token: string): Promise<{ ms: number; hash: string }> {
  const server = await startServer({ dataDir, port, env: { ...replayEnv } });
  try {
    const started = performance.now();
    const doc = await readDocument(server, negotiationId, token, 120_000);
    return { ms: performance.now() - started, hash: digestDoc(doc).hash };
  } finally {
    await server.kill();
  }
}

/**
 * Writes `updates` one-letter updates, copies the data folder and folds the copy's log into a snapshot, then
 * times first syncs from the log and from the snapshot in turns (median of `runs` each), so both see the
 * machine alike.
 */
export async function measureLogReplay(updates: number, runs = 5): Promise<LogReplayResult> {
  const run = await launchDraftroom({ env: { ...replayEnv } });
  const endpoint = run.server.endpoint;
  const tokens = endpoint.protocol === 'y-websocket' ? endpoint : null;
  const facilitatorToken = tokens?.writerParams.token as string;
  const observerToken = tokens?.watcherParams.token as string;
  const { dataDir: logDir, port } = run.testServer;
  const snapshotDir = `${logDir}-snapshot`;
  let writeMs = 0;
  let rows: number | null = null;
  try {
    try {
      writeMs = await writeLog(run.testServer, run.negotiationId, facilitatorToken, observerToken, updates);
      rows = logRows(run.testServer, run.negotiationId);
    } finally {
      await run.testServer.kill();
    }
    cpSync(logDir, snapshotDir, { recursive: true });
    // One clean start and stop folds the copy's log into a snapshot (the room is loaded by a first sync, then unloaded).
    const folding = await startServer({ dataDir: snapshotDir, port, env: { ...replayEnv } });
    try {
      await readDocument(folding, run.negotiationId, observerToken, 120_000);
    } finally {
      await folding.stop();
    }
    const fromLog: number[] = [];
    const fromSnapshot: number[] = [];
    const hashes = new Set<string>();
    for (let i = 0; i < runs; i++) {
      for (const [dir, times] of [[logDir, fromLog], [snapshotDir, fromSnapshot]] as const) {
        const timed = await timeFirstSync(dir, port, run.negotiationId, observerToken);
        times.push(timed.ms);
        hashes.add(timed.hash);
      }
    }
    return {
      updates,
      logRows: rows,
      writeMs,
      fromLogMs: quantile(fromLog.sort((a, b) => a - b), 0.5),
      fromSnapshotMs: quantile(fromSnapshot.sort((a, b) => a - b), 0.5),
      sameText: hashes.size === 1 && !hashes.has(''),
    };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
    rmSync(snapshotDir, { recursive: true, force: true });
  }
}

/** One facilitator client writes `updates` one-letter updates, one message each; resolves (ms taken) once an observer has them all. */
async function writeLog(server: TestServer, negotiationId: string, facilitatorToken: string, observerToken: string, updates: number): Promise<number> {
  const writer = connectClient(server, negotiationId, facilitatorToken);
  const reader = connectClient(server, negotiationId, observerToken);
  const started = performance.now();
  try {
    await Promise.all([writer.synced, reader.synced]);
    const ids = readOrder(writer.doc);
    const { clientID } = writer.doc;
    // In rounds the server acknowledges (relays) before the next: its per-connection burst is 600 messages.
    for (let i = 0; i < updates; i++) {
      const text = paragraphXmlText(writer.doc, ids[i % ids.length] as string);
      text?.insert(Math.floor(Math.random() * (text.length + 1)), 'x');
      if (i % 250 === 249 || i === updates - 1) {
        const target = Y.getState(writer.doc.store, clientID);
        await waitFor(reader.doc, () => Y.getState(reader.doc.store, clientID) >= target, 30_000, `update ${i + 1} of ${updates} relayed`);
      }
    }
    return performance.now() - started;
  } finally {
    for (const client of [writer, reader]) {
      client.destroy();
      client.doc.destroy();
    }
  }
}
