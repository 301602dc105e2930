/**
 * A proposal's reason: plain text for everyone; for those who may still change the proposal, a button that
 * turns it into a field, saved raw into the proposal's `rationale` (the permission table lets its
 * delegation's people and the facilitators write it while it is pending) in one transaction on Save, or
 * when focus leaves the field for anything but Cancel (the words save as they are typed; a reason left
 * open must not be lost). Escape and Cancel drop the change.
 */
import { useRef, useState } from 'react';
import type * as Y from 'yjs';
import { getProposal, ProposalField } from '../../../shared/model/proposal.ts';

/** The longest reason the document takes (shared/permissions/field-rules.ts). */
export const maxRationale = 2_000;

/** Props: the doc, the proposal, its reason, and whether this person may change it. */
export interface RationaleFieldProps {
  doc: Y.Doc;
  proposalId: string;
  rationale: string;
  editable: boolean;
}

/** The reason, and its field while being changed. */
export function RationaleField({ doc, proposalId, rationale, editable }: RationaleFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  // Set once the open field is saved or dropped: the blur its closing may cause saves nothing more.
  const closed = useRef(false);
  const open = (text: string) => {
    closed.current = false;
    setDraft(text);
  };
  const cancel = () => {
    closed.current = true;
    setDraft(null);
  };
  if (draft !== null && editable) {
    const save = () => {
      if (closed.current) return;
      closed.current = true;
      const map = getProposal(doc, proposalId);
      const text = draft.trim();
      if (map && text !== rationale) doc.transact(() => map.set(ProposalField.rationale, text));
      setDraft(null);
    };
    return (
      <form
        className="proposal-rationale-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
        onBlur={(event) => {
          const next = event.relatedTarget;
          // Focus moving within the form (to Save or Cancel) is not leaving it.
          if (!(next instanceof Node && event.currentTarget.contains(next))) save();
        }}
      >
        <label className="proposal-field-label" htmlFor={`rationale-${proposalId}`}>
          Reason
        </label>
        <textarea
          id={`rationale-${proposalId}`}
          value={draft}
          maxLength={maxRationale}
          rows={2}
          autoFocus
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') cancel();
          }}
        />
        <span className="proposal-form-buttons">
          <button type="submit" className="proposal-button">
            Save reason
          </button>
          {/* Pressed without taking focus (as Safari's buttons do), it must not count as leaving the field. */}
          <button type="button" className="proposal-button proposal-button--quiet" onMouseDown={(event) => event.preventDefault()} onClick={cancel}>
            Cancel
          </button>
        </span>
      </form>
    );
  }
  if (!rationale && !editable) return null;
  return (
    <p className="proposal-rationale" data-testid="proposal-rationale">
      {rationale ? (
        <>
          <span className="proposal-rationale-word">Reason:</span> {rationale}
        </>
      ) : null}
      {/* A space, not a margin: where the button wraps to a line of its own it starts flush. */}
      {rationale && editable ? ' ' : null}
      {editable ? (
        <button type="button" className="link-button proposal-rationale-edit" onClick={() => open(rationale)}>
          {rationale ? 'Change the reason' : 'Add a reason'}
        </button>
      ) : null}
    </p>
  );
}
