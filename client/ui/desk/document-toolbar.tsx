/**
 * The bar above the text: what is on the floor (with a way there), "Follow the floor" and the view (the
 * text, the clean view, the compilation) for everyone, the desk's keys for facilitators, the filter bar
 * when the view has one, and the last refusal of a decision, in words.
 */
import { useId, useSyncExternalStore, type ReactNode } from 'react';
import type { DocumentStructure } from '../../sync/negotiation-store.ts';
import { shownParagraph } from '../shown-paragraph.ts';
import type { Desk } from './desk.ts';
import { floorKeys, setFloor } from './floor.ts';
import { structureKeys } from './desk-keys.ts';
import { DocumentViewMode } from './view-options.ts';
import '../styles/compilation.css';

/** Props: the desk, the structure shown, the view options with their setters, and the filter bar (none in the clean view). */
export interface DocumentToolbarProps {
  desk: Desk;
  structure: DocumentStructure;
  follow: boolean;
  onFollow: (value: boolean) => void;
  view: DocumentViewMode;
  onView: (view: DocumentViewMode) => void;
  filters?: ReactNode;
}

const views: readonly { view: DocumentViewMode; label: string; title: string; testId: string }[] = [
  { view: DocumentViewMode.text, label: 'Text', title: 'The text as negotiated, with brackets and the proposals under each paragraph', testId: 'view-text' },
  { view: DocumentViewMode.clean, label: 'Clean', title: 'The text with every bracket lifted; unresolved alternatives stay as alternatives', testId: 'clean-view-toggle' },
  { view: DocumentViewMode.compilation, label: 'Compilation', title: 'Each paragraph with its proposals in the conventional form', testId: 'view-compilation' },
];

/** The toolbar of the document. */
export function DocumentToolbar({ desk, structure, follow, onFollow, view, onView, filters }: DocumentToolbarProps) {
  const viewName = useId();
  const message = useSyncExternalStore(desk.subscribe, desk.getMessage);
  const floor = structure.floor === null ? undefined : structure.slots.find((slot) => slot.id === structure.floor);
  const floorName = floor ? desk.nameOf(floor.id) : null;
  const goToFloor = () => {
    if (floor) shownParagraph(floor.id)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
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
        <fieldset className="doc-views">
          <legend className="visually-hidden">View</legend>
          {views.map((option) => (
            <label key={option.view} className={`doc-view${view === option.view ? ' doc-view--on' : ''}`} title={option.title}>
              <input
                type="radio"
                name={viewName}
                value={option.view}
                checked={view === option.view}
                onChange={() => onView(option.view)}
                data-testid={option.testId}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        {desk.facilitator ? <DeskKeys /> : null}
      </div>
      {filters}
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
