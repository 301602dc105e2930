/**
 * The side panel's "In the room" section built on the grouped, searchable people list (people-list.tsx),
 * a drop-in for the one-line-per-connection RoomList, which does not stay readable with 500 people.
 */
import { useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { PeopleList } from './people-list.tsx';
import './people-popover.css';

/** The section: a heading with the count, then everyone by role with a search. */
export function RoomPeopleSection({ live }: { live: LiveNegotiation }) {
  const roster = useSyncExternalStore(live.presence.subscribe, live.presence.getRoster);
  return (
    <section className="panel-section room-people-section" aria-labelledby="room-people-section-heading" data-testid="room-people-section">
      <h2 id="room-people-section-heading" className="panel-heading">
        In the room · {roster.total}
      </h2>
      <PeopleList live={live} />
    </section>
  );
}
