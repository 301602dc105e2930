/**
 * propose: a delegation tables an amendment as itself, or a facilitator on behalf of the delegation it
 * names. The proposal starts pending with its words (a replacement starts as a copy of the paragraph's runs,
 * with the words given applied; a new paragraph or a comment may start empty and be written in its editor),
 * and `basedOn` freezes the paragraph's plain text now as the merge base.
 *
 * Where a proposal stands: every kind but insert-paragraph names its paragraph in `paragraphId` (and no
 * `afterParagraphId`); an insert-paragraph has `paragraphId` null and names the paragraph the new one
 * follows in `afterParagraphId` (null: at the top). Anything else is refused, never guessed.
 */
import * as Y from 'yjs';
import { applyChangesToRuns } from '../amendments/run-changes.ts';
import { wordChanges } from '../amendments/word-diff.ts';
import { getParagraphText, paragraphStatusOf, readOrder } from '../model/negotiation-doc.ts';
import { lockedStatuses } from '../model/paragraph.ts';
import { readRuns } from '../model/paragraph-fragment.ts';
import { getProposal, ProposalKind, writeProposal, type NewProposal } from '../model/proposal.ts';
import { markSpansOf, plainText, type TextRun } from '../model/text-run.ts';
import { defaultProposalQuota, proposalBytes, ProposalLedger, quotaProblem } from '../permissions/proposal-ledger.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type CommandActor, type DecideEnv, type Decision, type Refusal } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { placeWords, proposalParagraph, speakingFor, unfitWordsProblem } from './proposal-facts.ts';
import { statusWords } from './status-commands.ts';

/** Decides propose (the role is checked already). */
export function decidePropose(doc: Y.Doc, actor: CommandActor, command: CommandOf<'propose'>, env: DecideEnv): Decision {
  const delegation = speakingFor(doc, actor, command.delegation, 'propose');
  if (typeof delegation !== 'string') return delegation;
  const place = placeOf(doc, command);
  if ('ok' in place) return place;
  const words = command.text ?? '';
  if (/[\r\n]/.test(words)) return refuse('invalid', 'a proposal’s text has no line breaks: propose one paragraph at a time');
  const unfit = unfitWordsProblem(words);
  if (unfit) return refuse('invalid', `the proposal’s text ${unfit}: take it out and propose again`);
  const start = startingWords(doc, command.kind, place.paragraphId, words);
  if ('ok' in start) return start;

  const id = env.newId('a');
  const proposal: NewProposal = {
    paragraphId: place.paragraphId,
    afterParagraphId: place.afterParagraphId,
    delegation,
    kind: command.kind,
    runs: start.runs,
    basedOn: start.basedOn,
    baseMarks: markSpansOf(start.base),
    rationale: command.rationale ?? '',
    createdAt: env.now,
  };
  const over = quotaProblem(delegation, ProposalLedger.for(doc).holding(delegation), env.proposalQuota ?? defaultProposalQuota, { count: 1, bytes: bytesOf(proposal) });
  if (over) return refuse('conflict', over);
  return accept((target) => writeProposal(target, id, proposal), { paragraphId: proposalParagraph(proposal), summary: `${delegation} ${proposedWords(doc, proposal)}` }, { proposalId: id });
}

interface Place {
  paragraphId: string | null;
  afterParagraphId: string | null;
}

// Where the proposal stands, by the one rule above, or the refusal.
function placeOf(doc: Y.Doc, { kind, paragraphId, afterParagraphId }: CommandOf<'propose'>): Place | Refusal {
  if (kind === ProposalKind.insertParagraph) {
    if (paragraphId !== null) return refuse('invalid', 'a new paragraph is placed by afterParagraphId (the paragraph it follows, or null for the top); paragraphId stays null');
    if (afterParagraphId === undefined) return refuse('invalid', 'say where the new paragraph goes: afterParagraphId names the paragraph it follows, or null for the top');
    if (afterParagraphId !== null && !readOrder(doc).includes(afterParagraphId)) return refuse('conflict', 'the paragraph the new one was to follow no longer exists');
    return { paragraphId: null, afterParagraphId };
  }
  if (paragraphId === null) return refuse('invalid', 'name the paragraph the proposal is on (paragraphId); only a new paragraph is placed by afterParagraphId');
  if (afterParagraphId !== undefined && afterParagraphId !== null) return refuse('invalid', 'afterParagraphId places a new paragraph only: leave it out of this proposal');
  const status = paragraphStatusOf(doc, paragraphId);
  if (status === undefined || !readOrder(doc).includes(paragraphId)) return refuse('conflict', 'that paragraph no longer exists');
  if (lockedStatuses.has(status)) return refuse('conflict', `${paragraphLabel(doc, paragraphId)} is ${statusWords[status]}: it takes no proposals until a facilitator reopens it`);
  return { paragraphId, afterParagraphId: null };
}

// The proposal's first words and its merge base.
function startingWords(doc: Y.Doc, kind: ProposalKind, paragraphId: string | null, words: string): { runs: TextRun[]; basedOn: string; base: TextRun[] } | Refusal {
  const fragment = paragraphId === null ? undefined : getParagraphText(doc, paragraphId);
  const base = fragment ? readRuns(fragment) : [];
  const basedOn = plainText(base);
  switch (kind) {
    case ProposalKind.replaceText:
      return { runs: words === '' ? base : applyChangesToRuns(base, wordChanges(basedOn, words)), basedOn, base };
    // A new paragraph or a comment may start empty: the delegation writes its words in the proposal's editor.
    case ProposalKind.insertParagraph:
      return { runs: words === '' ? [] : [{ text: words }], basedOn: '', base: [] };
    case ProposalKind.comment:
      return { runs: words === '' ? [] : [{ text: words }], basedOn, base };
    case ProposalKind.deleteParagraph:
    case ProposalKind.retain:
      if (words !== '') return refuse('invalid', `a proposal to ${kind === ProposalKind.retain ? 'retain' : 'delete'} a paragraph has no text of its own: put the reasons in its rationale`);
      return { runs: [], basedOn, base };
  }
}

// "proposed to replace the text of paragraph 5", as the activity writes it after the delegation's code.
function proposedWords(doc: Y.Doc, proposal: NewProposal): string {
  const on = proposal.paragraphId === null ? '' : paragraphLabel(doc, proposal.paragraphId);
  switch (proposal.kind) {
    case ProposalKind.replaceText:
      return `proposed to replace the text of ${on}`;
    case ProposalKind.insertParagraph:
      return `proposed a new paragraph ${placeWords(doc, proposal.afterParagraphId)}`;
    case ProposalKind.deleteParagraph:
      return `proposed to delete ${on}`;
    case ProposalKind.retain:
      return `proposed to retain ${on}`;
    case ProposalKind.comment:
      return `commented on ${on}`;
  }
}

// What the proposal will count against its delegation's quota, measured as the ledger measures it.
function bytesOf(proposal: NewProposal): number {
  const scratch = new Y.Doc();
  scratch.transact(() => writeProposal(scratch, 'measure', proposal));
  const map = getProposal(scratch, 'measure');
  return map ? proposalBytes(map) : 0;
}
