/**
 * Everyone in the room by role (facilitators, delegations, observers) with counts, a search over names
 * and codes, and where each person is: choosing a place brings that paragraph into view. Identities with
 * several connections are one line ("Observer ×120"), so a room of 500 reads as a list of delegations.
 */
import { useDeferredValue, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { nameStatesRole } from '../person-names.ts';
import { roleGroupLabel, roleLabel } from '../role-labels.ts';
import { placeOf, showParagraph, slotIndex, type Place } from './place.ts';
import { filterRoster, type RosterEntry } from './roster.ts';
import type { ParagraphSlot } from '../../sync/negotiation-store.ts';

/** Lines shown per group before "Show all". */
const shownPerGroup = 60;
/** Places shown for one identity with several connections. */
const shownPlaces = 3;

/** Props: the live copy, and what to do after a place was chosen (a popover closes). */
export interface PeopleListProps {
  live: LiveNegotiation;
  onChosen?: () => void;
  /** Focus the search box when mounted (the popover opened). */
  autoFocusSearch?: boolean;
}

/** The list with its search box. */
export function PeopleList({ live, onChosen, autoFocusSearch = false }: PeopleListProps) {
  const roster = useSyncExternalStore(live.presence.subscribe, live.presence.getRoster);
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const slots = useMemo(() => slotIndex(structure), [structure]);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => filterRoster(roster, deferredQuery), [roster, deferredQuery]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const searchId = useId();
  const searching = deferredQuery.trim() !== '';

  const choose = (place: Place) => {
    onChosen?.();
    showParagraph(place.paragraphId);
  };

  return (
    <div className="people-list" data-testid="people-list">
      <label className="people-search" htmlFor={searchId}>
        <span className="visually-hidden">Find a delegation or person</span>
        <input
          id={searchId}
          type="search"
          placeholder="Find a delegation or person"
          autoComplete="off"
          spellCheck={false}
          value={query}
          autoFocus={autoFocusSearch}
          onChange={(event) => setQuery(event.target.value)}
          data-testid="people-search"
        />
      </label>
      <p className="visually-hidden" role="status">
        {searching ? `${shown.total} ${shown.total === 1 ? 'person matches' : 'people match'} “${deferredQuery.trim()}”.` : ''}
      </p>
      {shown.groups.map((group) => {
        const headingId = `${searchId}-${group.role}`;
        const all = expanded.has(group.role) || searching;
        const entries = all ? group.entries : group.entries.slice(0, shownPerGroup);
        return (
          <section key={group.role} className="people-group" aria-labelledby={headingId} data-testid="people-group" data-role={group.role} data-count={group.people}>
            <h3 id={headingId} className="people-group-heading">
              {roleGroupLabel(group.role)}
              <span className="people-group-count" data-testid="people-group-count">
                {group.people}
              </span>
            </h3>
            {group.entries.length === 0 ? (
              <p className="people-none">{searching ? 'No match' : 'Nobody'}</p>
            ) : (
              <ul className="people-rows">
                {entries.map((entry) => (
                  <PersonRow key={entry.key} entry={entry} places={placesOf(entry, slots, live)} onChoose={choose} />
                ))}
              </ul>
            )}
            {entries.length < group.entries.length ? (
              <button type="button" className="link-button people-more" onClick={() => setExpanded(new Set([...expanded, group.role]))}>
                Show all {group.entries.length} {roleGroupLabel(group.role).toLowerCase()}
              </button>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/** The distinct places of an entry's connections, in the order of its connections. */
function placesOf(entry: RosterEntry, slots: ReadonlyMap<string, ParagraphSlot>, live: LiveNegotiation): Place[] {
  const seen = new Map<string, Place>();
  for (const peer of entry.peers) {
    const place = placeOf(peer, slots, live);
    if (place && !seen.has(place.short)) seen.set(place.short, place);
  }
  return [...seen.values()];
}

function PersonRow({ entry, places, onChoose }: { entry: RosterEntry; places: Place[]; onChoose: (place: Place) => void }) {
  const { user, peers, isSelf } = entry;
  const count = peers.length;
  return (
    <li className="person-row" style={{ '--peer-color': user.color } as React.CSSProperties} data-testid="person-row" data-name={user.name}>
      <span className="person-dot" aria-hidden="true" />
      <span className="person-who">
        <span className="person-name">{user.name}</span>
        {user.delegation && user.delegation !== user.name ? <span className="person-code"> {user.delegation}</span> : null}
        {isSelf ? <span className="person-you"> (you)</span> : null}
        {nameStatesRole(user) ? null : <span className="visually-hidden">, {roleLabel(user.role)}</span>}
        {count > 1 ? (
          <span className="person-count" title={`${count} connections`}>
            {' '}
            ×{count}
            <span className="visually-hidden"> connections</span>
          </span>
        ) : null}
      </span>
      <span className="person-places">
        {places.length === 0 ? <span className="person-nowhere">on no paragraph</span> : null}
        {places.slice(0, shownPlaces).map((place) => (
          <button key={place.short} type="button" className="person-place" onClick={() => onChoose(place)} aria-label={`Go to ${place.spoken}`}>
            {place.short}
          </button>
        ))}
        {places.length > shownPlaces ? <span className="person-more-places">+{places.length - shownPlaces} more</span> : null}
      </span>
    </li>
  );
}
