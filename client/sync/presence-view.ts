/**
 * The awareness as the caret plugin may read it. Everyone else's state is yielded only after the shared
 * validation (shared/protocol/presence-state.ts) and as a fresh copy, so no peer's malformed caret reaches
 * the plugin; a peer whose valid-looking state still makes a caret renderer throw can be hidden until it
 * publishes a new state (renderIsolated). Writes, events and the local state go to the real awareness.
 */
import type { Awareness } from 'y-protocols/awareness';
import { readPresenceState } from '../../shared/protocol/presence-state.ts';

type State = Record<string, unknown>;
type AwarenessListener = (...args: never[]) => void;

const views = new WeakMap<Awareness, PresenceView>();
/** A client id no peer has (ids are non-negative): yields nobody. */
const noPeer = -1;

/** The one PresenceView of `awareness` (shared by every editor of a live copy, so a hidden peer is hidden in all). */
export function presenceViewOf(awareness: Awareness): PresenceView {
  let view = views.get(awareness);
  if (!view) views.set(awareness, (view = new PresenceView(awareness)));
  return view;
}

/** A read-filtered stand-in for an Awareness: what y-tiptap's caret plugin and TipTap's caret extension use of it. */
export class PresenceView {
  /** Validated copies by client id, valid while the client's clock is the same. */
  private readonly checked = new Map<number, { clock: number; state: State | null }>();
  /** Peers hidden at a clock: their state made a caret renderer throw. */
  private readonly hidden = new Map<number, number>();
  /** While isolating a failure: the only peer yielded. */
  private only: number | null = null;

  /** Wraps the real awareness (use presenceViewOf to share one per awareness). */
  constructor(readonly awareness: Awareness) {}

  /** This page's client id. */
  get clientID(): number {
    return this.awareness.clientID;
  }

  /** The same states as getStates() (the caret extension reads this property). */
  get states(): Map<number, State> {
    return this.getStates();
  }

  /** This page's own state and every other peer's validated, not hidden state (a new map each call). */
  getStates(): Map<number, State> {
    const result = new Map<number, State>();
    const self = this.awareness.clientID;
    for (const [clientId, raw] of this.awareness.getStates()) {
      if (clientId === self) {
        if (this.only === null) result.set(clientId, raw);
        continue;
      }
      if (this.only !== null && clientId !== this.only) continue;
      const clock = this.awareness.meta.get(clientId)?.clock ?? -1;
      if (this.hidden.get(clientId) === clock) continue;
      const state = this.validated(clientId, clock, raw);
      if (state) result.set(clientId, state);
    }
    if (this.checked.size > result.size * 2 + 16) this.prune();
    return result;
  }

  /** This page's own state (not filtered). */
  getLocalState(): State | null {
    return this.awareness.getLocalState();
  }

  /** Sets this page's own state. */
  setLocalState(state: State | null): void {
    this.awareness.setLocalState(state);
  }

  /** Sets one field of this page's own state. */
  setLocalStateField(field: string, value: unknown): void {
    this.awareness.setLocalStateField(field, value);
  }

  /** Listens to the real awareness ('change', 'update'); listeners read states back through this view. */
  on(event: 'change' | 'update', listener: AwarenessListener): void {
    this.awareness.on(event, listener);
  }

  /** Stops listening. */
  off(event: 'change' | 'update', listener: AwarenessListener): void {
    this.awareness.off(event, listener);
  }

  /**
   * Runs `render` (which reads this view); if it throws because of some peers' states (it renders with no
   * peer at all), renders each peer alone to find whose, hides those states until the peer publishes anew,
   * and renders again. Returns `fallback()` when it still throws.
   */
  renderIsolated<T>(render: () => T, fallback: () => T): T {
    try {
      return render();
    } catch (error) {
      if (this.failsWith(noPeer, render)) return fallback();
      for (const clientId of this.getStates().keys()) {
        if (clientId === this.awareness.clientID || !this.failsWith(clientId, render)) continue;
        this.hidden.set(clientId, this.awareness.meta.get(clientId)?.clock ?? -1);
        console.warn(`Hiding the caret of client ${clientId}: it could not be drawn.`, error);
      }
      try {
        return render();
      } catch {
        return fallback();
      }
    }
  }

  /** True when `render` throws while this view yields only `clientId`'s state (noPeer: nobody's). */
  private failsWith(clientId: number, render: () => unknown): boolean {
    this.only = clientId;
    try {
      render();
      return false;
    } catch {
      return true;
    } finally {
      this.only = null;
    }
  }

  private validated(clientId: number, clock: number, raw: State): State | null {
    const known = this.checked.get(clientId);
    if (known && known.clock === clock) return known.state;
    const state = readPresenceState(raw) as State | null;
    this.checked.set(clientId, { clock, state });
    return state;
  }

  private prune(): void {
    const present = this.awareness.getStates();
    for (const clientId of this.checked.keys()) if (!present.has(clientId)) this.checked.delete(clientId);
    for (const clientId of this.hidden.keys()) if (!present.has(clientId)) this.hidden.delete(clientId);
  }
}
