/**
 * The filter bar under the toolbar: a search over the text and the proposals, the filters (proposals by a
 * delegation, open proposals, bracketed, paragraph status) behind one disclosure, and, while any is set,
 * how many paragraphs are shown ("12 of 148 paragraphs") with one button back to all of them.
 */
import { useId, useMemo, useState, useSyncExternalStore } from 'react';
import { ParagraphStatus, isParagraphStatus } from '../../../shared/model/paragraph.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { useDelegationNames } from '../brackets/delegation-names.ts';
import { statusText } from '../status-label.tsx';
import { filtersActive, noFilters, visibilitySentence, type DocumentFilters, type Visibility } from './document-filters.ts';
import './filters.css';

/** Props: the live copy (its proposals name the delegations), the filters and their setter, what they show. */
export interface FilterBarProps {
  live: LiveNegotiation;
  filters: DocumentFilters;
  onChange: (filters: DocumentFilters) => void;
  visibility: Visibility | null;
}

/** The search, the filters and the count. */
export function FilterBar({ live, filters, onChange, visibility }: FilterBarProps) {
  const id = useId();
  const own = live.user.delegation;
  const delegations = useProposingDelegations(live, own, filters.delegation);
  const names = useDelegationNames(live.doc);
  const set = (change: Partial<DocumentFilters>) => onChange({ ...filters, ...change });
  const narrowing = [filters.delegation !== null, filters.openProposals, filters.bracketed, filters.status !== null].filter(Boolean).length;
  // Open at first when filters are set; then the person opens and closes it, and it stays as they left it.
  const [expanded, setExpanded] = useState(narrowing > 0);

  return (
    <div className="filter-bar" data-testid="filter-bar">
      <div className="filter-row">
        <label className="filter-search">
          <span className="visually-hidden">Search the text and the proposals</span>
          <input
            type="search"
            value={filters.search}
            placeholder="Search text and proposals"
            maxLength={200}
            onChange={(event) => set({ search: event.target.value })}
            data-testid="filter-search"
          />
        </label>
        <details className="filter-more" open={expanded} onToggle={(event) => setExpanded(event.currentTarget.open)}>
          <summary data-testid="filter-toggle">Filters{narrowing > 0 ? ` (${narrowing})` : ''}</summary>
          <div className="filter-fields">
            <span className="filter-pair">
              <label className="filter-field" htmlFor={`${id}-delegation`}>
                Proposals by
              </label>
              <select
                id={`${id}-delegation`}
                value={filters.delegation ?? ''}
                onChange={(event) => set({ delegation: event.target.value === '' ? null : event.target.value })}
                data-testid="filter-delegation"
              >
                <option value="">any delegation</option>
                {delegations.map((code) => (
                  <option key={code} value={code}>
                    {code === own ? `my delegation (${names.get(code) ?? code})` : (names.get(code) ?? code)}
                  </option>
                ))}
              </select>
            </span>
            <label className="filter-check">
              <input type="checkbox" checked={filters.openProposals} onChange={(event) => set({ openProposals: event.target.checked })} data-testid="filter-open" />
              With open proposals
            </label>
            <label className="filter-check">
              <input type="checkbox" checked={filters.bracketed} onChange={(event) => set({ bracketed: event.target.checked })} data-testid="filter-bracketed" />
              Bracketed
            </label>
            <span className="filter-pair">
              <label className="filter-field" htmlFor={`${id}-status`}>
                Status
              </label>
              <select
                id={`${id}-status`}
                value={filters.status ?? ''}
                onChange={(event) => set({ status: isParagraphStatus(event.target.value) ? event.target.value : null })}
                data-testid="filter-status"
              >
                <option value="">any status</option>
                {Object.values(ParagraphStatus).map((status) => (
                  <option key={status} value={status}>
                    {statusText(status)}
                  </option>
                ))}
              </select>
            </span>
          </div>
        </details>
      </div>
      {visibility && filtersActive(filters) ? (
        <p className="filter-count" role="status" data-testid="filter-count">
          <span>
            Showing <strong>{visibilitySentence(visibility)}</strong>
          </span>
          <button type="button" className="link-button" onClick={() => onChange(noFilters)} data-testid="filter-clear">
            Show all
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** This person's delegation first, then every delegation with a proposal (and the one filtered by), by code. */
function useProposingDelegations(live: LiveNegotiation, own: string | null, chosen: string | null): string[] {
  const all = useSyncExternalStore(live.proposals.subscribe, live.proposals.getAll);
  return useMemo(() => {
    const codes = new Set(all.map((proposal) => proposal.delegation).filter((code) => code !== ''));
    if (chosen !== null) codes.add(chosen);
    if (own !== null) codes.delete(own);
    return [...(own !== null ? [own] : []), ...[...codes].sort()];
  }, [all, own, chosen]);
}
