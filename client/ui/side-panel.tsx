/**
 * The quiet panel beside the document: progress, what this person may do, who is in the room, downloads
 * of the text, and the room's activity. On a phone it sits above the text, so it opens folded: progress and
 * rights stay, the downloads and the activity wait behind one button, and the text starts on the first screen.
 */
import { useState, useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { ActivitySection } from './activity/activity-section.tsx';
import { DownloadSection } from './download-section.tsx';
import { ProgressSummary } from './progress-summary.tsx';
import { roleRights } from './role-labels.ts';
import { RoomPeopleSection } from './presence/room-people-section.tsx';

const restId = 'side-panel-rest';

/** The panel for one live copy. */
export function SidePanel({ live, session }: { live: LiveNegotiation; session: SessionInfo }) {
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const [unfolded, setUnfolded] = useState(false);
  return (
    <aside className={`side-panel${unfolded ? ' side-panel--unfolded' : ''}`} aria-label="Negotiation">
      <ProgressSummary progress={structure.progress} />
      <section className="panel-section" aria-label="Your rights">
        <p className={`rights rights--${session.role}`} data-testid="role-hint">
          {roleRights(session.role)}
        </p>
      </section>
      {/* Shown on phones only (client/ui/styles/room-layout.css); elsewhere everything is unfolded. */}
      <button type="button" className="side-panel-fold" aria-expanded={unfolded} aria-controls={restId} onClick={() => setUnfolded(!unfolded)} data-testid="side-panel-fold">
        {unfolded ? 'Hide the activity' : 'Show the activity'}
      </button>
      <div className="side-panel-rest" id={restId}>
        <RoomPeopleSection live={live} />
        <DownloadSection negotiationId={live.provider.roomname} />
        <ActivitySection live={live} />
      </div>
    </aside>
  );
}
