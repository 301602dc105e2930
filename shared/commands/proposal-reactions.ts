/**
 * What delegations do to proposals besides tabling them: support or oppose another delegation's proposal
 * (one mark per delegation, removable), and withdraw their own. Both only while the proposal is pending.
 */
import * as Y from 'yjs';
import { getProposal, ProposalField, ProposalStatus, Reaction } from '../model/proposal.ts';
import { Role } from '../protocol/presence.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type CommandActor, type DecideEnv, type Decision } from './decision.ts';
import { recordDecision } from './proposal-edits.ts';
import { namedProposal, notPendingRefusal, proposalParagraph, speakingFor } from './proposal-facts.ts';

/** Decides react-to-proposal: the delegation's mark set, changed or removed (the role is checked already). */
export function decideReaction(doc: Y.Doc, actor: CommandActor, { proposalId, reaction, delegation: named }: CommandOf<'react-to-proposal'>): Decision {
  const delegation = speakingFor(doc, actor, named, reaction === null ? 'remove a mark' : reaction);
  if (typeof delegation !== 'string') return delegation;
  const found = namedProposal(doc, proposalId);
  if ('ok' in found) return found;
  const { proposal, label } = found;
  if (proposal.delegation === delegation) return refuse('invalid', `${delegation} cannot ${reaction ?? 'mark'} its own proposal`);
  const closed = notPendingRefusal(found, 'take support or objections');
  if (closed) return closed;
  const now = proposal.supporters.includes(delegation) ? Reaction.support : proposal.opponents.includes(delegation) ? Reaction.oppose : null;
  if (now === reaction) {
    return refuse('conflict', reaction === null ? `${delegation} has no mark on ${label}` : `${delegation} ${reaction === Reaction.support ? 'supports' : 'opposes'} ${label} already`);
  }
  const summary =
    reaction === Reaction.support
      ? `${delegation} supported ${label}`
      : reaction === Reaction.oppose
        ? `${delegation} opposed ${label}`
        : `${delegation} withdrew its ${now === Reaction.support ? 'support for' : 'objection to'} ${label}`;
  return accept(
    (target) => {
      const reactions = getProposal(target, proposalId)?.get(ProposalField.reactions);
      if (!(reactions instanceof Y.Map)) return;
      if (reaction === null) reactions.delete(delegation);
      else reactions.set(delegation, reaction);
    },
    { paragraphId: proposalParagraph(proposal), summary },
    { proposalId },
  );
}

/** Decides withdraw-proposal: the proposing delegation (or a facilitator) takes a pending proposal back. */
export function decideWithdraw(doc: Y.Doc, actor: CommandActor, { proposalId }: CommandOf<'withdraw-proposal'>, env: DecideEnv): Decision {
  const found = namedProposal(doc, proposalId);
  if ('ok' in found) return found;
  const { proposal, what, label } = found;
  if (actor.role !== Role.facilitator && actor.delegation !== proposal.delegation) {
    return refuse('forbidden', `${actor.name} may not withdraw ${label}: only ${proposal.delegation} or a facilitator may`);
  }
  const closed = notPendingRefusal(found, 'be withdrawn');
  if (closed) return closed;
  return accept(
    (target) => recordDecision(target, proposalId, { status: ProposalStatus.withdrawn, by: actor.name, at: env.now }),
    { paragraphId: proposalParagraph(proposal), summary: `${proposal.delegation} withdrew its ${what}` },
    { proposalId },
  );
}
