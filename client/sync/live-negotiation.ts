/**
 * One live copy of a negotiation: a Y.Doc, its y-websocket provider and everything that reads it
 * (document store, presence, undo, mounted editors). A copy the server refused an edit in is replaced by
 * a fresh one (client/sync/connection.ts), its doc kept aside until its work is merged back; nothing else
 * here outlives the copy.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import { parseActivityPush } from '../../shared/activity/merge-entries.ts';
import { activityMessageType } from '../../shared/protocol/activity.ts';
import type { PresenceUser } from '../../shared/protocol/presence.ts';
import { EditorRegistry } from '../editor/editor-registry.ts';
import { ActivityFeed } from './activity-feed.ts';
import { throttleAwarenessSending } from './awareness-sender.ts';
import { fetchActivity } from './command-api.ts';
import { NegotiationStore } from './negotiation-store.ts';
import { PresenceStore } from './presence-store.ts';
import { ProposalStore } from './proposal-store.ts';
import { protocolParam, protocolVersion } from '../../shared/protocol/version.ts';

/** What a live copy is opened with. */
export interface LiveOptions {
  negotiationId: string;
  token: string;
  /** The session's identity when it is already known (after a resync); else set later with setUser. */
  user: PresenceUser | null;
  /** Decides whether the provider reconnects after the server closed the socket with this code. */
  shouldReconnect: (code: number) => boolean;
}

// Shown on nothing: editors, which draw the caret label from it, mount only once the session is known.
const pendingUser: PresenceUser = { name: 'Connecting…', role: 'observer', delegation: null, color: '#6b7280' };

/** The websocket base URL of this page's server (the provider appends /:negotiationId?token=). */
export function websocketBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** A Y.Doc connected to the server with its stores; destroy() releases all of it. */
export class LiveNegotiation {
  /** The negotiation's document, as synced from the server. */
  readonly doc = new Y.Doc();
  /** The y-websocket provider; the server is the only peer (BroadcastChannel is off). */
  readonly provider: WebsocketProvider;
  /** Read side of the doc for React. */
  readonly store: NegotiationStore;
  /** Read side of the doc's proposals for React. */
  readonly proposals: ProposalStore;
  /** Who is in the room and where. */
  readonly presence: PresenceStore;
  /** The activity record: the room's feed and paragraph histories, over HTTP and live (type 10 messages). */
  readonly activity: ActivityFeed;
  /** The one undo history of this person's own edits; attached by the first editor (see attachUndo). */
  private undo: Y.UndoManager | null = null;
  /** Mounted paragraph editors and the focus target. */
  readonly editors = new EditorRegistry();
  private currentUser: PresenceUser | null;
  private readonly stopAwarenessSending: () => void;

  /** Opens the socket right away. */
  constructor(options: LiveOptions) {
    this.currentUser = options.user;
    this.provider = new WebsocketProvider(websocketBase(), options.negotiationId, this.doc, {
      params: { token: options.token, [protocolParam]: String(protocolVersion) },
      disableBc: true,
      shouldReconnect: (event) => options.shouldReconnect(event.code),
    });
    this.stopAwarenessSending = throttleAwarenessSending(this.provider);
    this.store = new NegotiationStore(this.doc);
    this.proposals = new ProposalStore(this.doc);
    this.presence = new PresenceStore(this.provider.awareness);
    if (options.user) this.presence.setUser(options.user);
    this.activity = new ActivityFeed((query) => fetchActivity(options.negotiationId, options.token, query));
    this.provider.messageHandlers[activityMessageType] = (_encoder, decoder) => {
      const entries = parseActivityPush(decoding.readVarString(decoder));
      if (entries) this.activity.receive(entries);
    };
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.activity.resynced();
    });
  }

  /** This person's identity as the session gave it (a neutral placeholder until the session is known). */
  get user(): PresenceUser {
    return this.currentUser ?? pendingUser;
  }

  /** Records and publishes the session's identity. */
  setUser(user: PresenceUser): void {
    this.currentUser = user;
    this.presence.setUser(user);
  }

  /**
   * Creates the undo history on first call (the editor code supplies the factory: it knows the binding's
   * origin, and it loads after the static text). Only editors make local edits, so none is missed.
   */
  attachUndo(create: (doc: Y.Doc) => Y.UndoManager): void {
    this.undo ??= create(this.doc);
  }

  /** Undoes this person's last edit, wherever it was; true when there was one. */
  undoEdit = (): boolean => (this.undo?.undo() ?? null) !== null;

  /** Redoes the last undone edit; true when there was one. */
  redoEdit = (): boolean => (this.undo?.redo() ?? null) !== null;

  /** Moves the caret from paragraph `id` to its neighbour in reading order; false at either end. */
  leaveParagraph(id: string, direction: -1 | 1): boolean {
    const slots = this.store.getStructure().slots;
    const index = slots.findIndex((slot) => slot.id === id);
    const neighbour = index < 0 ? undefined : slots[index + direction];
    if (!neighbour) return false;
    this.editors.requestCaret(neighbour.id, direction < 0 ? 'end' : 'start');
    return true;
  }

  /** Closes the socket and drops the doc and every listener. */
  destroy(): void {
    this.setAside().destroy();
  }

  /**
   * Closes the socket and drops every listener but keeps the doc, unchanged and no longer sent anywhere:
   * the person's unsaved work, to be read after a refusal (client/sync/connection.ts). Destroy it when done.
   */
  setAside(): Y.Doc {
    this.undo?.destroy();
    this.activity.destroy();
    this.presence.destroy();
    this.store.destroy();
    this.proposals.destroy();
    this.provider.awareness.setLocalState(null);
    this.stopAwarenessSending();
    this.provider.destroy();
    this.provider.awareness.destroy();
    return this.doc;
  }
}
