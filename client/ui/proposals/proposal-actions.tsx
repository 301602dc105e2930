/**
 * The buttons of one proposal for this person: Support / Oppose (another delegation's, one click, pressed
 * while set, a second click takes it back), Withdraw (its own, after a confirmation: nobody can table it
 * again), and for facilitators Accept, Accept into
 * brackets (a replacement), Reject, and Undo on a decided one. Observers get none. A refusal is shown in the
 * server's words; a refused accept of a proposal that clashes with the current text offers the clashes.
 */
import { useState } from 'react';
import type * as Y from 'yjs';
import { ProposalKind, Reaction, type ProposalSnapshot } from '../../../shared/model/proposal.ts';
import type { PresenceUser } from '../../../shared/protocol/presence.ts';
import { ClashChoices } from './clash-choices.tsx';
import { CommandRefusalNote } from './command-refusal.tsx';
import type { ProposalRights } from './proposal-words.ts';
import { useProposalCommands } from './use-proposal-command.ts';

/** Props: the doc, the proposal, this person, their rights on it, and the paragraph's current plain text. */
export interface ProposalActionsProps {
  doc: Y.Doc;
  proposal: ProposalSnapshot;
  user: PresenceUser;
  rights: ProposalRights;
  current: string;
}

const conflict = 409;

/** The action row (nothing when this person may do nothing). */
export function ProposalActions({ doc, proposal, user, rights, current }: ProposalActionsProps) {
  const { busy, refusal, send, dismiss } = useProposalCommands();
  const [confirmingWithdraw, setConfirmingWithdraw] = useState(false);
  const { id } = proposal;
  const mine = user.delegation;
  const reaction = mine === null ? null : proposal.supporters.includes(mine) ? Reaction.support : proposal.opponents.includes(mine) ? Reaction.oppose : null;
  const react = (next: Reaction) =>
    void send({ type: 'react-to-proposal', proposalId: id, reaction: reaction === next ? null : next }, next === Reaction.support ? 'Support' : 'Oppose');
  const anything = rights.react || rights.withdraw || rights.decide || rights.undo;
  // A chair takes note of a comment or reservation; it does not accept it.
  const acceptWord = proposal.kind === ProposalKind.comment ? 'Take note' : 'Accept';
  const refusedAccept = refusal !== null && refusal.status === conflict && refusal.command.type === 'accept-proposal';
  if (!anything && !refusal) return null;
  return (
    <div className="proposal-actions-area">
      {anything ? (
        <div className="proposal-actions" role="group" aria-label={`Actions on ${proposal.delegation}’s proposal`}>
          {rights.react ? (
            <>
              <button type="button" className="proposal-button proposal-button--support" aria-pressed={reaction === Reaction.support} disabled={busy} onClick={() => react(Reaction.support)} data-testid="proposal-support">
                {reaction === Reaction.support ? 'Supported' : 'Support'}
              </button>
              <button type="button" className="proposal-button proposal-button--oppose" aria-pressed={reaction === Reaction.oppose} disabled={busy} onClick={() => react(Reaction.oppose)} data-testid="proposal-oppose">
                {reaction === Reaction.oppose ? 'Opposed' : 'Oppose'}
              </button>
            </>
          ) : null}
          {rights.decide ? (
            <>
              <button type="button" className="proposal-button proposal-button--decide" disabled={busy} onClick={() => void send({ type: 'accept-proposal', proposalId: id }, acceptWord)} data-testid="proposal-accept">
                {acceptWord}
              </button>
              {proposal.kind === ProposalKind.replaceText ? (
                <button type="button" className="proposal-button proposal-button--decide" disabled={busy} onClick={() => void send({ type: 'accept-into-brackets', proposalId: id }, 'Accept into brackets')} data-testid="proposal-accept-brackets">
                  Accept into brackets
                </button>
              ) : null}
              <button type="button" className="proposal-button" disabled={busy} onClick={() => void send({ type: 'reject-proposal', proposalId: id }, 'Reject')} data-testid="proposal-reject">
                Reject
              </button>
            </>
          ) : null}
          {rights.undo ? (
            <button type="button" className="proposal-button" disabled={busy} onClick={() => void send({ type: 'undo-decision', proposalId: id }, 'Undo')} data-testid="proposal-undo">
              Undo the decision
            </button>
          ) : null}
          {rights.withdraw && confirmingWithdraw ? (
            <span className="proposal-confirm" role="group" aria-label={`Withdraw ${proposal.delegation}’s proposal?`}>
              <span>Withdraw it? It cannot be tabled again.</span>
              <button
                type="button"
                className="proposal-button proposal-button--danger"
                disabled={busy}
                onClick={() => {
                  setConfirmingWithdraw(false);
                  void send({ type: 'withdraw-proposal', proposalId: id }, 'Withdraw');
                }}
                data-testid="proposal-withdraw-confirm"
              >
                Withdraw
              </button>
              {/* Focus waits on the safe answer: Enter or Space by habit keeps the proposal. */}
              <button type="button" className="proposal-button" onClick={() => setConfirmingWithdraw(false)} data-testid="proposal-withdraw-cancel" autoFocus>
                Keep it
              </button>
            </span>
          ) : rights.withdraw ? (
            <button type="button" className="proposal-button proposal-button--quiet" disabled={busy} onClick={() => setConfirmingWithdraw(true)} data-testid="proposal-withdraw">
              Withdraw…
            </button>
          ) : null}
        </div>
      ) : null}
      {refusal ? (
        <CommandRefusalNote refusal={refusal} onDismiss={dismiss}>
          {refusedAccept && rights.decide ? (
            <ClashChoices
              doc={doc}
              proposalId={id}
              current={current}
              proposed={proposal.text}
              busy={busy}
              onResolve={(choices) => void send({ type: 'accept-proposal', proposalId: id, resolutions: choices }, 'Accept')}
            />
          ) : null}
        </CommandRefusalNote>
      ) : null}
    </div>
  );
}
