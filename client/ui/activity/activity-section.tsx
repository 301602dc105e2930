/**
 * The room's feed in the side panel: what everyone did, newest first, live, with older pages on request.
 * Not a live region: in a busy room every keystroke batch would be read out; people come to it.
 */
import { useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { ActivityEntryItem } from './activity-entry.tsx';
import { ActivityListEnd } from './activity-list-end.tsx';
import { entryPlace } from './entry-place.ts';
import '../styles/activity.css';

const headingId = 'activity-heading';

/** The section, for one live copy. */
export function ActivitySection({ live }: { live: LiveNegotiation }) {
  const feed = useSyncExternalStore(live.activity.subscribe, live.activity.getSnapshot);
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  return (
    <section className="panel-section activity-section" aria-labelledby={headingId} data-testid="activity-section">
      <h2 className="panel-heading" id={headingId}>
        Activity
      </h2>
      {feed.entries.length > 0 ? (
        <ol className="activity-list" data-testid="activity-feed">
          {feed.entries.map((entry) => (
            <ActivityEntryItem key={entry.id} entry={entry} place={entryPlace(structure, live.store, entry.paragraphId)} live={live} offerHistory redline="folded" />
          ))}
        </ol>
      ) : null}
      <ActivityListEnd list={feed} empty="Nothing has happened in the text yet." onOlder={live.activity.loadOlder} onRetry={live.activity.retry} />
    </section>
  );
}
