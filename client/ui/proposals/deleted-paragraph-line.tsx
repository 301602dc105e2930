/**
 * Where a paragraph was taken out of the text, a slim line: "Paragraph 12 was deleted — proposed by EU,
 * accepted by Ana, 4 min ago" (or "— by Ana, 4 min ago" when a facilitator deleted it directly), a Show button
 * disclosing the deleted words (its source; for a proposal its reason and the proposals the deletion
 * superseded), and for facilitators an Undo: the deletion's own "Undo the decision" (the card's actions, the
 * same command and refusals), or restore-paragraph for a direct deletion. When undo brings the paragraph back
 * the line goes, and focus that was on it moves to the paragraph.
 */
import { memo, useEffect, useRef, useState, type CSSProperties } from 'react';
import type { ProposalSnapshot } from '../../../shared/model/proposal.ts';
import { Role } from '../../../shared/protocol/presence.ts';
import { holderColor, type DelegationNames } from '../../editor/bracket-markup.ts';
import { sourceTagClass, sourceTagText } from '../../editor/source-tag.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { RelativeTime } from '../activity/relative-time.tsx';
import { paragraphElementId } from '../paragraph-block.tsx';
import { CommandRefusalNote } from './command-refusal.tsx';
import { DelegationCode } from './delegation-code.tsx';
import { deletedWords, type DeletedParagraph } from './deleted-paragraphs.ts';
import { ProposalActions } from './proposal-actions.tsx';
import { kindWords, proposalRights } from './proposal-words.ts';
import { useProposalCommands } from './use-proposal-command.ts';
import './deleted-paragraph.css';

/** Props: the live copy, the deleted paragraphs whose lines stand at one place (undefined: none), and the delegations' names. */
export interface DeletedParagraphLinesProps {
  live: LiveNegotiation;
  lines: readonly DeletedParagraph[] | undefined;
  names: DelegationNames;
}

/** The lines of the paragraphs deleted at one place (nothing when there are none). */
export function DeletedParagraphLines({ live, lines, names }: DeletedParagraphLinesProps) {
  if (!lines || lines.length === 0) return null;
  return lines.map((line) => <DeletedParagraphLine key={line.deletion.key} live={live} line={line} names={names} />);
}

const whereWords: Readonly<Record<DeletedParagraph['place'], string>> = {
  stood: '',
  moved: ' The paragraph it followed is gone too: undo puts it back here.',
  lost: ' Where it stood is gone too.',
};

const DeletedParagraphLine = memo(function DeletedParagraphLine({ live, line, names }: { live: LiveNegotiation; line: DeletedParagraph; names: DelegationNames }) {
  const { deletion, label, place } = line;
  const { kept } = deletion;
  const proposal = deletion.kind === 'proposal' ? deletion.proposal : null;
  const [open, setOpen] = useState(false);
  const focused = useFocusHandOver(deletion.paragraphId);
  const panelId = `deleted-${deletion.key}-words`;
  const superseded = open && proposal ? supersededBy(live, proposal) : [];
  return (
    <div
      className="deleted-para"
      data-testid="deleted-paragraph"
      data-deleted-paragraph-id={deletion.paragraphId}
      data-proposal-id={proposal?.id}
      data-deleted-by={deletion.kind}
      data-place={place}
      style={proposal ? ({ '--proposer': holderColor(proposal.delegation) } as CSSProperties) : undefined}
      onFocus={() => (focused.current = true)}
      onBlur={(event) => {
        // Focus leaving for another element lets go; focus lost with the removed button (undo done) does not.
        if (event.relatedTarget !== null) focused.current = false;
      }}
    >
      <p className="deleted-para-line">
        <span className="deleted-para-what">{label} was deleted</span>
        <span className="deleted-para-how">
          {proposal ? <AcceptedBy proposal={proposal} names={names} /> : <> by {deletion.kind === 'direct' ? deletion.by : ''}, <RelativeTime at={deletion.at} lastAt={deletion.at} /></>}
          .{kept ? whereWords[place] : ' Its text was not kept, so undo cannot put it back: insert it again.'}
        </span>{' '}
        <button type="button" className="link-button deleted-para-show" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)} data-testid="deleted-paragraph-show">
          {open ? 'Hide' : 'Show'}
          <span className="visually-hidden"> the words of {(label[0]?.toLowerCase() ?? '') + label.slice(1)}</span>
        </button>
      </p>
      <div className="deleted-para-words" id={panelId} hidden={!open} data-testid="deleted-paragraph-words">
        {open ? (
          <>
            <p className="deleted-para-text" lang="en">
              {deletedWords(line) || '(no words)'}
            </p>
            {kept?.source ? (
              <p className="deleted-para-source">
                <span className={sourceTagClass}>{sourceTagText(kept.source)}</span>
              </p>
            ) : null}
            {proposal?.rationale ? (
              <p className="deleted-para-reason">
                <span className="deleted-para-reason-word">Reason:</span> {proposal.rationale}
              </p>
            ) : null}
            {superseded.length > 0 ? (
              <p className="deleted-para-superseded">
                Superseded by the deletion:{' '}
                {superseded.map((other, at) => (
                  <span key={other.id}>
                    {at > 0 ? '; ' : ''}
                    <DelegationCode code={other.delegation} names={names} /> {kindWords[other.kind].toLowerCase()}
                  </span>
                ))}
                . Undo reopens {superseded.length === 1 ? 'it' : 'them'}.
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      {proposal ? <DecisionActions live={live} proposal={proposal} kept={kept !== null} /> : <RestoreAction live={live} paragraphId={deletion.paragraphId} label={label} />}
    </div>
  );
});

// " — proposed by EU, accepted by Ana, 4 min ago".
function AcceptedBy({ proposal, names }: { proposal: ProposalSnapshot; names: DelegationNames }) {
  const decision = proposal.decision;
  return (
    <>
      {' — proposed by '}
      <DelegationCode code={proposal.delegation} names={names} strong />
      {decision ? (
        <>
          , accepted by {decision.by}, <RelativeTime at={decision.at} lastAt={decision.at} />
        </>
      ) : (
        ', accepted'
      )}
    </>
  );
}

// The accepted deletion's own actions; undo on a deletion that kept no copy is always refused, so the line says why instead of offering it.
function DecisionActions({ live, proposal, kept }: { live: LiveNegotiation; proposal: ProposalSnapshot; kept: boolean }) {
  const rights = proposalRights(live.user, proposal);
  if (!kept) rights.undo = false;
  return <ProposalActions doc={live.doc} proposal={proposal} user={live.user} rights={rights} current="" />;
}

// A facilitator puts a directly deleted paragraph back (restore-paragraph); a refusal stays in the server's words.
function RestoreAction({ live, paragraphId, label }: { live: LiveNegotiation; paragraphId: string; label: string }) {
  const { busy, refusal, send, dismiss } = useProposalCommands();
  if (live.user.role !== Role.facilitator) return null;
  return (
    <div className="proposal-actions-area">
      <div className="proposal-actions" role="group" aria-label={`Actions on the deletion of ${(label[0]?.toLowerCase() ?? '') + label.slice(1)}`}>
        <button type="button" className="proposal-button" disabled={busy} onClick={() => void send({ type: 'restore-paragraph', paragraphId }, 'Undo the deletion')} data-testid="deleted-paragraph-restore">
          Undo the deletion
        </button>
      </div>
      {refusal ? <CommandRefusalNote refusal={refusal} onDismiss={dismiss} /> : null}
    </div>
  );
}

/**
 * Tracks whether focus is on the line; when the line goes (its paragraph is back) holding focus, focus
 * moves to the paragraph instead of falling to the page.
 */
function useFocusHandOver(paragraphId: string | null): { current: boolean } {
  const focused = useRef(false);
  useEffect(
    () => () => {
      if (!focused.current || paragraphId === null) return;
      requestAnimationFrame(() => {
        const active = document.activeElement;
        if (active === null || active === document.body) document.getElementById(paragraphElementId(paragraphId))?.focus();
      });
    },
    [paragraphId],
  );
  return focused;
}

// The proposals the deletion marked superseded that still are (undo reopens them with it).
function supersededBy(live: LiveNegotiation, proposal: ProposalSnapshot): ProposalSnapshot[] {
  const ids = proposal.decision?.superseded;
  if (!Array.isArray(ids)) return [];
  return ids.flatMap((id) => {
    const other = typeof id === 'string' ? live.proposals.get(id) : undefined;
    return other && other.decision?.supersededBy === proposal.id ? [other] : [];
  });
}
