/**
 * The document's filters as React state: kept per negotiation in this browser (localStorage, like the other
 * view options), and the paragraphs they let through, followed live as text, brackets and proposals change.
 */
import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import type { DocumentStructure } from '../../sync/negotiation-store.ts';
import { readString, writeStored } from '../desk/view-options.ts';
import { filtersActive, parseFilters, visibleParagraphs, type DocumentFilters, type Visibility } from './document-filters.ts';

/** The storage key of a negotiation's filters. */
export function filterKey(negotiationId: string): string {
  return `draftroom:filters:${negotiationId}`;
}

/** The filters of `negotiationId`, kept in this browser; value and setter (noFilters clears them). */
export function useStoredFilters(negotiationId: string): [DocumentFilters, (filters: DocumentFilters) => void] {
  const [filters, setFilters] = useState(() => parseFilters(readString(filterKey(negotiationId))));
  const set = useCallback(
    (next: DocumentFilters) => {
      setFilters(next);
      writeStored(filterKey(negotiationId), filtersActive(next) ? JSON.stringify(next) : null);
    },
    [negotiationId],
  );
  return [filters, set];
}

/**
 * The paragraphs shown under `filters`, or null when none is set (everything shown, nothing followed).
 * The same object until what is shown or counted changes, so typing does not re-render the document.
 */
export function useVisibleParagraphs(live: LiveNegotiation, structure: DocumentStructure, filters: DocumentFilters): Visibility | null {
  const active = filtersActive(filters);
  const cache = useRef<{ key: string; visibility: Visibility } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!active) return () => {};
      const stops = structure.slots.map((slot) => live.store.subscribeParagraph(slot.id, listener));
      stops.push(live.proposals.subscribe(listener), live.editors.subscribe(listener));
      return () => stops.forEach((stop) => stop());
    },
    [live, structure, active],
  );
  const read = () => {
    if (!active) return null;
    const visibility = visibleParagraphs(
      structure.slots,
      (id) => live.store.getParagraph(id),
      (id) => live.proposals.forParagraph(id),
      filters,
      live.editors.getFocused(),
    );
    const key = `${visibility.shown}/${visibility.total}:${[...visibility.ids].join(',')}`;
    if (cache.current?.key !== key) cache.current = { key, visibility };
    return cache.current.visibility;
  };
  return useSyncExternalStore(subscribe, read);
}
