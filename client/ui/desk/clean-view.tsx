/**
 * The clean view: the text as it would read if adopted now, every bracket lifted and nothing else
 * changed (shared/brackets/bracket-text.ts cleanView); alternatives still unresolved stay visible as
 * `[Alt 1: …] [Alt 2: …]` and are counted. Static HTML only: nobody edits here.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { cleanView, type CleanParagraph } from '../../../shared/brackets/bracket-text.ts';
import { ParagraphKind, type ParagraphSnapshot } from '../../../shared/model/paragraph.ts';
import { StaticParagraphText } from '../../editor/static-paragraph.tsx';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import type { DocumentStructure } from '../../sync/negotiation-store.ts';
import { FloorLabel } from './floor-label.tsx';

interface CleanEntry {
  paragraph: ParagraphSnapshot;
  clean: CleanParagraph;
}

/** Props: the live copy and the structure to render. */
export interface CleanViewProps {
  live: LiveNegotiation;
  structure: DocumentStructure;
}

/** The clean text of every paragraph, with the count of unresolved alternatives. */
export function CleanView({ live, structure }: CleanViewProps) {
  const entries = useCleanEntries(live, structure);
  const unresolved = entries.reduce((sum, entry) => sum + entry.clean.unresolvedAlternatives, 0);
  return (
    <div className="clean-view" data-testid="clean-view">
      <p className="clean-view-note" role="status" data-testid="clean-view-summary">
        Clean view: every bracket lifted, nothing else changed.{' '}
        {unresolved === 0
          ? 'No unresolved alternatives.'
          : `${unresolved} unresolved ${unresolved === 1 ? 'set of alternatives stays' : 'sets of alternatives stay'} as written.`}
      </p>
      {entries.map(({ paragraph, clean }) => {
        const slot = structure.slots.find((s) => s.id === paragraph.id);
        const text = <StaticParagraphText runs={clean.runs} source={paragraph.source} />;
        const onFloor = structure.floor === paragraph.id;
        const floor = onFloor ? <FloorLabel /> : null;
        if (paragraph.kind === ParagraphKind.heading) {
          return (
            <div key={paragraph.id} className={`para para--heading clean-para${onFloor ? ' para--floor' : ''}`} data-clean-paragraph-id={paragraph.id}>
              <h2 className="para-heading">
                <div className="para-host">{text}</div>
              </h2>
              {floor}
            </div>
          );
        }
        return (
          <div key={paragraph.id} className={`para para--paragraph clean-para${onFloor ? ' para--floor' : ''}`} data-clean-paragraph={slot?.number ?? undefined} data-clean-paragraph-id={paragraph.id}>
            <div className="para-number">{slot?.number}.</div>
            <div className="para-host">{text}</div>
            {floor}
          </div>
        );
      })}
    </div>
  );
}

/** Every paragraph with its clean runs, re-read when any paragraph or the structure changes. */
function useCleanEntries(live: LiveNegotiation, structure: DocumentStructure): CleanEntry[] {
  const cache = useRef<{ key: readonly (ParagraphSnapshot | undefined)[]; entries: CleanEntry[] } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const stops = structure.slots.map((slot) => live.store.subscribeParagraph(slot.id, listener));
      return () => stops.forEach((stop) => stop());
    },
    [live, structure],
  );
  const read = () => {
    const snapshots = structure.slots.map((slot) => live.store.getParagraph(slot.id));
    const previous = cache.current;
    if (previous && previous.key.length === snapshots.length && previous.key.every((s, i) => s === snapshots[i])) return previous.entries;
    const entries = snapshots.flatMap((paragraph) => (paragraph ? [{ paragraph, clean: cleanView(paragraph.runs, paragraph.brackets ?? []) }] : []));
    cache.current = { key: snapshots, entries };
    return entries;
  };
  return useSyncExternalStore(subscribe, read);
}
