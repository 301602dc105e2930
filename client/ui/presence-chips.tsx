/**
 * The other people in the room as coloured chips in the top bar: one chip per identity (a delegation
 * with three people connected is one chip, "Kenya ×3"). This person is shown at the right of the bar,
 * not here.
 */
import { useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import type { Peer } from '../sync/presence-store.ts';
import { chipName } from './person-names.ts';
import { roleLabel } from './role-labels.ts';

const maxChips = 5;

interface Chip {
  key: string;
  peers: Peer[];
}

/** The chips; hovering one tells the role and how many connections it has. */
export function PresenceChips({ live }: { live: LiveNegotiation }) {
  const peers = useSyncExternalStore(live.presence.subscribe, live.presence.getPeers);
  const chips: Chip[] = [];
  for (const peer of peers) {
    if (peer.isSelf) continue;
    const key = `${peer.user.role}:${peer.user.delegation ?? ''}:${peer.user.name}`;
    const chip = chips.find((candidate) => candidate.key === key);
    if (chip) chip.peers.push(peer);
    else chips.push({ key, peers: [peer] });
  }
  if (chips.length === 0) {
    return (
      <span className="presence-alone" data-testid="presence-chips">
        Only you in the room
      </span>
    );
  }
  const shown = chips.slice(0, maxChips);
  const hidden = chips.slice(maxChips);
  return (
    <ul className="presence-chips" aria-label="Also in the room" data-testid="presence-chips">
      {shown.map(({ key, peers: group }) => {
        const first = group[0] as Peer;
        const count = group.length;
        return (
          <li
            key={key}
            className="presence-chip"
            style={{ '--peer-color': first.user.color } as React.CSSProperties}
            title={`${first.user.name} · ${roleLabel(first.user.role)}${count > 1 ? ` · ${count} connections` : ''}`}
            data-testid="presence-chip"
            data-name={first.user.name}
          >
            <span className="presence-chip-dot" aria-hidden="true" />
            <span className="presence-chip-name">{chipName(first.user)}</span>
            {count > 1 ? <span className="presence-chip-count">×{count}</span> : null}
          </li>
        );
      })}
      {hidden.length > 0 ? (
        <li className="presence-chip presence-chip--more" title={hidden.map((chip) => chip.peers[0]?.user.name).join(', ')}>
          +{hidden.length}
        </li>
      ) : null}
    </ul>
  );
}
