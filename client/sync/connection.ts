/**
 * The connection to one negotiation as the page sees it: which live copy to render, whether the socket is
 * up, and what to tell the person. It follows the server's close codes (shared/protocol/close-codes.ts):
 * a final code stops reconnecting; a refused update sets the local copy aside, loads the true text and
 * merges the person's work back (shared/offline/merge.ts), saying what was kept and what was not. A
 * server that closes the connection again and again right after it opened (failing on what the page
 * sends) is treated the same way after a few attempts, so the page never resends one change forever.
 */
import type * as Y from 'yjs';
import type { OfflineMerger } from '../../shared/offline/merge.ts';
import {
  CloseCode,
  describeClose,
  finalCloseCodes,
  resyncCloseCodes,
} from '../../shared/protocol/close-codes.ts';
import type { PresenceUser } from '../../shared/protocol/presence.ts';
import { failuresBeforeGivingUp, FailureStreak } from './failure-streak.ts';
import { LiveNegotiation } from './live-negotiation.ts';
import { mergeNotice, serverWords, setAsideNotice, type SetAsideCause } from './merge-notice.ts';

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

/** The transaction origin of work merged back after a refusal (anything but the provider: it is sent). */
const mergeOrigin = Symbol('draftroom-merge');

/** The merge code, loaded on the first refusal only (it carries the permission rules: not needed before). */
type MergeModule = typeof import('../../shared/offline/merge.ts');

/** A local copy set aside with why; merged into the next copy once that one has synced. */
interface SetAside {
  doc: Y.Doc;
  cause: SetAsideCause;
}

/** Owns the live copy and its replacement; subscribe for snapshots, destroy() on leaving the page. */
export class NegotiationConnection {
  private snapshot: ConnectionSnapshot;
  private readonly listeners = new Set<Listener>();
  private everConnected = false;
  private resyncTimes: number[] = [];
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private mergeModule: Promise<MergeModule> | null = null;
  private merger: OfflineMerger | null = null;
  private aside: SetAside | null = null;
  private readonly failures = new FailureStreak();
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
    void this.mergeAside(this.snapshot.live);
  }

  /** Hides the current notice. */
  dismissNotice = (): void => this.update({ notice: null });

  /** Closes everything; the connection cannot be used afterwards. */
  destroy(): void {
    this.destroyed = true;
    if (this.resyncTimer !== null) clearTimeout(this.resyncTimer);
    this.aside?.doc.destroy();
    this.aside = null;
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
      if (status === 'connected') {
        this.everConnected = true;
        this.failures.opened();
      }
      this.updateLink(status);
    });
    provider.on('sync', (synced: boolean) => {
      if (synced && this.snapshot?.live === live && !this.snapshot.synced) {
        performance.mark('draftroom:synced');
        // Merge before the first render of this copy, so the person never sees their work vanish and return.
        const show = () => this.snapshot.live === live && this.update({ synced: true });
        if (this.aside) void this.mergeAside(live).finally(show);
        else show();
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
      this.setAsideAndResync({ code, reason, times: 1 });
      return;
    }
    if (this.failures.closed(code)) {
      this.setAsideAndResync({ code, reason, times: failuresBeforeGivingUp });
      return;
    }
    // Transient closes reconnect on their own; say why only when the server gave a reason.
    // 4503 (a connection or memory limit) reconnects too, after the provider's back-off, saying which limit.
    if (reason || code === CloseCode.rateLimited || code === CloseCode.unavailable) this.update({ dropReason: describeClose(code, reason) });
  }

  /** Stops the current copy (nothing more is sent), keeps its doc aside and loads the true text. */
  private setAsideAndResync(cause: SetAsideCause): void {
    const live = this.snapshot.live;
    live.provider.disconnect();
    // A copy that never synced holds no work of its own: keep the one set aside before it.
    if (this.aside === null && this.snapshot.synced) this.aside = { doc: live.setAside(), cause };
    else if (this.aside !== null) this.aside.cause = cause;
    this.update({ notice: setAsideNotice(cause), link: 'reconnecting' });
    void this.loadMerge().catch(() => undefined);
    this.scheduleResync();
  }

  /** Merges the copy set aside into `live` once `live` has synced and the person is known. */
  private async mergeAside(live: LiveNegotiation): Promise<void> {
    const aside = this.aside;
    const user = this.user;
    if (!aside || !user || !live.provider.synced || this.snapshot.live !== live) return;
    this.aside = null;
    let notice: string;
    try {
      const merge = await this.loadMerge();
      if (this.destroyed || this.snapshot.live !== live) {
        // Replaced meanwhile (another refusal): merge into the next copy instead.
        if (!this.destroyed && this.aside === null) this.aside = aside;
        else aside.doc.destroy();
        return;
      }
      this.merger ??= new merge.OfflineMerger();
      const actor = { role: user.role, delegation: user.delegation };
      // Work the server failed on again and again is never sent again: it may be what makes it fail.
      const resend = resyncCloseCodes.has(aside.cause.code);
      const report = this.merger.merge(aside.doc, live.doc, actor, serverWords(aside.cause), mergeOrigin, resend);
      notice = mergeNotice(aside.cause, merge.reportLines(report), report.kept.length > 0);
      aside.doc.destroy();
    } catch (error) {
      // Never lose the explanation because the merge failed: say what happened and that nothing was resent.
      console.error('Merging unsaved work failed', error);
      notice = `${mergeNotice(aside.cause, [], false)} Your unsaved changes could not be merged back and were not sent.`;
      aside.doc.destroy();
    }
    this.update({ notice });
  }

  private loadMerge(): Promise<MergeModule> {
    this.mergeModule ??= import('../../shared/offline/merge.ts').catch((error: unknown) => {
      this.mergeModule = null; // try again next time
      throw error;
    });
    return this.mergeModule;
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
      // The doc of a copy set aside stays for the merge (setAside already stopped everything else).
      if (this.aside?.doc !== old.doc) old.destroy();
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
