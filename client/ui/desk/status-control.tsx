/**
 * A facilitator's control of a paragraph's status: pending (reopen), agreed ad ref with a note such as
 * "pending confirmation from capital", agreed. Each choice is one set-status command.
 */
import { useId, useState, type FormEvent } from 'react';
import { ParagraphStatus } from '../../../shared/model/paragraph.ts';
import { statusText } from '../status-label.tsx';
import type { Desk } from './desk.ts';

/** Props: the desk, the paragraph, and its status and note now. */
export interface StatusControlProps {
  desk: Desk;
  id: string;
  status: ParagraphStatus;
  note: string;
}

/** Sets paragraph `id`'s status; the note goes only with ad ref. */
export async function setStatus(desk: Desk, id: string, status: ParagraphStatus, note = ''): Promise<boolean> {
  const trimmed = note.trim();
  const command =
    status === ParagraphStatus.agreedAdRef && trimmed !== ''
      ? ({ type: 'set-status', paragraphId: id, status, note: trimmed } as const)
      : ({ type: 'set-status', paragraphId: id, status } as const);
  return (await desk.send(command, `Marking ${desk.nameOf(id)} ${statusText(status)}`)) !== null;
}

/** The status buttons, and the note form of ad ref when it is being chosen. */
export function StatusControl({ desk, id, status, note }: StatusControlProps) {
  const [editingNote, setEditingNote] = useState(false);
  const [draft, setDraft] = useState(note);
  const [busy, setBusy] = useState(false);
  const noteId = useId();
  const locked = status !== ParagraphStatus.pending;

  const choose = async (next: ParagraphStatus, nextNote = '') => {
    setBusy(true);
    const ok = await setStatus(desk, id, next, nextNote);
    setBusy(false);
    if (ok) setEditingNote(false);
  };
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    void choose(ParagraphStatus.agreedAdRef, draft);
  };

  return (
    <div className="desk-status" role="group" aria-label="Status" data-testid="status-control">
      <span className="desk-label">Status</span>
      <button type="button" aria-pressed={status === ParagraphStatus.pending} disabled={busy || !locked} onClick={() => void choose(ParagraphStatus.pending)} data-testid="status-set-pending">
        {locked ? 'Reopen (pending)' : 'Pending'}
      </button>
      <button
        type="button"
        aria-pressed={status === ParagraphStatus.agreedAdRef}
        aria-expanded={editingNote}
        disabled={busy}
        onClick={() => {
          setDraft(note);
          setEditingNote(!editingNote);
        }}
        data-testid="status-set-adref"
      >
        {status === ParagraphStatus.agreedAdRef ? 'Ad ref note…' : 'Agreed ad ref…'}
      </button>
      <button type="button" aria-pressed={status === ParagraphStatus.agreed} disabled={busy || status === ParagraphStatus.agreed} onClick={() => void choose(ParagraphStatus.agreed)} data-testid="status-set-agreed">
        Agreed
      </button>
      {editingNote ? (
        <form className="desk-note-form" onSubmit={submitNote}>
          <label htmlFor={noteId}>Note (optional)</label>
          <input
            id={noteId}
            value={draft}
            maxLength={500}
            placeholder="pending confirmation from capital"
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setEditingNote(false)}
            autoFocus
            data-testid="status-note-input"
          />
          <button type="submit" disabled={busy} data-testid="status-note-save">
            Mark agreed ad ref
          </button>
        </form>
      ) : null}
    </div>
  );
}
