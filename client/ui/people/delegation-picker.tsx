/**
 * Adding a delegation from the ready list: a search field that offers matches as one types ("ken" →
 * Kenya, "g77" → G77 and China). Arrow keys move through the offers, Enter or a click adds one. Those the
 * negotiation already has are shown as added, so nobody wonders where they went.
 */
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { CatalogEntry } from '../../../shared/delegation-catalog.ts';
import type { Delegation } from '../../../shared/model/delegations.ts';
import { fetchCatalog, type PeopleClient } from '../../sync/people-api.ts';
import { searchCatalog } from './catalog-search.ts';
import { errorText } from './format.ts';
import { PeopleError } from './people-error.tsx';

/** Props: the delegations the negotiation has, the API, and what to do once one was added. */
export interface DelegationPickerProps {
  delegations: readonly Delegation[];
  api: PeopleClient;
  onAdded: (delegation: Delegation) => void;
}

const kindWords: Readonly<Record<CatalogEntry['kind'], string>> = { state: 'Member State', group: 'Group', observer: 'Observer State' };

/** The search field and its list of offers. */
export function DelegationPicker({ delegations, api, onAdded }: DelegationPickerProps) {
  const [catalog, setCatalog] = useState<CatalogEntry[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    let current = true;
    fetchCatalog().then(
      (entries) => current && setCatalog(entries),
      (caught: unknown) => current && setError(`The ready list could not be loaded: ${errorText(caught)}`),
    );
    return () => {
      current = false;
    };
  }, []);

  const taken = useMemo(() => new Set(delegations.map((d) => d.code)), [delegations]);
  const matches = useMemo(() => (catalog ? searchCatalog(catalog, query, taken) : []), [catalog, query, taken]);
  const open = focused && query.trim() !== '' && catalog !== null;

  const add = async (entry: CatalogEntry) => {
    if (taken.has(entry.code) || busy) return;
    setBusy(true);
    setError(null);
    try {
      const added = await api.putDelegation(entry.code, entry.name);
      setQuery('');
      onAdded(added);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (matches.length > 0) setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const match = matches[active];
      if (match) void add(match.entry);
    } else if (event.key === 'Escape' && query !== '') {
      event.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className="delegation-picker">
      <label className="people-label" htmlFor={`${listId}-field`}>
        Add from the list of Member States, observer States and groups
      </label>
      <input
        id={`${listId}-field`}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${matches[active].entry.code}` : undefined}
        placeholder={catalog ? 'Type a name or code: Kenya, KEN, G77…' : 'Loading the list…'}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setError(null);
        }}
        onKeyDown={onKey}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        disabled={busy}
        autoComplete="off"
        spellCheck={false}
        data-testid="delegation-search"
      />
      {open ? (
        <ul className="picker-offers" id={listId} role="listbox" aria-label="Matching delegations" data-testid="delegation-offers">
          {matches.length === 0 ? (
            <li className="picker-none" role="presentation">
              Nothing in the list matches “{query.trim()}”. Add it as a custom delegation below.
            </li>
          ) : (
            matches.map(({ entry, added }, index) => (
              <li
                key={entry.code}
                id={`${listId}-${entry.code}`}
                role="option"
                aria-selected={index === active}
                aria-disabled={added}
                className={`picker-offer${index === active ? ' picker-offer--active' : ''}${added ? ' picker-offer--added' : ''}`}
                // Keeps the focus in the field, so typing can go on after a miss.
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => void add(entry)}
                data-testid="delegation-offer"
                data-code={entry.code}
              >
                <span className="delegation-code">{entry.code}</span>
                <span className="picker-offer-name">{entry.name}</span>
                <span className="picker-offer-kind">{added ? 'in the list' : kindWords[entry.kind]}</span>
              </li>
            ))
          )}
        </ul>
      ) : null}
      <PeopleError error={error} />
    </div>
  );
}
