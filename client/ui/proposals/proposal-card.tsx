/**
 * One proposal under its paragraph: its delegation's code in its colour, what it asks in words, its status,
 * its words as a redline against the paragraph's current text (for those who may still change them, an "Edit
 * the words" button, or a click on the words, opens an editor on its own shared text, co-edited with named
 * carets; "Done" closes it; only a few are open per page: client/editor/proposal-focus.ts), a note when it
 * was written on an earlier text, its reason, who supports and opposes it, and this person's buttons.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type CSSProperties, type MouseEvent } from 'react';
import { decidedFormattingBase, formattingBase } from '../../../shared/amendments/format-diff.ts';
import { rebasedRuns } from '../../../shared/amendments/proposal-rebase.ts';
import { getProposalText, ProposalKind, ProposalStatus, statusWordOf, type ProposalSnapshot } from '../../../shared/model/proposal.ts';
import type { TextRun } from '../../../shared/model/text-run.ts';
import { Role } from '../../../shared/protocol/presence.ts';
import { holderColor, type DelegationNames } from '../../editor/bracket-markup.ts';
import { getProposalEditor, loadProposalEditor, subscribeProposalEditor } from '../../editor/proposal-editor-loader.ts';
import { closeProposalEditor, isProposalOpen, subscribeProposalOpen, wantProposalCaret } from '../../editor/proposal-focus.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { DelegationCode, DelegationCodes } from './delegation-code.tsx';
import { ProposalActions } from './proposal-actions.tsx';
import { ProposalRedline, redlineOffsetAt } from './proposal-redline.tsx';
import { hasWords, kindWords, proposalRights, statusWords } from './proposal-words.ts';
import { RationaleField } from './rationale-field.tsx';

/** Props: the live copy, the proposal, the paragraph it is under, that paragraph's current plain text and its runs (null: not read). */
export interface ProposalCardProps {
  live: LiveNegotiation;
  proposal: ProposalSnapshot;
  paragraphId: string;
  current: string;
  currentRuns: readonly TextRun[] | null;
  names: DelegationNames;
}

const hintMs = 6_000;

/** One proposal's card; re-renders when its snapshot or the paragraph's text changes. */
export const ProposalCard = memo(function ProposalCard({ live, proposal, paragraphId, current, currentRuns, names }: ProposalCardProps) {
  const user = live.user;
  const rights = proposalRights(user, proposal);
  const name = names.get(proposal.delegation) ?? proposal.delegation;
  const words = hasWords(proposal.kind);
  const typing = words && rights.edit;
  const id = proposal.id;
  const open = useSyncExternalStore(
    useCallback((listener: () => void) => subscribeProposalOpen(id, listener), [id]),
    () => isProposalOpen(id),
  );
  const Editor = useSyncExternalStore(subscribeProposalEditor, getProposalEditor);
  useEffect(() => {
    if (open && typing) void loadProposalEditor();
    // A proposal decided or withdrawn meanwhile gives its place among the open editors back.
    else if (open) closeProposalEditor(id);
  }, [open, typing, id]);
  const fragment = open && typing ? getProposalText(live.doc, id) : undefined;
  const editing = fragment !== undefined && Editor !== null;
  // Closing with "Done" puts focus back on the button that opened the editor.
  const editButton = useRef<HTMLButtonElement | null>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);
  const [hint, setHint] = useState(0);
  useEffect(() => {
    if (hint === 0) return;
    const timer = setTimeout(() => setHint(0), hintMs);
    return () => clearTimeout(timer);
  }, [hint]);

  const pending = proposal.status === ProposalStatus.pending;
  const stale = pending && proposal.kind === ProposalKind.replaceText && proposal.basedOn !== current;
  const base = pending && !stale ? current : proposal.basedOn;
  // The formatting kept with the proposal belongs to the text it was written on, and serves only a comparison with that text.
  const baseMarks = base === proposal.basedOn ? proposal.baseMarks : null;
  const formatBase = pending ? formattingBase(base, currentRuns, baseMarks) : decidedFormattingBase(proposal.decision, proposal.basedOn, currentRuns, proposal.baseMarks);
  // A pending replacement of the text as it reads reads with the paragraph's formatting now, changed only where it changed it.
  const pendingBase = pending && !stale && proposal.kind === ProposalKind.replaceText ? formatBase : null;
  const proposed = useMemo(() => (pendingBase ? rebasedRuns(proposal.runs, proposal.basedOn, proposal.baseMarks, pendingBase) : proposal.runs), [proposal.runs, proposal.basedOn, proposal.baseMarks, pendingBase]);
  const headingId = `proposal-${proposal.id}-heading`;
  // Someone who cannot type here learns why when they try (a click or a key in the words).
  const explain = () => {
    if (words && !rights.edit && user.role !== Role.observer) setHint((n) => n + 1);
  };
  // A click on the words opens them with the caret near the click (not when it ended a selection of them).
  const onWordsClick = (event: MouseEvent) => {
    if (!typing) return explain();
    if (editing || !window.getSelection()?.isCollapsed) return;
    wantProposalCaret(id, redlineOffsetAt(event.clientX, event.clientY) ?? 'end');
  };
  const done = () => {
    refocus.current = true;
    closeProposalEditor(id);
  };
  const fieldWord = proposal.kind === ProposalKind.comment ? 'Comment' : 'Proposed text';
  // Worded when shown, so a decision taken meanwhile is what it says.
  const hintText = pending
    ? `Only ${name}’s delegation (and the facilitators) can change the words of this proposal. You can support or oppose it, or make a proposal of your own.`
    : `This proposal is ${statusWordOf(proposal, statusWords)}: its words no longer change.`;

  return (
    <li className={`proposal proposal--${proposal.status}`} data-proposal-id={proposal.id} data-delegation={proposal.delegation} data-status={proposal.status} data-testid="proposal" aria-labelledby={headingId} style={{ '--proposer': holderColor(proposal.delegation) } as CSSProperties}>
      <p className="proposal-head" id={headingId}>
        <DelegationCode code={proposal.delegation} names={names} strong />
        <span className="proposal-kind">{kindWords[proposal.kind]}</span>
        <span className={`proposal-status proposal-status--${proposal.status}`} data-testid="proposal-status">
          <span className="visually-hidden">, status: </span>
          {statusWordOf(proposal, statusWords)}
        </span>
        {proposal.decision && !pending ? <span className="proposal-status-by">by {proposal.decision.by}</span> : null}
      </p>
      {stale ? (
        <p className="proposal-stale" data-testid="proposal-stale">
          Written on an earlier text of this paragraph: the redline shows its changes to that text. Accepting it merges them with what changed since.
        </p>
      ) : null}
      {editing ? (
        <div className="proposal-typing">
          <span className="proposal-field-label" aria-hidden="true">
            {fieldWord}
          </span>
          <Editor live={live} proposalId={id} paragraphId={paragraphId} fragment={fragment} editable={rights.edit} label={`${fieldWord} of ${name}`} />
        </div>
      ) : null}
      {(words && !(editing && proposal.kind !== ProposalKind.replaceText)) || proposal.kind === ProposalKind.deleteParagraph ? (
        <div
          className={`proposal-words${typing && !editing ? ' proposal-words--openable' : ''}`}
          onClick={onWordsClick}
          onKeyDown={(event) => (typing ? event.key === 'Enter' && !editing && wantProposalCaret(id) : event.key.length === 1 && explain())}
          data-testid="proposal-words"
        >
          {editing ? (
            <span className="proposal-field-label" aria-hidden="true">
              {stale ? 'Its changes to the text it was written on' : 'Against the current text'}
            </span>
          ) : null}
          {!pending && proposal.kind === ProposalKind.replaceText ? (
            <span className="proposal-field-label">As proposed, against the text it was written on</span>
          ) : null}
          <ProposalRedline kind={proposal.kind} current={base} currentRuns={formatBase} proposed={proposed} delegation={proposal.delegation} />
        </div>
      ) : null}
      {typing ? (
        <p className="proposal-words-controls">
          {editing ? (
            <button type="button" className="link-button proposal-words-done" aria-label={`Done editing the words of the ${proposal.delegation} proposal`} onClick={done} data-testid="proposal-edit-done">
              Done
            </button>
          ) : (
            <button
              type="button"
              ref={editButton}
              className="link-button proposal-words-edit"
              aria-label={`Edit the words of the ${proposal.delegation} proposal`}
              aria-busy={open || undefined}
              onClick={() => wantProposalCaret(id)}
              data-testid="proposal-edit-words"
            >
              Edit the words
            </button>
          )}
        </p>
      ) : null}
      {hint > 0 && !rights.edit ? (
        <p className="proposal-hint" role="status" data-testid="proposal-edit-refused">
          {hintText}
        </p>
      ) : null}
      <RationaleField doc={live.doc} proposalId={proposal.id} rationale={proposal.rationale} editable={rights.edit} />
      {proposal.supporters.length + proposal.opponents.length > 0 ? (
        <p className="proposal-reactions">
          <DelegationCodes codes={proposal.supporters} names={names} label="Supported by" testId="proposal-supporters" />
          <DelegationCodes codes={proposal.opponents} names={names} label="Opposed by" testId="proposal-opponents" />
        </p>
      ) : null}
      <ProposalActions doc={live.doc} proposal={proposal} user={user} rights={rights} current={current} />
    </li>
  );
});
