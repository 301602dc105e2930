/**
 * The footnotes at the end of the document, each with its superscript marker linking back to the
 * paragraph that carries it, and its inline markup rendered. A facilitator edits a footnote's text in
 * place: its Edit button opens a textarea; Save sends one set-footnote command, a refusal stays with its reason.
 */
import { useContext, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { oneLine } from '../../shared/model/word-characters.ts';
import { toSuperscript } from '../../shared/superscript.ts';
import { footnoteElementId } from '../editor/footnote-markers.ts';
import type { FootnoteEntry } from '../sync/negotiation-store.ts';
import { DeskContext, type Desk } from './desk/desk.ts';
import { sendInline } from './desk/source-editor.tsx';
import { InlineMarkupText } from './inline-markup-text.tsx';
import { paragraphElementId } from './paragraph-block.tsx';
import './styles/document-edit.css';

/** The list, or nothing when the document has no footnotes. */
export function FootnoteList({ footnotes }: { footnotes: readonly FootnoteEntry[] }) {
  const desk = useContext(DeskContext);
  const [editing, setEditing] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // The footnote whose form just closed: its Edit button takes the focus back once rendered.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const key = refocus.current;
    if (editing !== null || key === null) return;
    refocus.current = null;
    list.current?.querySelector<HTMLElement>(`li[data-key="${CSS.escape(key)}"] .footnote-edit`)?.focus();
  }, [editing]);
  if (footnotes.length === 0) return null;
  const editor = desk?.facilitator ? desk : null;
  return (
    <footer className="footnotes" aria-label="Footnotes" data-testid="footnotes">
      <ol ref={list}>
        {footnotes.map((note) => {
          const key = `${note.paragraphId}:${note.marker}`;
          return (
            <li key={key} id={footnoteElementId(note.marker)} className={editor ? 'footnote footnote--editable' : 'footnote'} data-testid="footnote" data-key={key}>
              <a className="fn-back" href={`#${paragraphElementId(note.paragraphId)}`} title="Back to the paragraph">
                {toSuperscript(note.marker)}
              </a>{' '}
              {editor && editing === key ? (
                <FootnoteForm
                  desk={editor}
                  note={note}
                  onDone={() => {
                    refocus.current = key;
                    setEditing(null);
                  }}
                />
              ) : (
                <>
                  <span className="footnote-text">
                    <InlineMarkupText source={note.text} />
                  </span>
                  {editor ? (
                    <button type="button" className="edit-button footnote-edit" onClick={() => setEditing(key)} data-testid="footnote-edit">
                      Edit<span className="visually-hidden"> footnote {note.marker}</span>
                    </button>
                  ) : null}
                </>
              )}
            </li>
          );
        })}
      </ol>
    </footer>
  );
}

interface FootnoteFormProps {
  desk: Desk;
  note: FootnoteEntry;
  onDone: () => void;
}

function FootnoteForm({ desk, note, onDone }: FootnoteFormProps) {
  const [draft, setDraft] = useState(note.text);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textId = useId();
  const hintId = useId();
  const errorId = useId();

  const close = onDone;
  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (draft.trim() === '') {
      setError('A footnote needs some text.');
      return;
    }
    setBusy(true);
    // A footnote is one paragraph: line breaks typed in the box read as spaces.
    const refusal = await sendInline(desk, { type: 'set-footnote', paragraphId: note.paragraphId, marker: note.marker, text: oneLine(draft) });
    setBusy(false);
    if (refusal === null) close();
    else setError(refusal);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey || event.target instanceof HTMLTextAreaElement)) {
      // A footnote is one paragraph: Enter saves rather than breaking the line.
      event.preventDefault();
      void save();
    }
  };

  return (
    <form className="inline-edit footnote-form" aria-label={`Edit footnote ${note.marker}`} onSubmit={(event) => void save(event)} onKeyDown={onKeyDown} data-testid="footnote-form">
      <label htmlFor={textId} className="visually-hidden">
        Text of footnote {note.marker}
      </label>
      <textarea
        id={textId}
        value={draft}
        rows={Math.min(8, Math.max(2, Math.ceil(draft.length / 70)))}
        maxLength={20_000}
        autoFocus
        aria-invalid={error !== null}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        onChange={(event) => setDraft(event.target.value)}
        data-testid="footnote-input"
      />
      {error ? (
        <p className="inline-edit-error" id={errorId} role="alert" data-testid="footnote-error">
          {error}
        </p>
      ) : null}
      <div className="inline-edit-actions">
        <button type="submit" disabled={busy} data-testid="footnote-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={close} data-testid="footnote-cancel">
          Cancel
        </button>
        <span className="inline-edit-hint" id={hintId}>
          Enter saves, Esc cancels; *italic* and **bold** as written
        </span>
      </div>
    </form>
  );
}
