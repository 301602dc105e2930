/**
 * Presence for React: who is in the room and where each person is, read from Yjs awareness. Only the
 * identity that arrives is shown (the server overwrites `user` with the one it authenticated); every state
 * goes through the shared validation (shared/protocol/presence-state.ts), so a malformed field is dropped
 * and a state without a well-formed user is left out. The local person's place is published from here too.
 * In a room of hundreds, awareness changes arrive many times a second: the snapshots are rebuilt lazily
 * (at most once per change, only when read) and listeners are told at most every `notifyIntervalMs`.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceState, PresenceUser } from '../../shared/protocol/presence.ts';
import { readPresenceState } from '../../shared/protocol/presence-state.ts';
import { buildRoster, type Roster } from '../ui/presence/roster.ts';

/** One connection in the room. */
export interface Peer {
  clientId: number;
  user: PresenceUser;
  paragraphId: string | null;
  editing: boolean;
  /** True for this browser tab's own connection. */
  isSelf: boolean;
}

type Listener = () => void;

const noPeers: readonly Peer[] = Object.freeze([]);

/** The longest a presence change waits before listeners hear of it (changes within it are told once). */
export const notifyIntervalMs = 100;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Awareness states as stable snapshots: the whole room, and the people on each paragraph. */
export class PresenceStore {
  private peers: readonly Peer[] = noPeers;
  private byParagraph = new Map<string, readonly Peer[]>();
  private readonly listeners = new Set<Listener>();
  private roster: { of: readonly Peer[]; roster: Roster } | null = null;
  /** Each client's validated state at a clock: a room of hundreds re-validates only who changed. */
  private readonly validated = new Map<number, { clock: number; state: PresenceState | null }>();
  private dirty = true;
  /** Counts snapshot changes, so a change already read by getPeers is still told to listeners. */
  private version = 0;
  private notifiedVersion = 0;
  private notifyTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onChange = () => {
    this.dirty = true;
    this.notifyTimer ??= setTimeout(this.notify, notifyIntervalMs);
  };
  private readonly notify = () => {
    this.notifyTimer = null;
    this.refresh();
    if (this.notifiedVersion === this.version) return;
    this.notifiedVersion = this.version;
    this.listeners.forEach((listener) => listener());
  };

  /** Follows the awareness; the local identity is published with setUser once the session is known. */
  constructor(private readonly awareness: Awareness) {
    awareness.setLocalState({ ...(awareness.getLocalState() ?? {}), paragraphId: null, editing: false });
    awareness.on('change', this.onChange);
  }

  /** Publishes `user` as the local identity (the server replaces it with the one it authenticated). */
  setUser(user: PresenceUser): void {
    const state = this.awareness.getLocalState();
    if (state) this.awareness.setLocalState({ ...state, user });
  }

  /** Everyone in the room, self first, then by name; the same array until someone changes. */
  getPeers = (): readonly Peer[] => {
    this.refresh();
    return this.peers;
  };

  /** Everyone grouped by role and identity (client/ui/presence/roster.ts); the same object until someone changes. */
  getRoster = (): Roster => {
    const peers = this.getPeers();
    if (this.roster?.of !== peers) this.roster = { of: peers, roster: buildRoster(peers) };
    return this.roster.roster;
  };

  /** The people on paragraph `id`, self excluded; the same array until that list changes. */
  forParagraph(id: string): readonly Peer[] {
    this.refresh();
    return this.byParagraph.get(id) ?? noPeers;
  }

  /** Calls `listener` after each presence change; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Publishes where this person is: the paragraph in view or focused, and whether they are editing it. */
  setLocation(paragraphId: string | null, editing: boolean): void {
    const state = this.awareness.getLocalState();
    if (!state || (state.paragraphId === paragraphId && state.editing === editing)) return;
    // One awareness update for both fields, not two.
    this.awareness.setLocalState({ ...state, paragraphId, editing });
  }

  /** The place this person last published. */
  getLocation(): { paragraphId: string | null; editing: boolean } {
    const state = this.awareness.getLocalState();
    return {
      paragraphId: typeof state?.paragraphId === 'string' ? state.paragraphId : null,
      editing: state?.editing === true,
    };
  }

  /** Stops following the awareness. */
  destroy(): void {
    this.awareness.off('change', this.onChange);
    if (this.notifyTimer !== null) clearTimeout(this.notifyTimer);
    this.listeners.clear();
  }

  /** Rebuilds the snapshots if the awareness changed since they were last built. */
  private refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const self = this.awareness.clientID;
    const next: Peer[] = [];
    const states = this.awareness.getStates();
    states.forEach((raw, clientId) => {
      const state = clientId === self ? readPresenceState(raw) : this.validate(clientId, raw);
      if (!state) return;
      next.push({ clientId, user: state.user, paragraphId: state.paragraphId, editing: state.editing, isSelf: clientId === self });
    });
    next.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.user.name, b.user.name) || a.clientId - b.clientId);
    if (this.validated.size > states.size * 2 + 16) {
      for (const clientId of this.validated.keys()) if (!states.has(clientId)) this.validated.delete(clientId);
    }
    if (samePeers(this.peers, next)) return;
    this.peers = next;
    this.byParagraph = groupByParagraph(next, this.byParagraph);
    this.version += 1;
  }

  private validate(clientId: number, raw: unknown): PresenceState | null {
    const clock = this.awareness.meta.get(clientId)?.clock ?? -1;
    const known = this.validated.get(clientId);
    if (known && known.clock === clock) return known.state;
    const state = readPresenceState(raw);
    this.validated.set(clientId, { clock, state });
    return state;
  }
}

function groupByParagraph(peers: readonly Peer[], previous: Map<string, readonly Peer[]>): Map<string, readonly Peer[]> {
  const groups = new Map<string, Peer[]>();
  for (const peer of peers) {
    if (peer.isSelf || peer.paragraphId === null) continue;
    const group = groups.get(peer.paragraphId);
    if (group) group.push(peer);
    else groups.set(peer.paragraphId, [peer]);
  }
  // Keep the old array where nothing changed, so only the paragraphs whose people moved re-render.
  const result = new Map<string, readonly Peer[]>();
  for (const [id, group] of groups) {
    const old = previous.get(id);
    result.set(id, old && samePeers(old, group) ? old : group);
  }
  return result;
}

function samePeers(a: readonly Peer[], b: readonly Peer[]): boolean {
  return (
    a.length === b.length &&
    a.every((peer, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        peer.clientId === other.clientId &&
        peer.paragraphId === other.paragraphId &&
        peer.editing === other.editing &&
        peer.isSelf === other.isSelf &&
        sameUser(peer.user, other.user)
      );
    })
  );
}

function sameUser(a: PresenceUser, b: PresenceUser): boolean {
  return a.name === b.name && a.role === b.role && a.delegation === b.delegation && a.color === b.color;
}
