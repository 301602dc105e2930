/**
 * One paragraph of the document: its number in the left gutter, its text (a live editor when near the
 * viewport or holding the caret, static HTML otherwise), its status in words with any ad ref note, the
 * floor mark, and who else is on it. For facilitators: a handle (drag to move, click for the actions) and
 * the desk's keys. Under it, its proposals (client/ui/proposals/). The section is the paragraph's one tab
 * stop (Enter goes into its text); the proposals' own buttons and editors follow it in the tab order.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type MouseEvent } from 'react';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { ParagraphKind, ParagraphStatus } from '../../shared/model/paragraph.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { getParagraphEditor, loadParagraphEditor, subscribeParagraphEditor } from '../editor/editor-loader.ts';
import { sourceTagClass } from '../editor/source-tag.ts';
import { StaticParagraphText } from '../editor/static-paragraph.tsx';
import { useDelegationNames } from './brackets/delegation-names.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import type { ParagraphSlot } from '../sync/negotiation-store.ts';
import { useDesk } from './desk/desk.ts';
import { handleParagraphKey, structureKeys } from './desk/desk-keys.ts';
import { startParagraphDrag, useParagraphDrop } from './desk/drag-move.ts';
import { isLocked, lockedReason } from './desk/locked.ts';
import { FloorLabel } from './desk/floor-label.tsx';
import { ParagraphTools } from './desk/paragraph-tools.tsx';
import { openSourceEditor } from './desk/source-editor.tsx';
import { ParagraphHistoryButton } from './activity/paragraph-history-button.tsx';
import { ParagraphPresence } from './paragraph-presence.tsx';
import { ParagraphProposals } from './proposals/paragraph-proposals.tsx';
import { StatusLabel } from './status-label.tsx';
import type { ViewportTracker } from './viewport-tracker.ts';

/** The element id of a paragraph, for links (#p-…) and scrolling. */
export function paragraphElementId(id: string): string {
  return `p-${id}`;
}

/** Props: the live copy, the paragraph's slot, the viewport tracker, whether this person may type, and whether it is on the floor. */
export interface ParagraphBlockProps {
  live: LiveNegotiation;
  slot: ParagraphSlot;
  tracker: ViewportTracker;
  editable: boolean;
  onFloor: boolean;
}

const hintMs = 6_000;

/** A paragraph or heading; re-renders only when its own data, number, floor, presence or mount state changes. */
export const ParagraphBlock = memo(function ParagraphBlock({ live, slot, tracker, editable, onFloor }: ParagraphBlockProps) {
  const { id, kind, number } = slot;
  const desk = useDesk();
  const section = useRef<HTMLElement | null>(null);
  const toolsOpen = useSyncExternalStore(desk.subscribe, () => desk.getToolsFor() === id);
  const [lockedHint, setLockedHint] = useState(false);
  const drop = useParagraphDrop(desk, id);

  const paragraph = useSyncExternalStore(
    useCallback((listener: () => void) => live.store.subscribeParagraph(id, listener), [live, id]),
    () => live.store.getParagraph(id),
  );
  const near = useSyncExternalStore(
    useCallback((listener: () => void) => tracker.subscribe(id, listener), [tracker, id]),
    () => tracker.isNear(id),
  );
  const holdsCaret = useSyncExternalStore(live.editors.subscribe, () => live.editors.getFocusTarget() === id);
  const names = useDelegationNames(live.doc);
  // TipTap arrives in its own chunk, requested by the first paragraph that wants an editor (after the
  // static text has rendered: loading it earlier measurably delays the text); until then all is static.
  const ParagraphEditor = useSyncExternalStore(subscribeParagraphEditor, getParagraphEditor);
  const wantsEditor = near || holdsCaret;
  useEffect(() => {
    if (wantsEditor) void loadParagraphEditor();
  }, [wantsEditor]);

  const fragment = getParagraphText(live.doc, id);
  const mounted = wantsEditor && fragment !== undefined && ParagraphEditor !== null;
  // The editor is reached through its section (Enter), not as a tab stop of its own (proposal editors are).
  useEffect(() => {
    if (mounted) section.current?.querySelector(':is(.para-text, .para-heading) .ProseMirror')?.setAttribute('tabindex', '-1');
  }, [mounted, ParagraphEditor]);
  const current = useMemo(() => (paragraph ? plainText(paragraph.runs) : ''), [paragraph]);
  useEffect(() => {
    if (!lockedHint) return;
    const timer = setTimeout(() => setLockedHint(false), hintMs);
    return () => clearTimeout(timer);
  }, [lockedHint]);

  // A ref callback with cleanup (React 19): observed while the element exists.
  const observe = useCallback(
    (element: HTMLElement | null) => {
      section.current = element;
      return element ? tracker.observe(id, element) : undefined;
    },
    [tracker, id],
  );

  if (!paragraph) return null;
  const heading = kind === ParagraphKind.heading;
  const locked = !heading && isLocked(paragraph.status);
  const label = heading ? 'Heading' : `Paragraph ${number ?? ''}`;
  const labelId = `${paragraphElementId(id)}-label`;
  const noteId = `${paragraphElementId(id)}-note`;
  const statusId = `${paragraphElementId(id)}-status`;
  const floorId = `${paragraphElementId(id)}-floor`;
  const note = paragraph.status === ParagraphStatus.agreedAdRef ? paragraph.statusNote : '';
  const explainLocked = () => setLockedHint(true);
  const closeTools = (refocus: boolean) => {
    desk.setToolsFor(null);
    if (refocus) section.current?.focus();
  };

  const onTextClick = (event: MouseEvent) => {
    // A facilitator's click on the source tag opens its field, whatever the paragraph's status (it is metadata).
    if (desk.facilitator && (event.target as Element).closest(`.${sourceTagClass}`)) return openSourceEditor(desk, id);
    if (!editable || (event.target as Element).closest('a')) return;
    if (locked) explainLocked();
    // A click that lands before the editor mounted: mount it and put the caret where the click was.
    else if (!mounted) live.editors.requestCaret(id, { x: event.clientX, y: event.clientY });
  };

  const text = mounted ? (
    <ParagraphEditor live={live} id={id} fragment={fragment} source={paragraph.source} editable={editable && !locked} label={label} />
  ) : (
    <div className="para-host">
      <StaticParagraphText runs={paragraph.runs} source={paragraph.source} brackets={paragraph.brackets} names={names} />
    </div>
  );

  return (
    <section
      ref={observe}
      id={paragraphElementId(id)}
      className={`para para--${kind} para--${paragraph.status}${onFloor ? ' para--floor' : ''}${drop.side ? ` para--drop-${drop.side}` : ''}`}
      data-paragraph-id={id}
      data-paragraph-number={number ?? undefined}
      data-kind={kind}
      data-status={paragraph.status}
      data-floor={onFloor ? 'true' : undefined}
      data-mounted={mounted ? 'editor' : 'static'}
      style={number !== null && number.length > 3 ? ({ '--number-chars': number.length + 1 } as CSSProperties) : undefined}
      tabIndex={0}
      aria-labelledby={labelId}
      aria-describedby={[onFloor ? floorId : '', heading ? '' : statusId, note ? noteId : ''].filter(Boolean).join(' ') || undefined}
      aria-keyshortcuts={desk.facilitator ? `${structureKeys.edit} ${structureKeys.moveUp} ${structureKeys.moveDown} ${structureKeys.tools}` : undefined}
      onKeyDownCapture={(event) => {
        // Keys in the proposals (their editors, forms, buttons) are theirs, not the paragraph's.
        if (!(event.target as Element).closest('.proposals')) handleParagraphKey(event, { desk, id, kind, locked, explainLocked, openTools: () => desk.setToolsFor(id) });
      }}
      onFocus={(event) => event.target === event.currentTarget && locked && editable && explainLocked()}
      {...drop.handlers}
    >
      {desk.facilitator ? (
        <button
          type="button"
          className="desk-handle"
          draggable
          tabIndex={-1}
          aria-expanded={toolsOpen}
          aria-label={`Actions for ${desk.nameOf(id)}`}
          title={`Actions (${structureKeys.tools}); drag to move (${structureKeys.moveUp} / ${structureKeys.moveDown})`}
          onClick={() => desk.setToolsFor(toolsOpen ? null : id)}
          onDragStart={(event) => startParagraphDrag(event, id)}
          data-testid="paragraph-handle"
        >
          <span aria-hidden="true">⠿</span>
        </button>
      ) : null}
      {number !== null ? (
        <div className="para-number" id={labelId}>
          <span className="visually-hidden">Paragraph </span>
          {number}.
        </div>
      ) : null}
      {heading ? (
        <h2 className="para-heading" id={labelId} onClick={onTextClick}>
          {text}
        </h2>
      ) : (
        <div className="para-text" onClick={onTextClick}>
          {text}
        </div>
      )}
      {note ? (
        <p className="para-status-note" id={noteId} data-testid="status-note">
          <span className="para-status-note-word">Ad ref:</span> {note}
        </p>
      ) : null}
      {lockedHint ? (
        <p className="para-locked-reason" role="status" data-testid="locked-reason">
          {lockedReason(paragraph.status)}
        </p>
      ) : null}
      {toolsOpen && desk.facilitator ? <ParagraphTools desk={desk} paragraph={paragraph} onFloor={onFloor} onClose={closeTools} /> : null}
      {onFloor ? <FloorLabel id={floorId} /> : null}
      <div className="para-aside">
        {heading ? null : <StatusLabel status={paragraph.status} id={statusId} />}
        <ParagraphPresence live={live} id={id} />
        {/* One tab stop per paragraph: the history is also reachable from the room's feed. */}
        <ParagraphHistoryButton live={live} paragraphId={id} tabIndex={-1} />
      </div>
      <ParagraphProposals live={live} paragraphId={id} paragraphName={heading ? 'the heading' : `¶${number ?? ''}`} status={paragraph.status} current={current} />
    </section>
  );
});
