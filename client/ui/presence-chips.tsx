/**
 * Everyone in the room as coloured chips in the top bar: one chip per identity (a delegation with three
 * people open is one chip, "Kenya ×3"), this person's own chip first.
 */
import { useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import type { Peer } from '../sync/presence-store.ts';
import { roleLabel } from './role-labels.ts';

interface Chip {
  key: string;
  peers: Peer[];
}

/** The chips; hovering one tells the role and how many connections it has. */
export function PresenceChips({ live }: { live: LiveNegotiation }) {
  const peers = useSyncExternalStore(live.presence.subscribe, live.presence.getPeers);
  const chips: Chip[] = [];
  for (const peer of peers) {
    const key = `${peer.user.role}:${peer.user.delegation ?? ''}:${peer.user.name}`;
    const chip = chips.find((candidate) => candidate.key === key);
    if (chip) chip.peers.push(peer);
    else chips.push({ key, peers: [peer] });
  }
  return (
    <ul className="presence-chips" aria-label="In the room" data-testid="presence-chips">
      {chips.map(({ key, peers: group }) => {
        const first = group[0] as Peer;
        const self = group.some((peer) => peer.isSelf);
        const count = group.length;
        return (
          <li
            key={key}
            className={`presence-chip${self ? ' presence-chip--self' : ''}`}
            style={{ '--peer-color': first.user.color } as React.CSSProperties}
            title={`${first.user.name} · ${roleLabel(first.user.role)}${count > 1 ? ` · ${count} connections` : ''}${self ? ' (you)' : ''}`}
            data-testid="presence-chip"
            data-name={first.user.name}
          >
            <span className="presence-chip-dot" aria-hidden="true" />
            <span className="presence-chip-name">{first.user.name}</span>
            {count > 1 ? <span className="presence-chip-count">×{count}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
