/**
 * The redline of one entry, with its texts from the feed: a decision carries them; a text edit's are
 * fetched when the redline is first shown, and again whenever the entry has grown since (while shown, it
 * follows the typing every few seconds). Older texts stay on screen while newer ones load.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ActivityEntry } from '../../../shared/protocol/activity.ts';
import type { ActivityFeed } from '../../sync/activity-feed.ts';
import { RedlineText } from './redline-text.tsx';

/** Props: the feed the entry is in, the entry, and whether long unchanged stretches are cut. */
export interface EntryRedlineProps {
  feed: ActivityFeed;
  entry: ActivityEntry;
  condensed?: boolean;
}

/** The redline, or what stands in for it while loading or after a failure. */
export function EntryRedline({ feed, entry, condensed = false }: EntryRedlineProps) {
  const texts = useSyncExternalStore(feed.subscribeTexts, () => feed.textsOf(entry));
  const current = texts !== null && texts.error === null && texts.lastAt >= entry.lastAt;
  useEffect(() => {
    if (!current) feed.requestTexts(entry);
  }, [feed, entry, current]);

  if (texts?.error) {
    return (
      <p className="activity-note activity-note--failed" role="alert">
        The change could not be loaded: {texts.error}{' '}
        <button type="button" className="activity-more" onClick={() => feed.requestTexts(entry)}>
          Try again
        </button>
      </p>
    );
  }
  if (!texts) {
    return (
      <p className="activity-note" role="status">
        Loading the change…
      </p>
    );
  }
  if (texts.before === texts.after) return <p className="activity-note">The words are as they were.</p>;
  return <RedlineText before={texts.before} after={texts.after} condensed={condensed} />;
}
