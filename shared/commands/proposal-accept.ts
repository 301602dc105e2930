/**
 * accept-proposal and reject-proposal (facilitators). Accepting a replacement changes only the words it
 * changes (applyTextChanges), so every other word keeps its Yjs item and its brackets; written against an
 * older text, it is merged three ways, and a clash is refused with where it clashes until the facilitator
 * settles every clash (`resolutions`). The words it keeps but formats otherwise then take its marks
 * (shared/commands/proposal-formatting.ts says which when the paragraph moved on), and the activity names
 * them. A new paragraph is inserted after its anchor (numbered bis, ter...), a deletion deletes (keeping a
 * copy of the paragraph in the decision); retain and comment are noted. The decision is kept on the
 * proposal so it can be undone.
 */
import type * as Y from 'yjs';
import { applyMarkChanges, applyTextChanges } from '../amendments/apply-changes.ts';
import { clashesWording } from '../amendments/clash-wording.ts';
import { sliceRuns } from '../amendments/run-changes.ts';
import { insertedRanges } from '../amendments/text-change.ts';
import { resolveClashes } from '../amendments/three-way-merge.ts';
import { addParagraphMap, readOrder } from '../model/negotiation-doc.ts';
import { paragraphCharacters } from '../model/bracket.ts';
import { ParagraphKind } from '../model/paragraph.ts';
import { ProposalKind, ProposalStatus, type ProposalSnapshot } from '../model/proposal.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type CommandActor, type DecideEnv, type Decision, type Refusal } from './decision.ts';
import { keepParagraph } from './kept-paragraph.ts';
import { paragraphPlainText } from './paragraph-facts.ts';
import { recordDecision } from './proposal-edits.ts';
import { namedProposal, notPendingRefusal, proposalParagraph, unfitProposalRefusal, type NamedProposal } from './proposal-facts.ts';
import { reformattingOnParagraph, reformattingWords } from './proposal-formatting.ts';
import { mergeProposal, openText, type CleanProposalMerge } from './proposal-merge.ts';
import { overlappingReplacements, pendingOn, supersededWords } from './proposal-supersede.ts';
import { placeAfter, removeParagraph } from './structure-edits.ts';
import { lockedRefusal, newParagraphLabel, roundOf } from './structure-facts.ts';

const gone = 'that paragraph no longer exists';

/** Decides accept-proposal (the role is checked already). */
export function decideAccept(doc: Y.Doc, actor: CommandActor, command: CommandOf<'accept-proposal'>, env: DecideEnv): Decision {
  const found = namedProposal(doc, command.proposalId);
  if ('ok' in found) return found;
  const closed = notPendingRefusal(found, 'be accepted') ?? unfitProposalRefusal(found);
  if (closed) return closed;
  const { kind } = found.proposal;
  if (kind !== ProposalKind.replaceText && (command.resolutions ?? []).length > 0) return refuse('invalid', `only a proposal to amend text has clashes to resolve; ${found.label} has none`);
  const by = { by: actor.name, at: env.now };
  switch (kind) {
    case ProposalKind.replaceText:
      return acceptReplacement(doc, found, command.resolutions ?? [], by);
    case ProposalKind.insertParagraph:
      return acceptNewParagraph(doc, found, by, env);
    case ProposalKind.deleteParagraph:
      return acceptDeletion(doc, found, by);
    case ProposalKind.retain:
    case ProposalKind.comment:
      return acceptNoted(doc, found, by);
  }
}

/** Decides reject-proposal: a pending proposal is rejected, the text untouched. */
export function decideReject(doc: Y.Doc, actor: CommandActor, { proposalId }: CommandOf<'reject-proposal'>, env: DecideEnv): Decision {
  const found = namedProposal(doc, proposalId);
  if ('ok' in found) return found;
  const closed = notPendingRefusal(found, 'be rejected');
  if (closed) return closed;
  return accept(
    (target) => recordDecision(target, proposalId, { status: ProposalStatus.rejected, by: actor.name, at: env.now }),
    { paragraphId: proposalParagraph(found.proposal), summary: `rejected ${found.label}` },
    { proposalId },
  );
}

/**
 * The replacement's changes on its paragraph as it reads now: its own, or the clean three-way merge, or
 * the merge with every clash settled by `resolutions`; else the refusal that says where it clashes.
 */
export function replacementChanges(
  doc: Y.Doc,
  found: NamedProposal,
  resolutions: NonNullable<CommandOf<'accept-proposal'>['resolutions']>,
  doing: string,
  onClash = 'choose for each clash the current words, the proposal’s or others of your own, and accept again',
): (CleanProposalMerge & { paragraphId: string; label: string }) | Refusal {
  const { proposal, label } = found;
  if (proposal.paragraphId === null) return refuse('conflict', gone);
  const open = openText(doc, proposal.paragraphId, doing);
  if ('ok' in open) return open;
  const merged = mergeProposal(open.plain, proposal);
  const where = { paragraphId: proposal.paragraphId, label: open.label };
  if (merged.ok) {
    if (resolutions.length > 0) return refuse('conflict', `${label} no longer clashes with ${open.label}, which changed meanwhile: review it again and accept it without resolutions`);
    return { ...merged, ...where };
  }
  const { clashes } = merged.merge;
  if (resolutions.length === 0) {
    const count = clashes.length === 1 ? 'a clash' : `${clashes.length} clashes`;
    return refuse(
      'conflict',
      `${label} clashes with changes made to ${open.label} since it was written (${count}): ${clashesWording(clashes, open.label, proposal.delegation)}. To go on, ${onClash}`,
    );
  }
  if (resolutions.length !== clashes.length) {
    return refuse('conflict', `${open.label} changed meanwhile: ${label} now has ${clashes.length === 1 ? 'one clash' : `${clashes.length} clashes`}, and ${resolutions.length} ${resolutions.length === 1 ? 'was' : 'were'} resolved; review them again`);
  }
  if (resolutions.some((choice) => typeof choice === 'object' && /[\r\n]/.test(choice.text))) return refuse('invalid', 'words written to resolve a clash have no line breaks');
  return { ...resolveClashes(open.plain, merged.merge, resolutions), current: open.plain, ...where };
}

function acceptReplacement(doc: Y.Doc, found: NamedProposal, resolutions: NonNullable<CommandOf<'accept-proposal'>['resolutions']>, by: { by: string; at: string }): Decision {
  const merged = replacementChanges(doc, found, resolutions, 'accept a proposal on it');
  if (!merged.ok) return merged;
  const { paragraphId, label, current: before, text: after, changes } = merged;
  const superseded = overlappingReplacements(doc, found.id, paragraphId, before, changes);
  // When the paragraph comes to read exactly as the proposal, its new words come with the proposal's marks.
  const runs = found.proposal.runs;
  const formatted = after === found.proposal.text ? insertedRanges(changes).map(({ start, end }) => sliceRuns(runs, start, end)) : [];
  const reformatted = reformattingOnParagraph(doc, paragraphId, found.proposal, changes);
  const changed = before !== after;
  const done = reformatted.length > 0 ? `${changed ? ', and its formatting' : ''}: ${reformattingWords(after, reformatted)}` : changed ? '' : ` (${label} reads so already)`;
  // Undo needs the texts whenever the marks changed, even where the words did not.
  const kept = changed || reformatted.length > 0 ? { before, after, ...(reformatted.length > 0 ? { reformatted } : {}) } : {};
  return accept(
    (target) => {
      const text = paragraphCharacters(target, paragraphId);
      if (text && changes.length > 0) applyTextChanges(text, changes, formatted);
      if (text && reformatted.length > 0) applyMarkChanges(text, reformatted);
      settle(target, found.id, superseded, { status: ProposalStatus.accepted, ...by, ...kept });
    },
    { paragraphId, summary: `accepted ${found.label}${done}${supersededWords(superseded)}`, ...(changed ? { before, after } : {}) },
    { proposalId: found.id },
  );
}

function acceptNewParagraph(doc: Y.Doc, found: NamedProposal, by: { by: string; at: string }, env: DecideEnv): Decision {
  const { proposal, label } = found;
  const anchor = proposal.afterParagraphId;
  const at = anchor === null ? 0 : readOrder(doc).indexOf(anchor) + 1;
  if (anchor !== null && at === 0) return refuse('conflict', `the paragraph ${label} was to follow no longer exists: propose it again where it belongs`);
  if (proposal.text.trim() === '') return refuse('invalid', `${label} has no words yet`);
  const paragraphId = env.newId('p');
  const round = roundOf(doc);
  const added = newParagraphLabel(doc, at, ParagraphKind.paragraph, proposal.text);
  return accept(
    (target) => {
      addParagraphMap(target, paragraphId, { kind: ParagraphKind.paragraph, runs: proposal.runs, source: '', footnotes: [] }, round + 1);
      placeAfter(target, paragraphId, anchor);
      recordDecision(target, found.id, { status: ProposalStatus.accepted, ...by, paragraphId, after: proposal.text });
    },
    { paragraphId, summary: `accepted ${label}: inserted ${added}`, after: proposal.text },
    { proposalId: found.id, paragraphId },
  );
}

function acceptDeletion(doc: Y.Doc, found: NamedProposal, by: { by: string; at: string }): Decision {
  const paragraphId = found.proposal.paragraphId;
  if (paragraphId === null || !readOrder(doc).includes(paragraphId)) return refuse('conflict', gone);
  const locked = lockedRefusal(doc, paragraphId, 'delete it');
  if (locked) return locked;
  const before = paragraphPlainText(doc, paragraphId);
  const superseded = pendingOn(doc, found.id, paragraphId);
  // Kept whole so an undo puts back the very paragraph, not a retyped one.
  const deleted = keepParagraph(doc, paragraphId) ?? undefined;
  return accept(
    (target) => {
      removeParagraph(target, paragraphId);
      settle(target, found.id, superseded, { status: ProposalStatus.accepted, ...by, before, after: '', deleted });
    },
    { paragraphId, summary: `accepted ${found.label}: deleted it${supersededWords(superseded)}`, before, after: '' },
    { proposalId: found.id },
  );
}

function acceptNoted(doc: Y.Doc, found: NamedProposal, by: { by: string; at: string }): Decision {
  const paragraphId = found.proposal.paragraphId;
  if (paragraphId === null || !readOrder(doc).includes(paragraphId)) return refuse('conflict', gone);
  const locked = lockedRefusal(doc, paragraphId, 'decide on its proposals');
  if (locked) return locked;
  const comment = found.proposal.kind === ProposalKind.comment;
  if (comment && found.proposal.text.trim() === '') return refuse('invalid', `${found.label} has no words yet`);
  const verb = comment ? 'noted' : 'accepted';
  return accept(
    (target) => recordDecision(target, found.id, { status: ProposalStatus.accepted, ...by }),
    { paragraphId, summary: `${verb} ${found.label}` },
    { proposalId: found.id },
  );
}

// The accepted proposal's decision, naming those it superseded, and theirs naming it.
function settle(doc: Y.Doc, acceptedId: string, superseded: readonly ProposalSnapshot[], decision: Parameters<typeof recordDecision>[2]): void {
  const ids = superseded.map((p) => p.id);
  recordDecision(doc, acceptedId, ids.length > 0 ? { ...decision, superseded: ids } : decision);
  for (const id of ids) recordDecision(doc, id, { status: ProposalStatus.superseded, by: decision.by, at: decision.at, supersededBy: acceptedId });
}
