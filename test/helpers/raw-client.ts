/**
 * A hostile client: a raw `ws` socket that speaks y-protocols by hand, so a test can send whatever it
 * likes (sync step 2, updates and awareness built from its own Y.Doc or from raw bytes, text frames,
 * garbage, updates under another connection's client id) and see exactly what the server answers.
 */
import * as decoding from 'lib0/decoding';
import { protocolParam, protocolVersion } from '../../shared/protocol/version.ts';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { TestServer } from './server.ts';

/** How a socket was closed. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** A message the server sent, decoded far enough to tell what it is. */
export type ServerMessage =
  | { type: 'sync-step-1'; payload: Uint8Array }
  | { type: 'sync-step-2'; payload: Uint8Array }
  | { type: 'update'; payload: Uint8Array }
  | { type: 'awareness'; payload: Uint8Array }
  | { type: 'other'; bytes: Uint8Array };

/** Options for a raw connection. */
export interface RawOptions {
  /** Answer the server's sync step 1 with a sync step 2 (true: what an honest client does). */
  answerStep1?: boolean;
  /** Apply the server's sync step 2 and updates to the client's own document (true). */
  follow?: boolean;
  /** The client's document (a new one by default); set `doc.clientID` to impersonate another client. */
  doc?: Y.Doc;
}

/** Origin of changes applied from the server, so `capture` never sends them back. */
export const fromServer = Symbol('from-server');

/** A raw y-websocket connection. */
export interface RawClient {
  ws: WebSocket;
  doc: Y.Doc;
  /** Every message the server sent, in order. */
  messages: ServerMessage[];
  /** Resolves when the socket opens; rejects when it closes or fails first. */
  opened: Promise<void>;
  /** Resolves with the close code and reason, however the socket ends. */
  closed: Promise<CloseInfo>;
  /** The close, or null while the socket is open. */
  closeInfo(): CloseInfo | null;
  /** Resolves once the server's sync step 2 has been applied to `doc` (sends our sync step 1 first). */
  handshake(): Promise<void>;
  /** Sends a binary frame (or a text frame for a string) as it is. */
  sendRaw(data: Uint8Array | string): void;
  /** Sends a sync step 1 with `doc`'s state vector. */
  sendSyncStep1(): void;
  /** Sends `update` as a sync step 2. */
  sendSyncStep2(update: Uint8Array): void;
  /** Sends `update` as an incremental update. */
  sendUpdate(update: Uint8Array): void;
  /** Sends an awareness message carrying `update` (see encodeAwarenessStates). */
  sendAwareness(update: Uint8Array): void;
  /** Runs `change` on `doc` in one transaction and returns the update it made (not sent). */
  capture(change: (doc: Y.Doc) => void): Uint8Array;
  /** Resolves with the close; rejects after `timeoutMs` if the socket stays open. */
  waitForClose(timeoutMs?: number): Promise<CloseInfo>;
  /** Resolves when a server message satisfies `predicate`; rejects after `timeoutMs`. */
  waitForMessage(predicate: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  /** Closes the socket from the client side (no-op when already closed). */
  close(): void;
}

/** The websocket URL of a negotiation, with `token` when given (undefined sends no token at all). */
export function wsUrl(server: TestServer, negotiationId: string, token?: string): string {
  const base = `ws://127.0.0.1:${server.port}/ws/${negotiationId}?${protocolParam}=${protocolVersion}`;
  return token === undefined ? base : `${base}&token=${encodeURIComponent(token)}`;
}

/** Opens a raw connection to a negotiation (not waiting for it to open: use `opened`). */
export function connectRaw(server: TestServer, negotiationId: string, token: string | undefined, options: RawOptions = {}): RawClient {
  const { answerStep1 = true, follow = true } = options;
  const doc = options.doc ?? new Y.Doc();
  const ws = new WebSocket(wsUrl(server, negotiationId, token));
  ws.binaryType = 'nodebuffer';
  const messages: ServerMessage[] = [];
  const listeners = new Set<() => void>();
  let closeInfo: CloseInfo | null = null;
  let synced = false;

  const send = (bytes: Uint8Array | string) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
  };
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code, reason) => reject(new Error(`closed before opening: ${code} ${reason.toString()}`)));
    ws.once('error', (error) => reject(error));
  });
  opened.catch(() => undefined);
  const closed = new Promise<CloseInfo>((resolve) => {
    ws.on('close', (code, reason) => {
      closeInfo = { code, reason: reason.toString() };
      resolve(closeInfo);
      for (const listener of [...listeners]) listener();
    });
  });
  ws.on('error', () => undefined);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const message = isBinary ? decodeServerMessage(bytes) : ({ type: 'other', bytes } as const);
    messages.push(message);
    if (message.type === 'sync-step-1' && answerStep1) send(encodeSync(1, Y.encodeStateAsUpdate(doc, message.payload)));
    if ((message.type === 'sync-step-2' || message.type === 'update') && follow) Y.applyUpdate(doc, message.payload, fromServer);
    if (message.type === 'sync-step-2') synced = true;
    for (const listener of [...listeners]) listener();
  });

  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          clearTimeout(timer);
          listeners.delete(onEvent);
          reject(error as Error);
          return true;
        }
        if (value === undefined) return false;
        clearTimeout(timer);
        listeners.delete(onEvent);
        resolve(value);
        return true;
      };
      const onEvent = () => void attempt();
      const timer = setTimeout(() => {
        listeners.delete(onEvent);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      listeners.add(onEvent);
      attempt();
    });

  return {
    ws,
    doc,
    messages,
    opened,
    closed,
    closeInfo: () => closeInfo,
    async handshake() {
      await opened;
      send(encodeSync(0, Y.encodeStateVector(doc)));
      await waitUntil(() => (synced ? true : closeInfo ? fail(`closed during the handshake: ${closeInfo.code} ${closeInfo.reason}`) : undefined), 5000, 'sync step 2');
    },
    sendRaw: send,
    sendSyncStep1: () => send(encodeSync(0, Y.encodeStateVector(doc))),
    sendSyncStep2: (update) => send(encodeSync(1, update)),
    sendUpdate: (update) => send(encodeSync(2, update)),
    sendAwareness: (update) => send(encodeAwarenessMessage(update)),
    capture: (change) => captureUpdate(doc, change),
    waitForClose: (timeoutMs = 5000) => waitUntil(() => closeInfo ?? undefined, timeoutMs, 'the server to close the socket'),
    waitForMessage: (predicate, timeoutMs = 5000) => waitUntil(() => messages.find(predicate), timeoutMs, 'a server message'),
    close: () => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
    },
  };
}

/** Opens a raw connection and completes the sync handshake. */
export async function connectSynced(server: TestServer, negotiationId: string, token: string, options: RawOptions = {}): Promise<RawClient> {
  const client = connectRaw(server, negotiationId, token, options);
  await client.handshake();
  return client;
}

/** Runs `change` on `doc` in one transaction and returns the update it made. */
export function captureUpdate(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const origin = Symbol('captured');
  const onUpdate = (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin) updates.push(update);
  };
  doc.on('update', onUpdate);
  try {
    doc.transact(() => change(doc), origin);
  } finally {
    doc.off('update', onUpdate);
  }
  return updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(updates);
}

/** A y-protocols sync message: 0 step 1, 1 step 2, 2 update. */
export function encodeSync(syncType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket awareness message wrapping an awareness update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness update with the given entries, written by hand so it can claim anything. */
export function encodeAwarenessStates(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  return rawAwareness(entries.map(({ clientId, clock, state }) => ({ clientId, clock, json: JSON.stringify(state) })));
}

/** An awareness update of entries whose state is the given text, JSON or not. */
export function rawAwareness(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

/** The entries of an awareness update (client id, clock, state). */
export function decodeAwarenessStates(update: Uint8Array): { clientId: number; clock: number; state: unknown }[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; state: unknown }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
  }
  return entries;
}

/** Decodes one server message (anything unexpected is kept as 'other'). */
export function decodeServerMessage(bytes: Uint8Array): ServerMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === 1) return { type: 'awareness', payload: decoding.readVarUint8Array(decoder) };
    if (type !== 0) return { type: 'other', bytes };
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === 0) return { type: 'sync-step-1', payload };
    if (syncType === 1) return { type: 'sync-step-2', payload };
    if (syncType === 2) return { type: 'update', payload };
  } catch {
    // fall through
  }
  return { type: 'other', bytes };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Records every update `doc` receives with origin `from` (a provider: what the server sent), until `stop`. */
export function watchRemoteUpdates(doc: Y.Doc, from: unknown): { updates: Uint8Array[]; stop(): void } {
  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === from) updates.push(update);
  };
  doc.on('update', onUpdate);
  return { updates, stop: () => doc.off('update', onUpdate) };
}

/** The client ids that wrote structs, and the client ids whose structs are deleted, in an update. */
export function authorsOf(update: Uint8Array): { writers: number[]; deletes: number[] } {
  const { structs, ds } = Y.decodeUpdate(update) as unknown as { structs: { id: Y.ID }[]; ds: { clients: Map<number, unknown[]> } };
  return { writers: [...new Set(structs.map((s) => s.id.client))], deletes: [...ds.clients.keys()] };
}

/**
 * Makes a y-websocket provider send only its own presence, as the product's page does
 * (client/sync/awareness-sender.ts), instead of echoing every state it receives back to the server.
 */
export function ownPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider;
  awareness.off('update', provider._awarenessUpdateHandler);
  awareness.on('update', (_changes: unknown, origin: unknown) => {
    if (origin !== 'local') return;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    ws.send(new Uint8Array(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]))));
  });
}
