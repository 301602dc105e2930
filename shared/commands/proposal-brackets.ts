/**
 * accept-into-brackets (facilitators, replacements only): the proposal's changed words enter the paragraph
 * in brackets in the conventional shapes (shared/amendments/bracket-plan.ts), held by the proposer and its
 * supporters, its opponents holding the other side; no word of the text is deleted. Planned and rehearsed
 * while deciding, carried out in the command's one transaction. Formatting is no words to bracket: a
 * proposal that changes only formatting is refused (accepting it applies it), and the activity of one that
 * also reformats words says that formatting is not applied.
 */
import type * as Y from 'yjs';
import { applyBracketPlan, bracketPlanProblem, type PlanEnv } from '../amendments/apply-bracket-plan.ts';
import { planBracketAcceptance } from '../amendments/bracket-plan.ts';
import { quoteWords } from '../brackets/bracket-facts.ts';
import { readBrackets } from '../brackets/read-brackets.ts';
import { ProposalKind, ProposalStatus } from '../model/proposal.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type CommandActor, type DecideEnv, type Decision } from './decision.ts';
import { replacementChanges } from './proposal-accept.ts';
import { recordDecision } from './proposal-edits.ts';
import { namedProposal, notPendingRefusal, unfitProposalRefusal } from './proposal-facts.ts';
import { reformattingOnParagraph, reformattingWords } from './proposal-formatting.ts';

/** Decides accept-into-brackets (the role is checked already). */
export function decideAcceptIntoBrackets(doc: Y.Doc, actor: CommandActor, { proposalId }: CommandOf<'accept-into-brackets'>, env: DecideEnv): Decision {
  const found = namedProposal(doc, proposalId);
  if ('ok' in found) return found;
  const { proposal, label } = found;
  if (proposal.kind !== ProposalKind.replaceText) return refuse('invalid', `only a proposal to amend text goes into brackets: accept or reject ${label}`);
  const closed = notPendingRefusal(found, 'go into brackets') ?? unfitProposalRefusal(found);
  if (closed) return closed;
  const merged = replacementChanges(doc, found, [], 'bracket words in it', `accept it with a choice for each clash, or ask ${proposal.delegation} to write it again on the text as it reads now`);
  if (!merged.ok) return merged;
  const { paragraphId, current, changes, text: merges } = merged;
  const reformatted = reformattingOnParagraph(doc, paragraphId, proposal, changes);
  const formatting = reformatted.length > 0 ? reformattingWords(merges, reformatted) : '';
  if (formatting !== '' && merges === current) {
    return refuse('invalid', `${label} changes only formatting (${formatting}), and formatting does not go into brackets: accept it to apply it, or reject it`);
  }
  const people = { proposer: proposal.delegation, supporters: proposal.supporters, opponents: proposal.opponents };
  const plan = planBracketAcceptance(current, changes, people, readBrackets(doc, paragraphId));
  if (!plan.ok) return refuse('conflict', `${label} cannot go into brackets: ${plan.reason}`);
  const problem = bracketPlanProblem(doc, paragraphId, plan);
  if (problem) return refuse('conflict', `${label} cannot go into brackets: ${problem}`);

  // Ids chosen now, so the answer can name the brackets the change will create.
  const bracketIds = plan.brackets.map(() => env.newId('b'));
  const groupIds = [...new Set(plan.brackets.flatMap((b) => (b.group === null ? [] : [b.group])))].map(() => env.newId('g'));
  const changed = plan.after !== current;
  const text = { before: current, after: plan.after };
  return accept(
    (target) => {
      const queue = { b: [...bracketIds], g: [...groupIds] };
      const planEnv: PlanEnv = { now: env.now, newId: (prefix) => (prefix === 'g' ? queue.g.shift() : queue.b.shift()) ?? env.newId(prefix) };
      applyBracketPlan(target, paragraphId, plan, planEnv);
      recordDecision(target, proposalId, { status: ProposalStatus.acceptedIntoBrackets, by: actor.name, at: env.now, ...(changed ? text : {}), bracketIds });
    },
    {
      paragraphId,
      summary: `accepted ${label} into brackets: ${plan.brackets.map((b) => quoteWords(b.words)).join(', ')}${formatting === '' ? '' : `; its formatting (${formatting}) does not go into brackets and was not applied`}`,
      ...(changed ? text : {}),
    },
    { proposalId, bracketIds: bracketIds.join(',') },
  );
}
