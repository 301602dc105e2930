/**
 * The people in the room, one line per connection, with where each is: "Kenya — ¶12, editing".
 * Choosing a line brings that paragraph into view.
 */
import { useSyncExternalStore } from 'react';
import { plainText } from '../../shared/model/text-run.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import type { DocumentStructure } from '../sync/negotiation-store.ts';
import type { Peer } from '../sync/presence-store.ts';
import { paragraphElementId } from './paragraph-block.tsx';
import { nameStatesRole } from './person-names.ts';
import { roleLabel } from './role-labels.ts';

/** Where a person is, in words: "¶12, editing", "heading “Introduction”", "title". */
export function placeOf(peer: Peer, live: LiveNegotiation, structure: DocumentStructure): string {
  if (peer.paragraphId === null) return 'at the top';
  const slot = structure.slots.find((candidate) => candidate.id === peer.paragraphId);
  if (!slot) return 'at the top';
  let place: string;
  if (slot.number !== null) place = `¶${slot.number}`;
  else {
    const text = plainText(live.store.getParagraph(slot.id)?.runs ?? []);
    place = `“${text.length > 28 ? `${text.slice(0, 27)}…` : text}”`;
  }
  return peer.editing ? `${place}, editing` : place;
}

/** The list for the side panel. */
export function RoomList({ live, structure }: { live: LiveNegotiation; structure: DocumentStructure }) {
  const peers = useSyncExternalStore(live.presence.subscribe, live.presence.getPeers);
  return (
    <section className="panel-section" aria-label="In the room">
      <h2 className="panel-heading">In the room · {peers.length}</h2>
      <ul className="room-list" data-testid="presence-list">
        {peers.map((peer) => (
          <li key={peer.clientId} style={{ '--peer-color': peer.user.color } as React.CSSProperties} data-testid="presence-entry">
            <button
              type="button"
              className="room-entry"
              disabled={peer.paragraphId === null}
              onClick={() => peer.paragraphId && document.getElementById(paragraphElementId(peer.paragraphId))?.scrollIntoView({ block: 'center', behavior: 'smooth' })}
            >
              <span className="room-entry-dot" aria-hidden="true" />
              <span className="room-entry-who">
                {peer.user.name}
                {peer.isSelf ? <span className="room-entry-you"> (you)</span> : null}
                {nameStatesRole(peer.user) ? null : <span className="room-entry-role"> · {roleLabel(peer.user.role)}</span>}
              </span>
              <span className={`room-entry-place${peer.editing ? ' room-entry-place--editing' : ''}`}>{placeOf(peer, live, structure)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
