/**
 * The negotiated text as a document: the toolbar (the floor, follow the floor, clean view), the centered
 * title block, the numbered paragraphs under their headings (or their clean text), and the footnotes.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { ParagraphKind } from '../../shared/model/paragraph.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { CleanView } from './desk/clean-view.tsx';
import { Desk, DeskContext } from './desk/desk.ts';
import { DocumentToolbar } from './desk/document-toolbar.tsx';
import { useEditorTeardown } from './desk/editor-teardown.ts';
import { useFloorKeys } from './desk/floor.ts';
import { insertAfter } from './desk/structure-actions.ts';
import { useFollowFloor, useStoredToggle, viewOptionKeys } from './desk/view-options.ts';
import { FootnoteList } from './footnote-list.tsx';
import { fragmentTarget } from './page-address.ts';
import { ParagraphBlock } from './paragraph-block.tsx';
import { usePageToken } from './people/page-token.ts';
import { useLocationPublisher } from './use-location-publisher.ts';
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
  const [clean, setClean] = useStoredToggle(viewOptionKeys.clean, false);
  useLocationPublisher(live, true);
  useScrollToHash();
  useFloorKeys(desk);
  useEditorTeardown(live);
  useFollowFloor(live, clean ? null : structure.floor, follow);
  // Marks for measuring time to text (see the Element Timing entry on the title as well).
  useEffect(() => void performance.mark('draftroom:document'), []);

  return (
    <DeskContext value={desk}>
      <DocumentToolbar desk={desk} structure={structure} follow={follow} onFollow={setFollow} clean={clean} onClean={setClean} />
      <article className={`document${clean ? ' document--clean' : ''}`} data-testid="document" lang="en">
        <header className="title-block">
          {/* elementtiming: Chromium reports when the text is first painted (PerformanceElementTiming). */}
          <h1 className="doc-title" data-testid="doc-title" elementtiming="document-text">
            {structure.title}
          </h1>
          {structure.titleBlock.map((line, i) => (
            <p key={i} className="title-line">
              {line}
            </p>
          ))}
        </header>
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
        {clean ? (
          <CleanView live={live} structure={structure} />
        ) : (
          structure.slots.map((slot) => (
            <ParagraphBlock key={slot.id} live={live} slot={slot} tracker={tracker} editable={editable} onFloor={slot.id === structure.floor} />
          ))
        )}
        <FootnoteList footnotes={structure.footnotes} />
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
