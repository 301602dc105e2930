/**
 * A glance at who else is in the room, as coloured chips in the top bar: one chip per identity (a
 * delegation with three people connected is one chip, "Kenya ×3"), facilitators first, then those
 * editing, then the rest; observers are only counted (RoomPeopleButton). As many chips as fit on one line
 * show, the rest wrap out of sight: the bar never overlaps. This person is shown at the right of the bar.
 */
import { useSyncExternalStore } from 'react';
import { Role } from '../../shared/protocol/presence.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { chipName } from './person-names.ts';
import type { RosterEntry } from './presence/roster.ts';
import { roleLabel } from './role-labels.ts';

const maxChips = 6;

/** The chips; hovering one tells the role and how many connections it has. */
export function PresenceChips({ live }: { live: LiveNegotiation }) {
  const roster = useSyncExternalStore(live.presence.subscribe, live.presence.getRoster);
  const others = roster.groups
    .filter((group) => group.role !== Role.observer)
    .flatMap((group) => group.entries)
    .filter((entry) => !entry.isSelf || entry.peers.length > 1);
  // Alone, there is nobody to show: the room's count beside it ("1 in the room") says so already.
  if (roster.total <= 1) return null;
  const chips = [...others].sort((a, b) => rank(a) - rank(b)).slice(0, maxChips);
  if (chips.length === 0) return null;
  return (
    <ul className="presence-chips" aria-label="Also in the room, among others" data-testid="presence-chips">
      {chips.map(({ key, user, peers, isSelf }) => {
        const count = isSelf ? peers.length - 1 : peers.length;
        return (
          <li
            key={key}
            className="presence-chip"
            style={{ '--peer-color': user.color } as React.CSSProperties}
            title={`${user.name} · ${roleLabel(user.role)}${count > 1 ? ` · ${count} connections` : ''}`}
            data-testid="presence-chip"
            data-name={user.name}
          >
            <span className="presence-chip-dot" aria-hidden="true" />
            <span className="presence-chip-name">{chipName(user)}</span>
            {count > 1 ? <span className="presence-chip-count">×{count}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** Facilitators first, then identities with someone editing, then the rest (the roster's name order within). */
function rank(entry: RosterEntry): number {
  if (entry.user.role === Role.facilitator) return 0;
  return entry.peers.some((peer) => peer.editing && !peer.isSelf) ? 1 : 2;
}
