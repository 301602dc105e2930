/**
 * One line of the activity: who (name, role, delegation code), what (the server's sentence), when, which
 * paragraph (a button that brings it into view, and in the feed one that opens its history), and for a
 * change of words the redline, folded away in the feed and open in a paragraph's history. The redline is computed only once it is shown.
 */
import { useState } from 'react';
import { textEditAction, type ActivityActor, type ActivityEntry } from '../../../shared/protocol/activity.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { showParagraph } from '../presence/place.ts';
import { roleLabel } from '../role-labels.ts';
import { ParagraphHistoryButton } from './paragraph-history-button.tsx';
import { EntryRedline } from './entry-redline.tsx';
import { RelativeTime } from './relative-time.tsx';

/** Where an entry's paragraph is now: its short label ("¶12", "“Commitments”") and its spoken one. */
export interface EntryPlace {
  short: string;
  spoken: string;
}

/** Props: the entry, where its paragraph is now (null: gone, or shown in its own history), and how the redline shows. */
export interface ActivityEntryProps {
  entry: ActivityEntry;
  place: EntryPlace | null;
  /** The live copy: its feed holds the entry's texts. */
  live: LiveNegotiation;
  /** True when the entry offers its paragraph's history beside its place (the room's feed). */
  offerHistory: boolean;
  /** 'folded': a disclosure, condensed; 'open': shown whole. */
  redline: 'folded' | 'open';
}

/** The entry as a list item. */
export function ActivityEntryItem({ entry, place, live, offerHistory, redline }: ActivityEntryProps) {
  const changed = hasRedline(entry);
  return (
    <li className="activity-entry" data-testid="activity-entry" data-action={entry.action} data-entry-id={entry.id}>
      <p className="activity-who-line">
        <span className="activity-who">{entry.actor.name}</span>
        <ActorRole actor={entry.actor} />
        <RelativeTime at={entry.at} lastAt={entry.lastAt} />
      </p>
      <p className="activity-what">
        <span data-testid="activity-summary">{sentence(entry.summary)}</span>
        {place && entry.paragraphId ? (
          <>
            {' '}
            <span className="activity-links">
              <button
                type="button"
                className="activity-place"
                onClick={() => showParagraph(entry.paragraphId as string)}
                aria-label={`Go to ${place.spoken}`}
                title={`Go to ${place.spoken}`}
                data-testid="activity-place"
              >
                {place.short}
              </button>
              {offerHistory ? <ParagraphHistoryButton live={live} paragraphId={entry.paragraphId} label={`History of ${place.spoken}`} /> : null}
            </span>
          </>
        ) : null}
      </p>
      {changed && redline === 'open' ? <EntryRedline feed={live.activity} entry={entry} /> : null}
      {changed && redline === 'folded' ? <FoldedRedline live={live} entry={entry} /> : null}
    </li>
  );
}

/** True when the entry changed words: a text edit (pushed without its texts), a paragraph merged, deleted or inserted with text. */
export function hasRedline(entry: ActivityEntry): boolean {
  if (entry.action === textEditAction) return true;
  return (entry.before !== null || entry.after !== null) && (entry.before ?? '') !== (entry.after ?? '');
}

function FoldedRedline({ live, entry }: { live: LiveNegotiation; entry: ActivityEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="activity-change" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="activity-change">
      <summary>What changed</summary>
      {open ? <EntryRedline feed={live.activity} entry={entry} condensed /> : null}
    </details>
  );
}

// Beside the name: the delegation's code and the role, as far as the name does not say them already
// ("Kenya" → "KEN · delegation"; "Facilitator" → nothing).
function ActorRole({ actor }: { actor: ActivityActor }) {
  const role = roleLabel(actor.role);
  const code = actor.delegation && actor.delegation !== actor.name ? actor.delegation : null;
  const words = [code, actor.name.startsWith(role) ? null : role.toLowerCase()].filter((word): word is string => word !== null);
  if (words.length === 0) return null;
  return <span className="activity-role">{words.join(' · ')}</span>;
}

// The server's summaries start with their verb ("marked paragraph 2 agreed"); on a line of their own they
// read as a sentence.
function sentence(summary: string): string {
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}
