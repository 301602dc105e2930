/**
 * One paragraph of the document: its number in the left gutter, its text (a live editor when near the
 * viewport or holding the caret, static HTML otherwise), its status, and who else is on it.
 */
import { memo, useCallback, useEffect, useSyncExternalStore, type MouseEvent } from 'react';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { ParagraphKind } from '../../shared/model/paragraph.ts';
import { getParagraphEditor, loadParagraphEditor, subscribeParagraphEditor } from '../editor/editor-loader.ts';
import { StaticParagraphText } from '../editor/static-paragraph.tsx';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import type { ParagraphSlot } from '../sync/negotiation-store.ts';
import { ParagraphPresence } from './paragraph-presence.tsx';
import { StatusLabel } from './status-label.tsx';
import type { ViewportTracker } from './viewport-tracker.ts';

/** The element id of a paragraph, for links (#p-…) and scrolling. */
export function paragraphElementId(id: string): string {
  return `p-${id}`;
}

/** Props: the live copy, the paragraph's slot, the viewport tracker, and whether this person may type. */
export interface ParagraphBlockProps {
  live: LiveNegotiation;
  slot: ParagraphSlot;
  tracker: ViewportTracker;
  editable: boolean;
}

/** A paragraph or heading; re-renders only when its own data, number, presence or mount state changes. */
export const ParagraphBlock = memo(function ParagraphBlock({ live, slot, tracker, editable }: ParagraphBlockProps) {
  const { id, kind, number } = slot;

  const paragraph = useSyncExternalStore(
    useCallback((listener: () => void) => live.store.subscribeParagraph(id, listener), [live, id]),
    () => live.store.getParagraph(id),
  );
  const near = useSyncExternalStore(
    useCallback((listener: () => void) => tracker.subscribe(id, listener), [tracker, id]),
    () => tracker.isNear(id),
  );
  const holdsCaret = useSyncExternalStore(live.editors.subscribe, () => live.editors.getFocusTarget() === id);
  // TipTap arrives in its own chunk, requested by the first paragraph that wants an editor (after the
  // static text has rendered: loading it earlier measurably delays the text); until then all is static.
  const ParagraphEditor = useSyncExternalStore(subscribeParagraphEditor, getParagraphEditor);
  const wantsEditor = near || holdsCaret;
  useEffect(() => {
    if (wantsEditor) void loadParagraphEditor();
  }, [wantsEditor]);

  // A ref callback with cleanup (React 19): observed while the element exists.
  const observe = useCallback((element: HTMLElement | null) => (element ? tracker.observe(id, element) : undefined), [tracker, id]);

  if (!paragraph) return null;
  const heading = kind === ParagraphKind.heading;
  const fragment = getParagraphText(live.doc, id);
  const mounted = wantsEditor && fragment !== undefined && ParagraphEditor !== null;
  const label = heading ? 'Heading' : `Paragraph ${number ?? ''}`;

  const onStaticClick = (event: MouseEvent) => {
    // A click that lands before the editor mounted: mount it and put the caret where the click was.
    if (editable && !(event.target as Element).closest('a')) {
      live.editors.requestCaret(id, { x: event.clientX, y: event.clientY });
    }
  };

  return (
    <section
      ref={observe}
      id={paragraphElementId(id)}
      className={`para para--${kind} para--${paragraph.status}`}
      data-paragraph-id={id}
      data-paragraph-number={number ?? undefined}
      data-kind={kind}
      data-mounted={mounted ? 'editor' : 'static'}
    >
      {number !== null ? (
        <div className="para-number" aria-hidden="true">
          {number}.
        </div>
      ) : null}
      {mounted ? (
        <ParagraphEditor
          live={live}
          id={id}
          fragment={fragment}
          source={paragraph.source}
          editable={editable}
          label={label}
        />
      ) : (
        <div className="para-host" onClick={onStaticClick}>
          <StaticParagraphText runs={paragraph.runs} source={paragraph.source} />
        </div>
      )}
      <div className="para-aside">
        {heading ? null : <StatusLabel status={paragraph.status} />}
        <ParagraphPresence live={live} id={id} />
      </div>
    </section>
  );
});
