/**
 * The small form that starts a proposal on a paragraph: what it asks (replace the text, a new paragraph
 * after it, delete it, retain it, a comment or reservation) and an optional reason, or for a comment its
 * words; a facilitator also names the delegation it is made for. It sends `propose`; the server creates the
 * proposal (a replacement starts as a copy of the paragraph) and a replacement's or a new paragraph's words
 * are then typed in its card's editor.
 */
import { useId, useState } from 'react';
import { maxWordCharacters, oneLine } from '../../../shared/model/word-characters.ts';
import { ProposalKind } from '../../../shared/model/proposal.ts';
import { Role, type PresenceUser } from '../../../shared/protocol/presence.ts';
import type { DelegationNames } from '../../editor/bracket-markup.ts';
import { wantProposalCaret } from '../../editor/proposal-focus.ts';
import { hasWords, kindWords, proposableKinds } from './proposal-words.ts';
import { maxRationale } from './rationale-field.tsx';
import { useProposalCommands } from './use-proposal-command.ts';

/** Props: the paragraph, how it is named, this person, the delegations, and what to do when done. */
export interface ProposeFormProps {
  paragraphId: string;
  /** "¶5", "the heading". */
  paragraphName: string;
  user: PresenceUser;
  names: DelegationNames;
  onDone: () => void;
}

/** The propose form. */
export function ProposeForm({ paragraphId, paragraphName, user, names, onDone }: ProposeFormProps) {
  const [kind, setKind] = useState<ProposalKind>(ProposalKind.replaceText);
  const [rationale, setRationale] = useState('');
  const [comment, setComment] = useState('');
  const commenting = kind === ProposalKind.comment;
  const facilitator = user.role === Role.facilitator;
  const [delegation, setDelegation] = useState(() => [...names.keys()][0] ?? '');
  const { busy, refusal, send } = useProposalCommands();
  const id = useId();

  const submit = async () => {
    const reason = commenting ? '' : rationale.trim();
    // A comment is one paragraph of words: line breaks a person types or pastes read as spaces.
    const words = commenting ? oneLine(comment) : '';
    const result = await send(
      {
        type: 'propose',
        paragraphId: kind === ProposalKind.insertParagraph ? null : paragraphId,
        ...(kind === ProposalKind.insertParagraph ? { afterParagraphId: paragraphId } : {}),
        kind,
        ...(reason ? { rationale: reason } : {}),
        ...(words ? { text: words } : {}),
        ...(facilitator ? { delegation } : {}),
      },
      'Propose',
    );
    if (!result) return;
    const created = result.proposalId ?? Object.values(result)[0];
    if (created && hasWords(kind) && !commenting) wantProposalCaret(created);
    onDone();
  };

  return (
    <form
      className="propose-form"
      aria-label={`New proposal on ${paragraphName}`}
      data-testid="propose-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <fieldset className="propose-kinds">
        <legend>Propose on {paragraphName}</legend>
        {proposableKinds.map((value, index) => (
          <label key={value} className="propose-kind">
            <input type="radio" name={`${id}-kind`} value={value} checked={kind === value} autoFocus={index === 0} onChange={() => setKind(value)} />
            {kindWords[value]}
          </label>
        ))}
      </fieldset>
      {facilitator ? (
        <label className="propose-row">
          <span className="proposal-field-label">On behalf of</span>
          <select value={delegation} onChange={(event) => setDelegation(event.target.value)} required>
            {[...names.entries()].map(([code, name]) => (
              <option key={code} value={code}>
                {name} ({code})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {commenting ? (
        <label className="propose-row">
          <span className="proposal-field-label">The comment or reservation</span>
          <textarea value={comment} rows={3} maxLength={maxWordCharacters} required onChange={(event) => setComment(event.target.value)} data-testid="propose-comment" />
        </label>
      ) : (
        <label className="propose-row">
          <span className="proposal-field-label">Reason (optional)</span>
          <textarea value={rationale} rows={2} maxLength={maxRationale} onChange={(event) => setRationale(event.target.value)} />
        </label>
      )}
      {hasWords(kind) && !commenting ? (
        <p className="propose-next">
          {kind === ProposalKind.replaceText
            ? 'Your proposal starts as a copy of the paragraph: change its words, and everyone sees the redline as you type.'
            : 'Then write its words; your delegation can write them with you.'}
        </p>
      ) : null}
      {refusal ? (
        <p className="proposal-refusal" role="alert" data-testid="propose-refusal">
          {refusal.text}
        </p>
      ) : null}
      <span className="proposal-form-buttons">
        <button type="submit" disabled={busy || (facilitator && !delegation) || (commenting && comment.trim() === '')} data-testid="propose-submit">
          Propose
        </button>
        <button type="button" className="proposal-button proposal-button--quiet" onClick={onDone}>
          Cancel
        </button>
      </span>
    </form>
  );
}
