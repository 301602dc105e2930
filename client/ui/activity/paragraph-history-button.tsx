/**
 * A paragraph's history: a small button beside the paragraph that opens a dialog listing everything done to
 * it, newest first, each change of words as a redline; fetched when first opened, then kept live. The dialog
 * is modal (native <dialog>, rendered into <body> so it takes the page's type, not the sheet's); Escape, the
 * close button or a click outside closes it and the focus returns to the button.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { ActivityEntryItem } from './activity-entry.tsx';
import { ActivityListEnd } from './activity-list-end.tsx';
import { entryPlace, placeName } from './entry-place.ts';
import '../styles/activity.css';

/** Props: the live copy, the paragraph, the button's tab index (-1 when the paragraph offers it by a key of its own) and name. */
export interface ParagraphHistoryButtonProps {
  live: LiveNegotiation;
  paragraphId: string;
  tabIndex?: number;
  /** What the button is called (its tooltip and spoken name); "History of this paragraph" by default. */
  label?: string;
}

/** The button and, while open, the dialog. */
export function ParagraphHistoryButton({ live, paragraphId, tabIndex, label = 'History of this paragraph' }: ParagraphHistoryButtonProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus({ preventScroll: true });
  }, []);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="history-button"
        tabIndex={tabIndex}
        aria-haspopup="dialog"
        aria-expanded={open}
        title={label}
        onClick={() => setOpen(true)}
        data-testid="paragraph-history-button"
      >
        <HistoryIcon />
        <span className="visually-hidden">{label}</span>
      </button>
      {open ? createPortal(<ParagraphHistoryDialog live={live} paragraphId={paragraphId} onClose={close} />, document.body) : null}
    </>
  );
}

function ParagraphHistoryDialog({ live, paragraphId, onClose }: { live: LiveNegotiation; paragraphId: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const history = useSyncExternalStore(
    useCallback((listener: () => void) => live.activity.subscribeParagraph(paragraphId, listener), [live, paragraphId]),
    () => live.activity.getParagraph(paragraphId),
  );
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const name = placeName(entryPlace(structure, live.store, paragraphId));
  const titleId = `history-title-${paragraphId}`;

  useEffect(() => {
    const element = dialog.current;
    // No close() on cleanup: a dialog taken out of the page leaves the top layer by itself, and a close
    // event from a cleanup would close the history again under StrictMode's second effect run.
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="history-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
      // A click on the backdrop lands on the dialog itself (its body fills the box, so no click inside does).
      onClick={(event) => event.target === event.currentTarget && onClose()}
      data-testid="paragraph-history"
    >
      <div className="history-body">
        <div className="history-head">
          <h2 className="history-title" id={titleId}>
            History of {name}
          </h2>
          <button type="button" className="history-close" onClick={onClose} aria-label="Close the history">
            ×
          </button>
        </div>
        {history.entries.length > 0 ? (
          <ol className="activity-list history-list">
            {history.entries.map((entry) => (
              <ActivityEntryItem key={entry.id} entry={entry} place={null} live={live} offerHistory={false} redline="open" />
            ))}
          </ol>
        ) : null}
        <ActivityListEnd
          list={history}
          empty="Nothing has been done to this paragraph since the text was opened."
          onOlder={() => live.activity.loadOlderOfParagraph(paragraphId)}
          onRetry={() => live.activity.retryParagraph(paragraphId)}
        />
      </div>
    </dialog>
  );
}

function HistoryIcon() {
  return (
    <svg className="history-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      <path d="M1.8 2.2v2.9h2.9" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M8 5v3.2l2.1 1.4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
