/**
 * Honest Node clients: y-websocket's own provider over `ws`, one Y.Doc each, no BroadcastChannel.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { activityMessageType, type ActivityEntry, type ActivityPush } from '../../shared/protocol/activity.ts';
import { protocolParam, protocolVersion } from '../../shared/protocol/version.ts';
import type { TestServer } from './server.ts';

/** A connected Node client. */
export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the provider saw, in order. */
  closes: { code: number; reason: string }[];
  /** Resolves once the first sync with the server is done. */
  synced: Promise<void>;
  /** Activity entries pushed live by the server, in arrival order (a grown entry arrives again). */
  activity: ActivityEntry[];
  destroy(): void;
}

/** Connects a new client with `token` to negotiation `negotiationId`. */
export function connectClient(server: TestServer, negotiationId: string, token: string, doc = new Y.Doc()): YClient {
  const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/ws`, negotiationId, doc, {
    params: { token, [protocolParam]: String(protocolVersion) },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 200,
  });
  const closes: { code: number; reason: string }[] = [];
  const activity: ActivityEntry[] = [];
  provider.messageHandlers[activityMessageType] = (_encoder, decoder) => {
    activity.push(...(JSON.parse(decoding.readVarString(decoder)) as ActivityPush).entries);
  };
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return { doc, provider, closes, synced, activity, destroy: () => provider.destroy() };
}

/** Resolves when `predicate` holds, checking on every document update; rejects after `timeoutMs`. */
export function waitFor(doc: Y.Doc, predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate()) return resolve();
    const onUpdate = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      doc.off('update', onUpdate);
      resolve();
    };
    const timer = setTimeout(() => {
      doc.off('update', onUpdate);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    doc.on('update', onUpdate);
  });
}

/** Resolves when `check` returns true, polling every 20 ms; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
