/**
 * The quiet panel beside the document: progress, what this person may do, who is in the room, and the
 * room's activity.
 */
import { useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { ActivitySection } from './activity/activity-section.tsx';
import { ProgressSummary } from './progress-summary.tsx';
import { roleRights } from './role-labels.ts';
import { RoomPeopleSection } from './presence/room-people-section.tsx';

/** The panel for one live copy. */
export function SidePanel({ live, session }: { live: LiveNegotiation; session: SessionInfo }) {
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  return (
    <aside className="side-panel" aria-label="Negotiation">
      <ProgressSummary progress={structure.progress} />
      <section className="panel-section" aria-label="Your rights">
        <p className={`rights rights--${session.role}`} data-testid="role-hint">
          {roleRights(session.role)}
        </p>
      </section>
      <RoomPeopleSection live={live} />
      <ActivitySection live={live} />
    </aside>
  );
}
