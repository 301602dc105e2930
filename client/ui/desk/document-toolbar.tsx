/**
 * The bar above the text: what is on the floor (with a way there), "Follow the floor" and "Clean view" for
 * everyone, the desk's keys for facilitators, and the last refusal of a decision, in words.
 */
import { useSyncExternalStore } from 'react';
import type { DocumentStructure } from '../../sync/negotiation-store.ts';
import type { Desk } from './desk.ts';
import { floorKeys, setFloor } from './floor.ts';
import { structureKeys } from './desk-keys.ts';

/** Props: the desk, the structure shown, and the two view options with their setters. */
export interface DocumentToolbarProps {
  desk: Desk;
  structure: DocumentStructure;
  follow: boolean;
  onFollow: (value: boolean) => void;
  clean: boolean;
  onClean: (value: boolean) => void;
}

/** The toolbar of the document. */
export function DocumentToolbar({ desk, structure, follow, onFollow, clean, onClean }: DocumentToolbarProps) {
  const message = useSyncExternalStore(desk.subscribe, desk.getMessage);
  const floor = structure.floor === null ? undefined : structure.slots.find((slot) => slot.id === structure.floor);
  const floorName = floor ? desk.nameOf(floor.id) : null;
  const goToFloor = () => {
    if (floor) document.querySelector(`[data-paragraph-id="${CSS.escape(floor.id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  return (
    <div className="doc-toolbar" role="toolbar" aria-label="Reading the text" data-testid="doc-toolbar">
      <div className="doc-toolbar-row">
        <p
          className="doc-toolbar-floor"
          title={desk.facilitator ? `${floorKeys.next} / ${floorKeys.previous}: the next / previous paragraph on the floor` : undefined}
          data-testid="floor-indicator"
        >
          {floorName ? (
            <>
              <span className="doc-toolbar-floor-word">On the floor:</span>{' '}
              <button type="button" className="link-button" onClick={goToFloor} title={`Scroll to ${floorName}`}>
                {floorName}
              </button>
              {desk.facilitator ? (
                <button type="button" className="doc-toolbar-quiet" onClick={() => void setFloor(desk, null)} data-testid="clear-floor">
                  Clear
                </button>
              ) : null}
            </>
          ) : (
            <span className="doc-toolbar-floor-word">Nothing on the floor</span>
          )}
        </p>
        <label className="doc-toggle" title="Keep the paragraph on the floor in view as the chair moves through the text">
          <input type="checkbox" checked={follow} onChange={(event) => onFollow(event.target.checked)} data-testid="follow-floor" />
          Follow the floor
        </label>
        <label className="doc-toggle" title="The text with every bracket lifted; unresolved alternatives stay as alternatives">
          <input type="checkbox" checked={clean} onChange={(event) => onClean(event.target.checked)} data-testid="clean-view-toggle" />
          Clean view
        </label>
        {desk.facilitator ? <DeskKeys /> : null}
      </div>
      {message ? (
        <div className="doc-toolbar-message" role="alert" data-testid="desk-message">
          <span>{message.text}</span>
          <button type="button" className="doc-toolbar-quiet" onClick={desk.dismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The facilitators' keys, one click away. */
function DeskKeys() {
  const keys: readonly (readonly [string, string])[] = [
    [`${floorKeys.next} / ${floorKeys.previous}`, 'next / previous paragraph on the floor'],
    [structureKeys.edit, 'on a paragraph: start editing it (Escape leaves the editor)'],
    [structureKeys.split, 'in the text: split the paragraph at the caret'],
    [structureKeys.merge, 'at the very start: merge into the paragraph before'],
    [`${structureKeys.moveUp} / ${structureKeys.moveDown}`, 'move the paragraph up / down'],
    [structureKeys.tools, 'on a paragraph: its actions (status, floor, insert, move, delete)'],
  ];
  return (
    <details className="doc-keys">
      <summary>Keys</summary>
      <dl>
        {keys.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
