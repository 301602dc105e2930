/**
 * The room as people read it: everyone grouped by role (facilitators, delegations, observers), each
 * identity once with its connections ("Kenya ×3"), and a search over names and codes. Pure.
 */
import { Role, type PresenceUser } from '../../../shared/protocol/presence.ts';
import type { Peer } from '../../sync/presence-store.ts';

/** One identity in the room and the connections it has open. */
export interface RosterEntry {
  key: string;
  user: PresenceUser;
  /** Its connections, this page's own first. */
  peers: readonly Peer[];
  /** True when one of the connections is this page. */
  isSelf: boolean;
}

/** The people of one role. */
export interface RoleGroup {
  role: Role;
  /** Connections of this role (a delegation's three laptops count three). */
  people: number;
  entries: readonly RosterEntry[];
}

/** Everyone, by role, in the order facilitators, delegations, observers (every group present, maybe empty). */
export interface Roster {
  total: number;
  groups: readonly RoleGroup[];
}

/** The roles in the order the page lists them. */
export const roleOrder = [Role.facilitator, Role.delegation, Role.observer] as const;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The identity key that folds a person's connections together. */
export function identityKey(user: PresenceUser): string {
  return `${user.role}:${user.delegation ?? ''}:${user.name}`;
}

/** The roster of `peers`. */
export function buildRoster(peers: readonly Peer[]): Roster {
  const byKey = new Map<string, { user: PresenceUser; peers: Peer[]; isSelf: boolean }>();
  for (const peer of peers) {
    const key = identityKey(peer.user);
    const entry = byKey.get(key);
    if (!entry) byKey.set(key, { user: peer.user, peers: [peer], isSelf: peer.isSelf });
    else if (peer.isSelf) {
      entry.peers.unshift(peer);
      entry.isSelf = true;
    } else entry.peers.push(peer);
  }
  const groups = roleOrder.map((role): RoleGroup => {
    const entries: RosterEntry[] = [];
    let people = 0;
    for (const [key, entry] of byKey) {
      if (entry.user.role !== role) continue;
      entries.push({ key, ...entry });
      people += entry.peers.length;
    }
    entries.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || collator.compare(a.user.name, b.user.name));
    return { role, people, entries };
  });
  return { total: peers.length, groups };
}

/** Folds case and accents away: "Côte d’Ivoire" is found by "cote". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The roster narrowed to identities whose name or delegation code contains `query` (all of it when blank). */
export function filterRoster(roster: Roster, query: string): Roster {
  const needle = searchable(query.trim());
  if (needle === '') return roster;
  const groups = roster.groups.map((group): RoleGroup => {
    const entries = group.entries.filter(
      ({ user }) => searchable(user.name).includes(needle) || (user.delegation !== null && searchable(user.delegation).includes(needle)),
    );
    return { role: group.role, entries, people: entries.reduce((sum, entry) => sum + entry.peers.length, 0) };
  });
  return { total: groups.reduce((sum, group) => sum + group.people, 0), groups };
}
