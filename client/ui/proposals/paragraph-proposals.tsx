/**
 * The proposals under one paragraph (or heading): each as a card, pending ones first, the rest folded away
 * behind "Show 9 more proposals" when there are many; and for delegations and facilitators a Propose button
 * that opens the propose form (on an agreed or ad ref paragraph it says why there is none). Re-renders only
 * when this paragraph's proposals, text or formatting change (the stores notify per paragraph).
 */
import { memo, useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { ProposalStatus, type ProposalSnapshot } from '../../../shared/model/proposal.ts';
import { ParagraphStatus } from '../../../shared/model/paragraph.ts';
import { Role } from '../../../shared/protocol/presence.ts';
import { useDelegationNames } from '../brackets/delegation-names.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { isLocked } from '../desk/locked.ts';
import { ProposalCard } from './proposal-card.tsx';
import { moreProposals } from './proposal-words.ts';
import { ProposeForm } from './propose-form.tsx';
import '../styles/proposals.css';
import './proposal-forms.css';

/** Proposals shown before the rest are folded away. */
export const shownProposals = 3;

/** Props: the live copy, the paragraph, how it is named ("¶5"), its status and its current plain text. */
export interface ParagraphProposalsProps {
  live: LiveNegotiation;
  paragraphId: string;
  paragraphName: string;
  status: ParagraphStatus;
  current: string;
}

/** The proposals region of one paragraph (nothing for an observer when there are none). */
export const ParagraphProposals = memo(function ParagraphProposals({ live, paragraphId, paragraphName, status, current }: ParagraphProposalsProps) {
  const proposals = useSyncExternalStore(
    useCallback((listener: () => void) => live.proposals.subscribeParagraph(paragraphId, listener), [live, paragraphId]),
    () => live.proposals.forParagraph(paragraphId),
  );
  // The paragraph's runs, for the formatting a proposal changes (its plain text alone would hide it).
  const paragraph = useSyncExternalStore(
    useCallback((listener: () => void) => live.store.subscribeParagraph(paragraphId, listener), [live, paragraphId]),
    () => live.store.getParagraph(paragraphId),
  );
  const currentRuns = paragraph?.runs ?? null;
  const names = useDelegationNames(live.doc);
  const [open, setOpen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [lockedHint, setLockedHint] = useState(false);
  const ordered = useMemo(() => pendingFirst(proposals), [proposals]);
  const user = live.user;
  const mayPropose = user.role === Role.facilitator || (user.role === Role.delegation && user.delegation !== null);
  if (ordered.length === 0 && !mayPropose) return null;

  const shown = expanded || ordered.length <= shownProposals + 1 ? ordered : ordered.slice(0, shownProposals);
  const hidden = ordered.length - shown.length;
  const locked = isLocked(status);
  const pending = ordered.filter((p) => p.status === ProposalStatus.pending).length;

  return (
    <div className={`proposals${ordered.length > 0 ? ' proposals--some' : ''}`} data-testid="proposals" data-count={ordered.length}>
      {ordered.length > 0 ? (
        <>
          <h3 className="visually-hidden">
            Proposals on {paragraphName}: {ordered.length}, {pending} pending
          </h3>
          <ul className="proposal-list">
            {shown.map((proposal) => (
              <ProposalCard key={proposal.id} live={live} proposal={proposal} paragraphId={paragraphId} current={current} currentRuns={currentRuns} names={names} />
            ))}
          </ul>
        </>
      ) : null}
      <div className="proposals-foot">
        {hidden > 0 ? (
          <button type="button" className="link-button proposals-more" aria-expanded={false} onClick={() => setExpanded(true)} data-testid="proposals-more">
            Show {moreProposals(hidden)}
          </button>
        ) : expanded && ordered.length > shownProposals + 1 ? (
          <button type="button" className="link-button proposals-more" aria-expanded onClick={() => setExpanded(false)}>
            Show fewer proposals
          </button>
        ) : null}
        {mayPropose && !open ? (
          <button
            type="button"
            className="proposals-propose"
            aria-disabled={locked || undefined}
            aria-label={`Propose on ${paragraphName}`}
            onClick={() => (locked ? setLockedHint(true) : (setOpen(true), setLockedHint(false)))}
            data-testid="propose-button"
          >
            + Propose
          </button>
        ) : null}
      </div>
      {lockedHint && locked ? (
        <p className="proposal-hint" role="status" data-testid="propose-locked">
          {paragraphName[0]?.toUpperCase()}
          {paragraphName.slice(1)} is {status === ParagraphStatus.agreed ? 'agreed' : 'agreed ad ref'}: it takes no proposals until the facilitators reopen it.
        </p>
      ) : null}
      {open && !locked ? <ProposeForm paragraphId={paragraphId} paragraphName={paragraphName} user={user} names={names} onDone={() => setOpen(false)} /> : null}
    </div>
  );
});

const statusOrder: Readonly<Record<ProposalStatus, number>> = {
  [ProposalStatus.pending]: 0,
  [ProposalStatus.acceptedIntoBrackets]: 1,
  [ProposalStatus.accepted]: 1,
  [ProposalStatus.rejected]: 2,
  [ProposalStatus.superseded]: 2,
  [ProposalStatus.withdrawn]: 3,
};

/** Pending proposals first, then decided, then withdrawn; oldest first within each (a stable sort). */
function pendingFirst(proposals: readonly ProposalSnapshot[]): readonly ProposalSnapshot[] {
  return [...proposals].sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
}
