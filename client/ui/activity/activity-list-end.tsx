/**
 * What follows a list of activity: loading, nothing yet, a failure with a retry, or the button for older
 * entries. Shared by the room's feed and each paragraph's history.
 */
import type { ActivityListSnapshot } from '../../sync/activity-feed.ts';

/** Props: the list, the sentence for an empty one, and what the buttons do. */
export interface ActivityListEndProps {
  list: ActivityListSnapshot;
  empty: string;
  onOlder: () => void;
  onRetry: () => void;
}

/** The line under the list (or in its place). */
export function ActivityListEnd({ list, empty, onOlder, onRetry }: ActivityListEndProps) {
  if (list.state === 'failed') {
    return (
      <p className="activity-note activity-note--failed" role="alert">
        The activity could not be loaded: {list.error}{' '}
        <button type="button" className="activity-more" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  }
  if (list.state === 'loading' && list.entries.length === 0) {
    return (
      <p className="activity-note" role="status">
        Loading the activity…
      </p>
    );
  }
  if (list.state === 'ready' && list.entries.length === 0) return <p className="activity-note">{empty}</p>;
  return (
    <>
      {list.error ? (
        <p className="activity-note activity-note--failed" role="alert">
          Older entries could not be loaded: {list.error}
        </p>
      ) : null}
      {list.hasOlder ? (
        <button type="button" className="activity-more" onClick={onOlder} disabled={list.loadingOlder} data-testid="activity-older">
          {list.loadingOlder ? 'Loading…' : 'Show older'}
        </button>
      ) : null}
    </>
  );
}
