/**
 * The negotiated text as a document: the centered title block, the numbered paragraphs under their
 * headings, and the footnotes at the end.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { FootnoteList } from './footnote-list.tsx';
import { fragmentTarget } from './page-address.ts';
import { ParagraphBlock } from './paragraph-block.tsx';
import { useLocationPublisher } from './use-location-publisher.ts';
import { ViewportTracker } from './viewport-tracker.ts';

/** Props: the live copy to render and whether this person may type in the text. */
export interface DocumentViewProps {
  live: LiveNegotiation;
  editable: boolean;
}

/** The whole document of one live copy. */
export function DocumentView({ live, editable }: DocumentViewProps) {
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const [tracker] = useState(() => new ViewportTracker());
  useEffect(() => () => tracker.destroy(), [tracker]);
  useLocationPublisher(live, true);
  useScrollToHash();
  // Marks for measuring time to text (see the Element Timing entry on the title as well).
  useEffect(() => void performance.mark('draftroom:document'), []);

  return (
    <article className="document" data-testid="document" lang="en">
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
      {structure.slots.length === 0 ? <p className="empty-document">This negotiation has no paragraphs yet.</p> : null}
      {structure.slots.map((slot) => (
        <ParagraphBlock key={slot.id} live={live} slot={slot} tracker={tracker} editable={editable} />
      ))}
      <FootnoteList footnotes={structure.footnotes} />
    </article>
  );
}

/** Scrolls to the element named in the URL's hash once the document is rendered (a shared link to ¶). */
function useScrollToHash(): void {
  useEffect(() => {
    const id = fragmentTarget(location.hash);
    if (id) document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, []);
}
