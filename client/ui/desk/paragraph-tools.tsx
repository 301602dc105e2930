/**
 * A facilitator's actions on one paragraph, opened from its handle (or Shift+F10): status, the floor,
 * insert a paragraph or heading after it, move it up or down, delete it (after an inline confirmation),
 * and edit its source annotation in place (also opened by a click on the source tag).
 */
import { useEffect, useRef, useState } from 'react';
import { ParagraphKind, type ParagraphSnapshot } from '../../../shared/model/paragraph.ts';
import type { Desk } from './desk.ts';
import { structureKeys } from './desk-keys.ts';
import { floorKeys, setFloor } from './floor.ts';
import { StatusControl } from './status-control.tsx';
import { onSourceRequest, SourceEditor, takeSourceRequest } from './source-editor.tsx';
import { deleteParagraph, insertAfter, moveBy } from './structure-actions.ts';
import './paragraph-tools.css';

/** Props: the desk, the paragraph, whether it is on the floor, and how to close the tools. */
export interface ParagraphToolsProps {
  desk: Desk;
  paragraph: ParagraphSnapshot;
  onFloor: boolean;
  /** Closes the tools; `refocus` puts the focus back on the paragraph. */
  onClose: (refocus: boolean) => void;
}

/** The tools, focused on their first button when they open. */
export function ParagraphTools({ desk, paragraph, onFloor, onClose }: ParagraphToolsProps) {
  const { id, kind } = paragraph;
  const [confirming, setConfirming] = useState(false);
  // 'tag': opened by a click on the source tag, so closing the field closes the actions too.
  const [source, setSource] = useState<'closed' | 'open' | 'tag'>(() => (takeSourceRequest(desk, id) ? 'tag' : 'closed'));
  const root = useRef<HTMLDivElement>(null);
  const sourceButton = useRef<HTMLButtonElement>(null);
  const name = desk.nameOf(id);
  const first = desk.neighbour(id, -1) === undefined;
  const last = desk.neighbour(id, 1) === undefined;

  useEffect(() => {
    if (source === 'closed') root.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    // Only on opening: later the field and its button handle the focus.
  }, []);
  useEffect(() => onSourceRequest(() => takeSourceRequest(desk, id) && setSource('tag')), [desk, id]);
  const refocusSource = useRef(false);
  useEffect(() => {
    if (source !== 'closed' || !refocusSource.current) return;
    refocusSource.current = false;
    sourceButton.current?.focus();
  }, [source]);
  const sourceDone = () => {
    if (source === 'tag') return onClose(true);
    // The field had the focus: it goes back to the button that opened it, once that is rendered again.
    refocusSource.current = true;
    setSource('closed');
  };
  // A heading takes no new annotation; one it carries from an import can still be corrected or removed.
  const annotatable = kind === ParagraphKind.paragraph || paragraph.source !== '';

  return (
    <div
      ref={root}
      className="desk-tools"
      role="group"
      aria-label={`Actions for ${name}`}
      data-testid="paragraph-tools"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target as Element).closest('input')) {
          event.stopPropagation();
          onClose(true);
        }
      }}
    >
      {kind === ParagraphKind.paragraph ? <StatusControl desk={desk} id={id} status={paragraph.status} note={paragraph.statusNote} /> : null}
      <div className="desk-row" role="group" aria-label="The floor and the order">
        {onFloor ? (
          <button type="button" onClick={() => void setFloor(desk, null)} data-testid="floor-clear">
            Take off the floor
          </button>
        ) : (
          <button type="button" onClick={() => void setFloor(desk, id)} title={`Or ${floorKeys.next} / ${floorKeys.previous} to step the floor`} data-testid="floor-set">
            Put on the floor
          </button>
        )}
        <button type="button" disabled={first} onClick={() => void moveBy(desk, id, -1)} title={structureKeys.moveUp} data-testid="move-up">
          Move up
        </button>
        <button type="button" disabled={last} onClick={() => void moveBy(desk, id, 1)} title={structureKeys.moveDown} data-testid="move-down">
          Move down
        </button>
      </div>
      {annotatable ? (
        <div className="desk-row" role="group" aria-label="Source annotation">
          {source === 'closed' ? (
            <button type="button" ref={sourceButton} onClick={() => setSource('open')} data-testid="source-edit">
              {paragraph.source === '' ? 'Add source annotation…' : 'Edit source annotation…'}
            </button>
          ) : (
            <SourceEditor desk={desk} paragraphId={id} source={paragraph.source} onDone={sourceDone} />
          )}
        </div>
      ) : null}
      <div className="desk-row" role="group" aria-label="Insert and delete">
        <button type="button" onClick={() => void insertAfter(desk, id, ParagraphKind.paragraph)} data-testid="insert-paragraph">
          Insert paragraph after
        </button>
        <button type="button" onClick={() => void insertAfter(desk, id, ParagraphKind.heading)} data-testid="insert-heading">
          Insert heading after
        </button>
        {confirming ? (
          <span className="desk-confirm" role="group" aria-label={`Delete ${name}?`}>
            <span>Delete {name} and its text?</span>
            <button type="button" className="desk-danger" onClick={() => void deleteParagraph(desk, id)} data-testid="delete-confirm">
              Delete
            </button>
            {/* Focus waits on the safe answer: Enter or Space by habit keeps the paragraph. */}
            <button type="button" onClick={() => setConfirming(false)} data-testid="delete-cancel" autoFocus>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} data-testid="delete-paragraph">
            Delete…
          </button>
        )}
        <button type="button" className="desk-close" onClick={() => onClose(true)} data-testid="tools-close">
          Close
        </button>
      </div>
    </div>
  );
}
