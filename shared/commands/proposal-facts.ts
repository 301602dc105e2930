/**
 * What proposal decisions read before they decide: the proposal a command names, how people name it
 * ("EU’s proposal to amend paragraph 5"), whether it is still open, and which delegation an actor speaks for.
 */
import type * as Y from 'yjs';
import { getDelegations } from '../model/delegations.ts';
import { getProposal, ProposalKind, ProposalStatus, readProposal, statusWordOf, type ProposalSnapshot } from '../model/proposal.ts';
import { Role } from '../protocol/presence.ts';
import { refuse, type CommandActor, type Refusal } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { maxWordCharacters, unfitCharacter } from '../model/word-characters.ts';

/** Words for each proposal status, as the activity and refusals write them. */
export const proposalStatusWords: Record<ProposalStatus, string> = {
  [ProposalStatus.pending]: 'pending',
  [ProposalStatus.accepted]: 'accepted',
  [ProposalStatus.acceptedIntoBrackets]: 'accepted into brackets',
  [ProposalStatus.rejected]: 'rejected',
  [ProposalStatus.withdrawn]: 'withdrawn',
  [ProposalStatus.superseded]: 'superseded',
};

/** A proposal a command names, as it reads now. */
export interface NamedProposal {
  id: string;
  proposal: ProposalSnapshot;
  /** What it is, without whose: "proposal to amend paragraph 5", "comment on paragraph 5". */
  what: string;
  /** Whose and what: "EU’s proposal to amend paragraph 5". */
  label: string;
}

/** The named proposal, or the refusal when there is none with that id. */
export function namedProposal(doc: Y.Doc, id: string): NamedProposal | Refusal {
  const map = getProposal(doc, id);
  if (!map) return refuse('conflict', 'that proposal no longer exists');
  const proposal = readProposal(id, map);
  const what = proposalWhat(doc, proposal);
  return { id, proposal, what, label: `${proposal.delegation}’s ${what}` };
}

/** What a proposal is, in words: "proposal to amend paragraph 5", "proposal of a new paragraph after paragraph 5". */
export function proposalWhat(doc: Y.Doc, proposal: Pick<ProposalSnapshot, 'kind' | 'paragraphId' | 'afterParagraphId'>): string {
  const on = proposal.paragraphId === null ? 'a paragraph that no longer exists' : paragraphLabel(doc, proposal.paragraphId);
  switch (proposal.kind) {
    case ProposalKind.replaceText:
      return `proposal to amend ${on}`;
    case ProposalKind.insertParagraph:
      return `proposal of a new paragraph ${placeWords(doc, proposal.afterParagraphId)}`;
    case ProposalKind.deleteParagraph:
      return `proposal to delete ${on}`;
    case ProposalKind.retain:
      return `proposal to retain ${on}`;
    case ProposalKind.comment:
      return `comment on ${on}`;
  }
}

/** Where a new paragraph goes, in words: "after paragraph 5", "at the top". */
export function placeWords(doc: Y.Doc, afterParagraphId: string | null): string {
  return afterParagraphId === null ? 'at the top' : `after ${paragraphLabel(doc, afterParagraphId)}`;
}

/** The paragraph a proposal's activity belongs to: the one it amends, or the one a new paragraph follows. */
export function proposalParagraph(proposal: Pick<ProposalSnapshot, 'paragraphId' | 'afterParagraphId'>): string | null {
  return proposal.paragraphId ?? proposal.afterParagraphId;
}

/** A 'conflict' refusal unless the proposal is pending: "EU’s proposal to amend paragraph 5 is rejected already". */
export function notPendingRefusal(named: NamedProposal, doing: string): Refusal | null {
  if (named.proposal.status === ProposalStatus.pending) return null;
  return refuse('conflict', `${named.label} is ${statusWordOf(named.proposal, proposalStatusWords)} already: it can no longer ${doing}`);
}

/** The most characters a proposal's words may have to be decided on: what the propose command takes. */
export const maxProposalCharacters = maxWordCharacters;

/** Why words may not be tabled or enter a paragraph, or null: a line break or a control character (an escape sequence in an export). */
export function unfitWordsProblem(words: string): string | null {
  const found = unfitCharacter(words);
  if (!found) return null;
  return found.lineBreak ? 'holds a line break; a paragraph is one line' : `holds a control character (${found.code})`;
}

/**
 * An 'invalid' refusal when the proposal's words (typed raw in its editor, where the propose command's rules
 * do not reach) could not be tabled as they stand: longer than the command takes (deciding on them would
 * cost every merge and redline of the paragraph as much), or holding a line break or a control character.
 */
export function unfitProposalRefusal(named: NamedProposal): Refusal | null {
  const { text, delegation } = named.proposal;
  if (text.length > maxProposalCharacters) {
    return refuse('invalid', `${named.label} has ${text.length.toLocaleString('en')} characters; a proposal may have at most ${maxProposalCharacters.toLocaleString('en')}: ${delegation} must shorten it first`);
  }
  const unfit = unfitWordsProblem(text);
  return unfit ? refuse('invalid', `${named.label} ${unfit}: ${delegation} must remove it first`) : null;
}

/**
 * The delegation `actor` speaks for in a command that may name one: a delegation only for itself
 * ('forbidden' when it names another), a facilitator for the one it names (which must exist).
 */
export function speakingFor(doc: Y.Doc, actor: CommandActor, named: string | undefined, doing: string): string | Refusal {
  if (actor.role === Role.delegation) {
    if (actor.delegation === null) return refuse('forbidden', `${actor.name} speaks for no delegation and may not ${doing}`);
    if (named !== undefined && named !== actor.delegation) return refuse('forbidden', `${actor.name} speaks for ${actor.delegation} only and may not ${doing} for ${named}`);
    return actor.delegation;
  }
  if (named === undefined) return refuse('invalid', `name the delegation to ${doing} for`);
  if (!getDelegations(doc).has(named)) return refuse('invalid', `there is no delegation ${named} in this negotiation`);
  return named;
}
