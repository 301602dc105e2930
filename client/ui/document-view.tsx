/**
 * The negotiated text as a document: the toolbar (the floor, follow the floor, the view, the filters), the
 * centered title block, the numbered paragraphs under their headings (or their clean text, or the
 * compilation), in the text a line where an accepted deletion took a paragraph out, and the footnotes.
 * Filters hide the paragraphs that do not match in the text and the compilation views (and the lines after
 * them); the clean view always reads whole.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ParagraphKind } from '../../shared/model/paragraph.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { CompilationView } from './compilation/compilation-view.tsx';
import { CleanView } from './desk/clean-view.tsx';
import { Desk, DeskContext } from './desk/desk.ts';
import { DocumentToolbar } from './desk/document-toolbar.tsx';
import { useFloorKeys } from './desk/floor.ts';
import { insertAfter } from './desk/structure-actions.ts';
import { TitleBlock } from './desk/title-block.tsx';
import { DocumentViewMode, useFollowFloor, useStoredToggle, useStoredView, viewOptionKeys } from './desk/view-options.ts';
import { FilterBar } from './filters/filter-bar.tsx';
import { noFilters } from './filters/document-filters.ts';
import { useStoredFilters, useVisibleParagraphs } from './filters/use-document-filters.ts';
import { FootnoteList } from './footnote-list.tsx';
import { fragmentTarget } from './page-address.ts';
import { ParagraphBlock } from './paragraph-block.tsx';
import { usePageToken } from './people/page-token.ts';
import { useDelegationNames } from './brackets/delegation-names.ts';
import { DeletedParagraphLines } from './proposals/deleted-paragraph-line.tsx';
import { placeDeletedParagraphs, useDeletions } from './proposals/deleted-paragraphs.ts';
import { useLocationPublisher } from './use-location-publisher.ts';
import { useSearchHighlight } from './filters/search-highlight.ts';
import { ViewportTracker } from './viewport-tracker.ts';
import './styles/desk.css';

/** Props: the live copy to render and whether this person may type in the text (a facilitator: also decide). */
export interface DocumentViewProps {
  live: LiveNegotiation;
  editable: boolean;
}

/** The whole document of one live copy. */
export function DocumentView({ live, editable }: DocumentViewProps) {
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const [tracker] = useState(() => new ViewportTracker());
  useEffect(() => () => tracker.destroy(), [tracker]);
  const token = usePageToken();
  const desk = useMemo(() => new Desk(live, token, editable), [live, token, editable]);
  const [follow, setFollow] = useStoredToggle(viewOptionKeys.follow, false);
  const [view, setView] = useStoredView();
  const [decided, setDecided] = useStoredToggle(viewOptionKeys.decided, false);
  const [storedFilters, setFilters] = useStoredFilters(live.provider.roomname);
  const clean = view === DocumentViewMode.clean;
  const filters = clean ? noFilters : storedFilters;
  const visibility = useVisibleParagraphs(live, structure, filters);
  const deletions = useDeletions(live);
  const deleted = useMemo(() => placeDeletedParagraphs(live.doc, deletions, structure.slots, structure.round), [live, deletions, structure.slots, structure.round]);
  const names = useDelegationNames(live.doc);
  useLocationPublisher(live, view);
  useSearchHighlight(filters.search, view === DocumentViewMode.text);
  useScrollToHash();
  useFloorKeys(desk);
  useFollowFloor(live, structure.floor, follow);
  // Marks for measuring time to text (see the Element Timing entry on the title as well).
  useEffect(() => void performance.mark('draftroom:document'), []);

  return (
    <DeskContext value={desk}>
      <DocumentToolbar
        desk={desk}
        structure={structure}
        follow={follow}
        onFollow={setFollow}
        view={view}
        onView={setView}
        filters={clean ? null : <FilterBar live={live} filters={filters} onChange={setFilters} visibility={visibility} />}
      />
      <article className={`document${view === DocumentViewMode.text ? '' : ` document--${view}`}`} data-testid="document" lang="en">
        <TitleBlock desk={desk} editable={desk.facilitator && view === DocumentViewMode.text} title={structure.title} lines={structure.titleBlock} />
        {structure.slots.length === 0 ? (
          <p className="empty-document">
            This negotiation has no paragraphs yet.{' '}
            {desk.facilitator ? (
              <button type="button" className="link-button" onClick={() => void insertAfter(desk, null, ParagraphKind.paragraph)}>
                Insert the first paragraph
              </button>
            ) : null}
          </p>
        ) : null}
        {view === DocumentViewMode.clean ? (
          <CleanView live={live} structure={structure} />
        ) : view === DocumentViewMode.compilation ? (
          <CompilationView live={live} structure={structure} visible={visibility?.ids ?? null} search={filters.search} decided={decided} onDecided={setDecided} />
        ) : (
          <>
            <DeletedParagraphLines live={live} lines={deleted.after.get(null)} names={names} />
            {structure.slots.flatMap((slot) =>
              visibility === null || visibility.ids.has(slot.id)
                ? [
                    <ParagraphBlock key={slot.id} live={live} slot={slot} tracker={tracker} editable={editable} onFloor={slot.id === structure.floor} />,
                    // Where an accepted deletion took a paragraph out after this one: a line, with undo for facilitators.
                    <DeletedParagraphLines key={`deleted-after-${slot.id}`} live={live} lines={deleted.after.get(slot.id)} names={names} />,
                  ]
                : [],
            )}
            <DeletedParagraphLines live={live} lines={deleted.lost} names={names} />
          </>
        )}
        {visibility && visibility.shown === 0 ? (
          <p className="filter-empty" data-testid="filter-empty">
            No paragraph matches these filters.
          </p>
        ) : null}
        <FootnoteList footnotes={visibility ? structure.footnotes.filter((note) => visibility.ids.has(note.paragraphId)) : structure.footnotes} />
      </article>
    </DeskContext>
  );
}

/** Scrolls to the element named in the URL's hash once the document is rendered (a shared link to ¶). */
function useScrollToHash(): void {
  useEffect(() => {
    const id = fragmentTarget(location.hash);
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, []);
}
