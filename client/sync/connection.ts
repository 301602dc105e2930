/**
 * The connection to one negotiation as the page sees it: which live copy to render, whether the socket is
 * up, and what to tell the person. It follows the server's close codes (shared/protocol/close-codes.ts):
 * a final code stops reconnecting; a refused update throws the local copy away and loads the true text.
 */
import {
  CloseCode,
  describeClose,
  finalCloseCodes,
  resyncCloseCodes,
} from '../../shared/protocol/close-codes.ts';
import type { PresenceUser } from '../../shared/protocol/presence.ts';
import { LiveNegotiation } from './live-negotiation.ts';

/** The socket as the person should understand it. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** What the page renders from; a new object whenever anything in it changes. */
export interface ConnectionSnapshot {
  /** The live copy to render; replaced after a refused update. */
  live: LiveNegotiation;
  /** Increases each time the live copy is replaced (a React key for everything bound to it). */
  generation: number;
  link: LinkState;
  /** True once the current live copy has received the server's text. */
  synced: boolean;
  /** A calm notice for the person (a refused change), kept until dismissed, or null. */
  notice: string | null;
  /** Why the connection dropped, while it is being re-established (cleared once connected), or null. */
  dropReason: string | null;
  /** Set when the server closed for good (invalid invitation, negotiation gone): why, in plain words. */
  closedReason: string | null;
}

/** Where the connection goes: the negotiation and the invitation token. */
export interface ConnectionOptions {
  negotiationId: string;
  token: string;
}

type Listener = () => void;

/** Owns the live copy and its replacement; subscribe for snapshots, destroy() on leaving the page. */
export class NegotiationConnection {
  private snapshot: ConnectionSnapshot;
  private readonly listeners = new Set<Listener>();
  private everConnected = false;
  private resyncTimes: number[] = [];
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly onOnlineChange = () => this.updateLink();
  private user: PresenceUser | null = null;

  /** Connects immediately, in parallel with the session request. */
  constructor(private readonly options: ConnectionOptions) {
    this.snapshot = {
      live: this.open(),
      generation: 0,
      link: navigator.onLine ? 'connecting' : 'offline',
      synced: false,
      notice: null,
      dropReason: null,
      closedReason: null,
    };
    window.addEventListener('online', this.onOnlineChange);
    window.addEventListener('offline', this.onOnlineChange);
  }

  /** The current snapshot; the same object until something changes. */
  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sets this person's identity once the session is known (the socket may already be open by then). */
  setUser(user: PresenceUser): void {
    this.user = user;
    this.snapshot.live.setUser(user);
  }

  /** Hides the current notice. */
  dismissNotice = (): void => this.update({ notice: null });

  /** Closes everything; the connection cannot be used afterwards. */
  destroy(): void {
    this.destroyed = true;
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer);
    window.removeEventListener('online', this.onOnlineChange);
    window.removeEventListener('offline', this.onOnlineChange);
    this.snapshot.live.destroy();
    this.listeners.clear();
  }

  private open(): LiveNegotiation {
    const live = new LiveNegotiation({
      ...this.options,
      user: this.user,
      // Final codes cannot succeed again; resync codes are handled by replacing the whole copy.
      shouldReconnect: (code) => !finalCloseCodes.has(code) && !resyncCloseCodes.has(code),
    });
    const { provider } = live;
    provider.on('status', ({ status }) => {
      // The provider reports 'connecting' while it is being built, before there is a snapshot.
      if (!this.snapshot || this.snapshot.live !== live) return;
      if (status === 'connected') this.everConnected = true;
      this.updateLink(status);
    });
    provider.on('sync', (synced: boolean) => {
      if (synced && this.snapshot?.live === live && !this.snapshot.synced) {
        performance.mark('draftroom:synced');
        this.update({ synced: true });
      }
    });
    provider.on('connection-close', (event) => {
      // A null event is our own disconnect, not a word from the server.
      if (event && this.snapshot?.live === live) this.onServerClose(event.code, event.reason);
    });
    return live;
  }

  private onServerClose(code: number, reason: string): void {
    if (finalCloseCodes.has(code)) {
      this.snapshot.live.provider.disconnect();
      this.update({ link: 'closed', closedReason: describeClose(code, reason) });
      return;
    }
    if (resyncCloseCodes.has(code)) {
      this.snapshot.live.provider.disconnect();
      this.update({ notice: describeClose(code, reason), link: 'reconnecting' });
      this.scheduleResync();
      return;
    }
    // Transient closes reconnect on their own; say why only when the server gave a reason.
    if (reason || code === CloseCode.rateLimited) this.update({ dropReason: describeClose(code, reason) });
  }

  private scheduleResync(): void {
    const now = Date.now();
    this.resyncTimes = this.resyncTimes.filter((time) => now - time < 30_000);
    this.resyncTimes.push(now);
    // Back off if the server keeps refusing, so a page and server that disagree cannot spin.
    const delay = this.resyncTimes.length <= 1 ? 0 : Math.min(250 * 2 ** this.resyncTimes.length, 8_000);
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (this.destroyed) return;
      const old = this.snapshot.live;
      const live = this.open();
      this.update({ live, generation: this.snapshot.generation + 1, synced: false });
      old.destroy();
    }, delay);
  }

  private updateLink(status?: 'connected' | 'connecting' | 'disconnected'): void {
    if (this.snapshot.link === 'closed') return;
    const provider = this.snapshot.live.provider;
    let link: LinkState;
    if (!navigator.onLine) link = 'offline';
    else if (status === 'connected' || (status === undefined && provider.wsconnected)) link = 'connected';
    else link = this.everConnected ? 'reconnecting' : 'connecting';
    this.update(link === 'connected' ? { link, dropReason: null } : { link });
  }

  private update(patch: Partial<ConnectionSnapshot>): void {
    if (this.destroyed) return;
    const next = { ...this.snapshot, ...patch };
    const changed = (Object.keys(patch) as (keyof ConnectionSnapshot)[]).some((key) => next[key] !== this.snapshot[key]);
    if (!changed) return;
    this.snapshot = next;
    this.listeners.forEach((listener) => listener());
  }
}
