/**
 * Small coloured markers beside a paragraph for each other person looking at or editing it: those editing
 * first, at most a few, then "+12" for the rest (named on hover and read by screen readers), so a
 * paragraph fifty delegations are reading stays one short column.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import type { Peer } from '../sync/presence-store.ts';
import { markerName } from './person-names.ts';

const maxMarkers = 3;

/** The markers of the people on paragraph `id` (this person excluded). */
export function ParagraphPresence({ live, id }: { live: LiveNegotiation; id: string }) {
  const peers = useSyncExternalStore(
    useCallback((listener: () => void) => live.presence.subscribe(listener), [live]),
    () => live.presence.forParagraph(id),
  );
  if (peers.length === 0) return null;
  const ordered = [...peers].sort((a, b) => Number(b.editing) - Number(a.editing));
  const shown = ordered.slice(0, ordered.length > maxMarkers + 1 ? maxMarkers : maxMarkers + 1);
  const rest = ordered.slice(shown.length);
  return (
    <span className="presence-markers" data-testid="paragraph-presence">
      <span className="visually-hidden">{spoken(ordered)}</span>
      {shown.map((peer) => (
        <span
          key={peer.clientId}
          className={`presence-marker${peer.editing ? ' presence-marker--editing' : ''}`}
          style={{ '--peer-color': peer.user.color } as React.CSSProperties}
          title={`${peer.user.name} — ${peer.editing ? 'editing' : 'reading'} this paragraph`}
          aria-hidden="true"
        >
          <span className="presence-marker-dot" />
          <span className="presence-marker-name">{markerName(peer.user)}</span>
        </span>
      ))}
      {rest.length > 0 ? (
        <span className="presence-marker presence-marker--more" title={rest.map((peer) => peer.user.name).join(', ')} aria-hidden="true" data-testid="paragraph-presence-more">
          +{rest.length}
        </span>
      ) : null}
    </span>
  );
}

/** "Here: Kenya (editing), EU and 12 others." */
function spoken(peers: readonly Peer[]): string {
  const named = peers.slice(0, 5).map((peer) => `${peer.user.name}${peer.editing ? ' (editing)' : ''}`);
  const others = peers.length - named.length;
  return `Here: ${named.join(', ')}${others > 0 ? ` and ${others} ${others === 1 ? 'other' : 'others'}` : ''}.`;
}
