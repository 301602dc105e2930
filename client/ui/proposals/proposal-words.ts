/**
 * What the page says about a proposal and who may do what with it, in one place: the kind and the status in
 * words, and the rights of this person (the server enforces the same rules; these only decide which
 * controls to draw).
 */
import { ProposalKind, ProposalStatus, type ProposalSnapshot } from '../../../shared/model/proposal.ts';
import { Role, type PresenceUser } from '../../../shared/protocol/presence.ts';

/** A proposal's kind as a delegate says it. */
export const kindWords: Readonly<Record<ProposalKind, string>> = {
  [ProposalKind.replaceText]: 'Replace the text',
  [ProposalKind.insertParagraph]: 'New paragraph after this one',
  [ProposalKind.deleteParagraph]: 'Delete the paragraph',
  [ProposalKind.retain]: 'Retain as drafted',
  [ProposalKind.comment]: 'Comment or reservation',
};

/** A proposal's status in one or a few words. */
export const statusWords: Readonly<Record<ProposalStatus, string>> = {
  [ProposalStatus.pending]: 'pending',
  [ProposalStatus.accepted]: 'accepted',
  [ProposalStatus.acceptedIntoBrackets]: 'accepted into brackets',
  [ProposalStatus.rejected]: 'rejected',
  [ProposalStatus.withdrawn]: 'withdrawn',
  [ProposalStatus.superseded]: 'superseded',
};

/** The kinds a person can choose when proposing, in the order the form lists them. */
export const proposableKinds: readonly ProposalKind[] = [
  ProposalKind.replaceText,
  ProposalKind.insertParagraph,
  ProposalKind.deleteParagraph,
  ProposalKind.retain,
  ProposalKind.comment,
];

/** True for kinds whose words are written in an editor (a replacement, a new paragraph, a comment). */
export function hasWords(kind: ProposalKind): boolean {
  return kind === ProposalKind.replaceText || kind === ProposalKind.insertParagraph || kind === ProposalKind.comment;
}

/** True for statuses a facilitator's decision set (and can undo). */
export function isDecided(status: ProposalStatus): boolean {
  return status === ProposalStatus.accepted || status === ProposalStatus.acceptedIntoBrackets || status === ProposalStatus.rejected;
}

/** What `user` may do with `proposal`. */
export interface ProposalRights {
  /** Type in its words and its reason (its delegation's people and the facilitators, while pending). */
  edit: boolean;
  /** Support or oppose it (another delegation's pending proposal). */
  react: boolean;
  /** Withdraw it (its own delegation, or a facilitator on its behalf, while pending). */
  withdraw: boolean;
  /** Accept, accept into brackets, reject (facilitators, while pending). */
  decide: boolean;
  /** Undo the decision taken on it (facilitators). */
  undo: boolean;
}

/** The rights of `user` (null: not known yet, nothing) on `proposal`. */
export function proposalRights(user: PresenceUser | null, proposal: ProposalSnapshot): ProposalRights {
  const pending = proposal.status === ProposalStatus.pending;
  const facilitator = user?.role === Role.facilitator;
  const own = user?.role === Role.delegation && user.delegation === proposal.delegation;
  const otherDelegation = user?.role === Role.delegation && user.delegation !== null && !own;
  return {
    edit: pending && (own || facilitator),
    react: pending && otherDelegation,
    withdraw: pending && (own || facilitator),
    decide: pending && facilitator,
    undo: facilitator && isDecided(proposal.status),
  };
}

/** "1 more proposal", "9 more proposals". */
export function moreProposals(count: number): string {
  return `${count} more ${count === 1 ? 'proposal' : 'proposals'}`;
}
