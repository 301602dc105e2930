/**
 * The centered title block above the text: the title and the lines under it ("Zero draft", the date). A
 * facilitator edits it in place (the Edit button, or Enter on the focused block): one set-title-block
 * command on Save (Ctrl/Cmd+Enter), nothing on Cancel (Esc); a refusal stays in the form with its reason.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Desk } from './desk.ts';
import { sendInline } from './source-editor.tsx';
import '../styles/document-edit.css';

/** Props: the desk, the title and its lines as synced, and whether the block offers editing (a facilitator in the text view). */
export interface TitleBlockProps {
  desk: Desk;
  editable: boolean;
  title: string;
  lines: readonly string[];
}

/** The title block, or its edit form while a facilitator edits it. */
export function TitleBlock({ desk, editable, title, lines }: TitleBlockProps) {
  const [editing, setEditing] = useState(false);
  const header = useRef<HTMLElement>(null);
  const refocus = useRef(false);
  const hintId = useId();
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    header.current?.focus();
  }, [editing]);
  const close = () => {
    // After the form is gone, the block takes the focus back (it is the place the person was editing).
    refocus.current = true;
    setEditing(false);
  };

  if (editing && editable) return <TitleBlockForm desk={desk} title={title} lines={lines} onDone={close} />;

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      setEditing(true);
    }
  };
  return (
    <>
      <header
        ref={header}
        className={`title-block${editable ? ' title-block--editable' : ''}`}
        data-testid="title-block"
        tabIndex={editable ? 0 : undefined}
        aria-describedby={editable ? hintId : undefined}
        aria-keyshortcuts={editable ? 'Enter' : undefined}
        onKeyDown={editable ? onKeyDown : undefined}
      >
        {/* elementtiming: Chromium reports when the text is first painted (PerformanceElementTiming). */}
        <h1 className="doc-title" data-testid="doc-title" elementtiming="document-text">
          {title}
        </h1>
        {lines.map((line, i) => (
          <p key={i} className="title-line" data-testid="title-line">
            {line}
          </p>
        ))}
        {editable ? (
          // The block is the tab stop (Enter edits); the button is for the mouse and for screen readers' lists.
          <button type="button" className="edit-button title-block-edit" tabIndex={-1} onClick={() => setEditing(true)} data-testid="title-block-edit">
            Edit<span className="visually-hidden"> the title block</span>
          </button>
        ) : null}
      </header>
      {editable ? (
        <span id={hintId} className="visually-hidden">
          Press Enter to edit the title block.
        </span>
      ) : null}
    </>
  );
}

interface TitleBlockFormProps extends Omit<TitleBlockProps, 'editable'> {
  onDone: () => void;
}

function TitleBlockForm({ desk, title, lines, onDone }: TitleBlockFormProps) {
  const [draftTitle, setDraftTitle] = useState(title);
  const [draftLines, setDraftLines] = useState(lines.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const linesId = useId();
  const errorId = useId();
  const hintId = useId();

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (draftTitle.trim() === '') {
      setError('The title cannot be empty.');
      return;
    }
    setBusy(true);
    const refusal = await sendInline(desk, { type: 'set-title-block', title: draftTitle.trim(), lines: draftLines.split('\n') });
    setBusy(false);
    if (refusal === null) onDone();
    else setError(refusal);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <header className="title-block title-block--editing" data-testid="title-block">
      <form className="inline-edit title-block-form" aria-label="Edit the title block" onSubmit={(event) => void save(event)} onKeyDown={onKeyDown} data-testid="title-block-form">
        <label htmlFor={titleId}>Title</label>
        <input
          id={titleId}
          value={draftTitle}
          maxLength={2_000}
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : hintId}
          onChange={(event) => setDraftTitle(event.target.value)}
          data-testid="title-input"
        />
        <label htmlFor={linesId}>Lines under the title (one per line)</label>
        <textarea
          id={linesId}
          value={draftLines}
          rows={Math.min(8, Math.max(2, draftLines.split('\n').length))}
          aria-describedby={hintId}
          onChange={(event) => setDraftLines(event.target.value)}
          data-testid="title-lines-input"
        />
        {error ? (
          <p className="inline-edit-error" id={errorId} role="alert" data-testid="title-block-error">
            {error}
          </p>
        ) : null}
        <div className="inline-edit-actions">
          <button type="submit" disabled={busy} data-testid="title-block-save">
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onDone} data-testid="title-block-cancel">
            Cancel
          </button>
          <span className="inline-edit-hint" id={hintId}>
            Ctrl+Enter saves, Esc cancels
          </span>
        </div>
      </form>
    </header>
  );
}
