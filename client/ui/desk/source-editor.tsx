/**
 * A facilitator's small inline field for a paragraph's source annotation ("GCM para 49", shown as a tag
 * after the text): Save sends one set-source command (empty removes the annotation), Esc cancels, and a
 * refusal stays under the field with its reason. Opened from the paragraph's actions or by a click on the
 * tag (openSourceEditor). Also the inline sending the document's in-place editors share.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Command } from '../../../shared/protocol/commands.ts';
import { sendCommand } from '../../sync/command-api.ts';
import type { Desk } from './desk.ts';
import '../styles/document-edit.css';

/** Sends `command` as this page's person; resolves with null when it was applied, else the reason to show in place. */
export async function sendInline(desk: Desk, command: Command): Promise<string | null> {
  if (!desk.token) return 'This page has no invitation token: open it from your invitation link.';
  try {
    await sendCommand(desk.negotiationId, desk.token, command);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Not saved: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`;
  }
}

// Paragraphs whose tag was clicked, per desk: their actions open with the field already open.
const requested = new WeakMap<Desk, string>();
const requestListeners = new Set<() => void>();

/** Opens paragraph `id`'s actions with its source field open (a click on its source tag). */
export function openSourceEditor(desk: Desk, id: string): void {
  requested.set(desk, id);
  desk.setToolsFor(id);
  // Actions already open take the request here; actions that open now take it when they mount.
  requestListeners.forEach((listener) => listener());
}

/** Calls `listener` after each openSourceEditor; returns the unsubscribe function. */
export function onSourceRequest(listener: () => void): () => void {
  requestListeners.add(listener);
  return () => requestListeners.delete(listener);
}

/** True once when paragraph `id`'s actions were opened by openSourceEditor (the request is used up). */
export function takeSourceRequest(desk: Desk, id: string): boolean {
  if (requested.get(desk) !== id) return false;
  requested.delete(desk);
  return true;
}

/** Props: the desk, the paragraph, its annotation now, and what to do when saved or cancelled. */
export interface SourceEditorProps {
  desk: Desk;
  paragraphId: string;
  source: string;
  /** Called after a save that was applied (`saved` true) or on Cancel / Esc. */
  onDone: (saved: boolean) => void;
}

/** The field, focused when it opens. */
export function SourceEditor({ desk, paragraphId, source, onDone }: SourceEditorProps) {
  const [draft, setDraft] = useState(source);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  const send = async (value: string) => {
    if (busy) return;
    setBusy(true);
    const refusal = await sendInline(desk, { type: 'set-source', paragraphId, source: value });
    setBusy(false);
    if (refusal === null) onDone(true);
    else setError(refusal);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(draft);
  };

  return (
    <form
      className="inline-edit source-edit"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onDone(false);
      }}
      data-testid="source-editor"
    >
      <label htmlFor={inputId}>Source annotation</label>
      <div className="source-edit-field">
        <span className="source-edit-bracket" aria-hidden="true">
          [
        </span>
        <input
          id={inputId}
          value={draft}
          maxLength={10_000}
          placeholder="based on SG report, para 98"
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(event) => setDraft(event.target.value)}
          data-testid="source-input"
        />
        <span className="source-edit-bracket" aria-hidden="true">
          ]
        </span>
      </div>
      {error ? (
        <p className="inline-edit-error" id={errorId} role="alert" data-testid="source-error">
          {error}
        </p>
      ) : null}
      <div className="inline-edit-actions">
        <button type="submit" disabled={busy} data-testid="source-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        {source !== '' ? (
          <button type="button" disabled={busy} onClick={() => void send('')} data-testid="source-remove">
            Remove
          </button>
        ) : null}
        <button type="button" onClick={() => onDone(false)} data-testid="source-cancel">
          Cancel
        </button>
        <span className="inline-edit-hint" id={hintId}>
          Enter saves, Esc cancels; empty removes it
        </span>
      </div>
    </form>
  );
}
