/**
 * One simulated person: the provider a page would use (y-websocket 3.x with Draftroom's own presence sender for
 * Draftroom and the y-websocket reference server; Hocuspocus's provider for Hocuspocus), over `ws`, with a
 * socket that counts the frames it receives. A client applies the edits it is sent, or (light) counts them
 * and keeps the text it was sent on joining aside until `loadJoinedText()`; and it applies others' presence,
 * or counts it. Either way it runs the same provider, handshake and presence of its own: 500 Yjs documents
 * applying 200-600 edits and caret moves a second each would need several cores on their own.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { outdatedTimeout, removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import { messageAwareness, messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { throttleAwarenessSending } from '../../../client/sync/awareness-sender.ts';
import { wallNow, type Counters, type Endpoint } from './protocol.ts';

/** A simulated person's client. */
export interface SimClient {
  doc: Y.Doc;
  awareness: Awareness;
  /** Resolves with the epoch ms of the first sync. */
  synced: Promise<number>;
  /** Light clients: applies the text received on joining (a client that applies edits has it already). */
  loadJoinedText(): void;
  destroy(): void;
}

/** How a client is built. */
export interface ClientOptions {
  endpoint: Endpoint;
  writer: boolean;
  /** Apply remote updates (else count them); apply others' presence (else count it). */
  applyEdits: boolean;
  applyPresence: boolean;
  name: string;
  counters: Counters;
}

/** Draftroom's activity message type (activityMessageType in shared/protocol/activity.ts), which y-websocket's provider does not know. */
const draftroomActivityMessage = 10;

/** Hocuspocus's message types (its provider's MessageType, which it does not export). */
const hocuspocusMessage = { sync: 0, awareness: 1 } as const;

/** A `ws` WebSocket class that counts every frame its instances receive into `counters`. */
function countingSocket(counters: Counters): typeof WebSocket {
  class CountingSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer | ArrayBuffer) => {
        counters.frames++;
        counters.bytes += data.byteLength;
      });
      this.on('close', (code: number) => {
        counters.closes[code] = (counters.closes[code] ?? 0) + 1;
      });
    }
  }
  return CountingSocket as unknown as typeof WebSocket;
}

const sockets = new WeakMap<Counters, typeof WebSocket>();

function socketClass(counters: Counters): typeof WebSocket {
  let cls = sockets.get(counters);
  if (!cls) sockets.set(counters, (cls = countingSocket(counters)));
  return cls;
}

/** Connects one simulated person. */
export function createClient(options: ClientOptions): SimClient {
  return options.endpoint.protocol === 'hocuspocus' ? hocuspocusClient(options, options.endpoint) : yWebsocketClient(options, options.endpoint);
}

/** The presence a page shows before the person moves: a name and colour, no caret yet. */
function initialPresence(name: string): Record<string, unknown> {
  return { user: { name, color: '#1f77b4' }, paragraphId: null, editing: false };
}

/**
 * Sets the presence and gives its renewals the phase of someone who joined at a random moment: y-protocols'
 * Awareness renews its state every 15 s from a 3 s check started when it was created, so clients created
 * together would renew together (and a server that merges what arrives in one tick would look better idle
 * than it is in a real room). The same check (renew after outdatedTimeout / 2, drop states older than
 * outdatedTimeout), started after a random part of its period, from a random point of the renewal period.
 */
function setPresenceWithRandomPhase(awareness: Awareness, name: string): void {
  awareness.setLocalState(initialPresence(name));
  const own = awareness.meta.get(awareness.clientID);
  if (own) own.lastUpdated -= Math.floor(Math.random() * (outdatedTimeout / 2));
  const period = Math.floor(outdatedTimeout / 10);
  const internals = awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> };
  clearInterval(internals._checkInterval);
  const check = () => {
    const now = Date.now();
    const state = awareness.getLocalState();
    if (state !== null && outdatedTimeout / 2 <= now - (awareness.meta.get(awareness.clientID)?.lastUpdated ?? now)) awareness.setLocalState(state);
    const outdated = [...awareness.meta].filter(([id, meta]) => id !== awareness.clientID && outdatedTimeout <= now - meta.lastUpdated && awareness.states.has(id)).map(([id]) => id);
    if (outdated.length > 0) removeAwarenessStates(awareness, outdated, 'timeout');
  };
  const start = setTimeout(() => {
    internals._checkInterval = setInterval(check, period);
  }, Math.random() * period);
  awareness.doc.once('destroy', () => clearTimeout(start));
}

function yWebsocketClient(options: ClientOptions, endpoint: Extract<Endpoint, { protocol: 'y-websocket' }>): SimClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(endpoint.url, endpoint.room, doc, {
    params: options.writer ? endpoint.writerParams : endpoint.watcherParams,
    disableBc: true,
    WebSocketPolyfill: socketClass(options.counters) as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 1000,
  });
  const stopThrottle = throttleAwarenessSending(provider);
  // Draftroom's live activity messages (shared/protocol/activity.ts): a page reads them; a simulated person does not.
  provider.messageHandlers[draftroomActivityMessage] = () => {};
  setPresenceWithRandomPhase(provider.awareness, options.name);
  const kept: Uint8Array[] = [];
  let keepJoinedText = options.writer;
  if (!options.applyEdits) {
    const answerSync = provider.messageHandlers[messageSync] as (typeof provider.messageHandlers)[number];
    provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
      const kind = decoding.peekVarUint(decoder);
      if (kind === syncProtocol.messageYjsUpdate) return;
      if (kind === syncProtocol.messageYjsSyncStep2) {
        decoding.readVarUint(decoder);
        const update = decoding.readVarUint8Array(decoder);
        if (keepJoinedText) kept.push(update);
        if (emitSynced && !p.synced) p.synced = true;
        return;
      }
      answerSync(encoder, decoder, p, emitSynced, messageType);
    };
  }
  if (!options.applyPresence) provider.messageHandlers[messageAwareness] = () => {};
  const synced = new Promise<number>((resolve) => {
    provider.once('sync', () => resolve(wallNow()));
  });
  return {
    doc,
    awareness: provider.awareness,
    synced,
    loadJoinedText() {
      keepJoinedText = false;
      for (const update of kept.splice(0)) Y.applyUpdate(doc, update, provider);
    },
    destroy() {
      stopThrottle();
      provider.destroy();
      doc.destroy();
    },
  };
}

function hocuspocusClient(options: ClientOptions, endpoint: Extract<Endpoint, { protocol: 'hocuspocus' }>): SimClient {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: endpoint.url, WebSocketPolyfill: socketClass(options.counters), maxDelay: 1000 });
  const provider = new HocuspocusProvider({ name: endpoint.room, document: doc, websocketProvider: socket });
  const awareness = provider.awareness as Awareness;
  setPresenceWithRandomPhase(awareness, options.name);
  const kept: Uint8Array[] = [];
  let keepJoinedText = options.writer;
  if (!options.applyEdits || !options.applyPresence) {
    const receive = provider.onMessage.bind(provider);
    provider.onMessage = (event: MessageEvent) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      if (type === hocuspocusMessage.awareness && !options.applyPresence) return;
      if (type === hocuspocusMessage.sync && !options.applyEdits) {
        const kind = decoding.readVarUint(decoder);
        if (kind === syncProtocol.messageYjsUpdate) return;
        if (kind === syncProtocol.messageYjsSyncStep2) {
          const update = decoding.readVarUint8Array(decoder);
          if (keepJoinedText) kept.push(update);
          provider.synced = true;
          return;
        }
      }
      receive(event);
    };
  }
  const synced = new Promise<number>((resolve) => {
    provider.on('synced', () => resolve(wallNow()));
  });
  provider.attach();
  return {
    doc,
    awareness,
    synced,
    loadJoinedText() {
      keepJoinedText = false;
      for (const update of kept.splice(0)) Y.applyUpdate(doc, update, provider);
    },
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
  };
}
