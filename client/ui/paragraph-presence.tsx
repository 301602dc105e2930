/**
 * Small coloured markers beside a paragraph for each other person looking at or editing it.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { markerName } from './person-names.ts';

/** The markers of the people on paragraph `id` (this person excluded). */
export function ParagraphPresence({ live, id }: { live: LiveNegotiation; id: string }) {
  const peers = useSyncExternalStore(
    useCallback((listener: () => void) => live.presence.subscribe(listener), [live]),
    () => live.presence.forParagraph(id),
  );
  if (peers.length === 0) return null;
  return (
    <span className="presence-markers" data-testid="paragraph-presence">
      {peers.map((peer) => (
        <span
          key={peer.clientId}
          className={`presence-marker${peer.editing ? ' presence-marker--editing' : ''}`}
          style={{ '--peer-color': peer.user.color } as React.CSSProperties}
          title={`${peer.user.name} — ${peer.editing ? 'editing' : 'reading'} this paragraph`}
        >
          <span className="presence-marker-dot" aria-hidden="true" />
          {markerName(peer.user)}
          {peer.editing ? <span className="presence-marker-pen" aria-label="editing">✎</span> : null}
        </span>
      ))}
    </span>
  );
}
