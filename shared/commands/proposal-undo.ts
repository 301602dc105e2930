/**
 * undo-decision (facilitators): a decided proposal goes back to pending, and what the decision did to the
 * text is taken back only while the text still reads as the decision left it (its words, and the marks
 * of the words it reformatted); otherwise the refusal says so, and the facilitator undoes it by editing.
 * An accepted deletion puts the paragraph back as it was kept (shared/commands/kept-paragraph.ts: after
 * the paragraph it followed, else before the one that followed it), and is refused while a paragraph with
 * its id stands, or when both its neighbours are gone. A withdrawal is the delegation's own, not undone here.
 */
import type * as Y from 'yjs';
import { applyMarkChanges, applyTextChanges } from '../amendments/apply-changes.ts';
import { planBracketAcceptance } from '../amendments/bracket-plan.ts';
import { invertChanges, type TextChange } from '../amendments/text-change.ts';
import { wordChanges } from '../amendments/word-diff.ts';
import { quoteWords } from '../brackets/bracket-facts.ts';
import { readBrackets } from '../brackets/read-brackets.ts';
import { getBrackets, paragraphCharacters } from '../model/bracket.ts';
import { getParagraphText, readOrder } from '../model/negotiation-doc.ts';
import { readRuns } from '../model/paragraph-fragment.ts';
import { getProposal, ProposalKind, ProposalStatus, readProposal, type DecisionRecord, type ProposalSnapshot } from '../model/proposal.ts';
import { getRemoved } from '../model/removed-paragraph.ts';
import { plainText } from '../model/text-run.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type DecideEnv, type Decision } from './decision.ts';
import { restoration, restoreParagraph } from './kept-paragraph.ts';
import { keptCopy } from './kept-place.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { reopenProposal } from './proposal-edits.ts';
import { namedProposal, proposalParagraph, type NamedProposal } from './proposal-facts.ts';
import { invertReformatting, reformattingChangedSince, storedReformatting } from './proposal-formatting.ts';
import { mergeProposal, openText } from './proposal-merge.ts';
import { removeParagraph } from './structure-edits.ts';
import { lockedRefusal } from './structure-facts.ts';

/** Decides undo-decision (the role is checked already). */
export function decideUndo(doc: Y.Doc, { proposalId }: CommandOf<'undo-decision'>, _env: DecideEnv): Decision {
  const found = namedProposal(doc, proposalId);
  if ('ok' in found) return found;
  const { proposal, label } = found;
  const decision = proposal.decision;
  switch (proposal.status) {
    case ProposalStatus.pending:
      return refuse('conflict', `${label} is pending: there is no decision on it to undo`);
    case ProposalStatus.withdrawn:
      return refuse('forbidden', `${label} is withdrawn: a withdrawal is ${proposal.delegation}’s own, and a facilitator cannot undo it`);
    case ProposalStatus.rejected:
    case ProposalStatus.superseded:
      return reopenOnly(found, `undid the ${proposal.status === ProposalStatus.rejected ? 'rejection' : 'superseding'} of ${label}`);
    case ProposalStatus.accepted:
      if (!decision) return reopenOnly(found, `undid the acceptance of ${label}`);
      return undoAcceptance(doc, found, decision);
    case ProposalStatus.acceptedIntoBrackets:
      return undoBrackets(doc, found, decision);
  }
}

function reopenOnly(found: NamedProposal, summary: string, reopenAlso: readonly string[] = []): Decision {
  return accept(
    (target) => {
      reopenProposal(target, found.id);
      for (const id of reopenAlso) reopenProposal(target, id);
    },
    { paragraphId: proposalParagraph(found.proposal), summary },
    { proposalId: found.id },
  );
}

// The proposals this decision superseded that still stand superseded by it.
function stillSuperseded(doc: Y.Doc, proposalId: string, decision: DecisionRecord): string[] {
  // Read by id: the decision names them, and reading every proposal of the document would cost each undo it all.
  const ids = [...new Set(Array.isArray(decision.superseded) ? decision.superseded.filter((id): id is string => typeof id === 'string') : [])];
  return ids
    .flatMap((id) => {
      const map = getProposal(doc, id);
      return map ? [readProposal(id, map)] : [];
    })
    .filter((p) => p.status === ProposalStatus.superseded && p.decision?.supersededBy === proposalId)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => p.id);
}

function undoAcceptance(doc: Y.Doc, found: NamedProposal, decision: DecisionRecord): Decision {
  const { proposal, label } = found;
  const others = stillSuperseded(doc, found.id, decision);
  const reopened = others.length > 0 ? `, and reopened the ${others.length === 1 ? 'proposal' : `${others.length} proposals`} it superseded` : '';
  switch (proposal.kind) {
    case ProposalKind.insertParagraph: {
      const created = decision.paragraphId;
      if (created === undefined || !readOrder(doc).includes(created)) {
        // A copy kept of the inserted paragraph goes too: put back, it would stand twice once the proposal is accepted again.
        return accept(
          (target) => {
            reopenProposal(target, found.id);
            if (created !== undefined) getRemoved(target).delete(created);
          },
          { paragraphId: proposalParagraph(found.proposal), summary: `undid the acceptance of ${label} (the paragraph it inserted is gone already)` },
          { proposalId: found.id },
        );
      }
      const open = openText(doc, created, 'remove it');
      if ('ok' in open) return open;
      if (open.plain !== (decision.after ?? '')) return refuse('conflict', `${open.label} changed since it was inserted: undo by deleting it`);
      return accept(
        (target) => {
          removeParagraph(target, created);
          reopenProposal(target, found.id);
        },
        { paragraphId: created, summary: `undid the acceptance of ${label}: removed ${open.label}`, before: open.plain, after: '' },
        { proposalId: found.id, paragraphId: created },
      );
    }
    case ProposalKind.deleteParagraph:
      return undoDeletion(doc, found, decision, others);
    case ProposalKind.replaceText: {
      if (decision.before === undefined || decision.after === undefined || proposal.paragraphId === null) return reopenOnly(found, `undid the acceptance of ${label}${reopened}`, others);
      const paragraphId = proposal.paragraphId;
      if (!readOrder(doc).includes(paragraphId)) return refuse('conflict', `${label} was on a paragraph that no longer exists`);
      const open = openText(doc, paragraphId, 'undo a decision on it');
      if ('ok' in open) return open;
      if (open.plain !== decision.after) return refuse('conflict', `${open.label} changed since; undo by editing`);
      const { before, after } = decision;
      const reformatted = storedReformatting(decision.reformatted);
      const fragment = getParagraphText(doc, paragraphId);
      const moved = fragment ? reformattingChangedSince(readRuns(fragment), reformatted) : null;
      if (moved) return refuse('conflict', `the formatting of ${quoteWords(after.slice(moved.from, moved.to))} in ${open.label} changed since; undo by editing`);
      const changes = changedWords(proposal, before, after);
      return accept(
        (target) => {
          const text = paragraphCharacters(target, paragraphId);
          // Marks first, at the offsets of the text the acceptance left; then the words go back.
          if (text && reformatted.length > 0) applyMarkChanges(text, invertReformatting(reformatted));
          if (text) applyTextChanges(text, changes);
          reopenProposal(target, found.id);
          for (const id of others) reopenProposal(target, id);
        },
        { paragraphId, summary: `undid the acceptance of ${label}: ${open.label} reads as before${reopened}`, ...(before !== after ? { before: after, after: before } : {}) },
        { proposalId: found.id },
      );
    }
    case ProposalKind.retain:
    case ProposalKind.comment:
      return reopenOnly(found, `undid the acceptance of ${label}`);
  }
}

// The deleted paragraph comes back as it was kept, under its own id, where keptPlace puts it.
function undoDeletion(doc: Y.Doc, found: NamedProposal, decision: DecisionRecord, others: readonly string[]): Decision {
  const { proposal } = found;
  const whose = `${proposal.delegation}’s proposal`;
  const id = proposal.paragraphId;
  const kept = keptCopy(decision);
  if (id === null || !kept) return refuse('conflict', `the paragraph ${whose} deleted was not kept to be put back (it was too large, or deleted before deletions were kept): insert it again`);
  const back = restoration(doc, id, kept, whose);
  if ('ok' in back) return back;
  const { place, label: restored, where } = back;
  const text = plainText(kept.runs);
  const reopened = others.length > 0 ? `, and reopened the ${others.length === 1 ? 'proposal' : `${others.length} proposals`} it superseded` : '';
  return accept(
    (target) => {
      restoreParagraph(target, id, kept, place);
      reopenProposal(target, found.id);
      for (const other of others) reopenProposal(target, other);
    },
    { paragraphId: id, summary: `undid the acceptance of ${whose} to delete ${restored}: put it back${where}${reopened}`, before: '', after: text },
    { proposalId: found.id, paragraphId: id },
  );
}

function undoBrackets(doc: Y.Doc, found: NamedProposal, decision: DecisionRecord | null): Decision {
  const { proposal, label } = found;
  const paragraphId = proposal.paragraphId;
  if (paragraphId === null || !readOrder(doc).includes(paragraphId)) return refuse('conflict', `${label} was on a paragraph that no longer exists`);
  const locked = lockedRefusal(doc, paragraphId, 'undo a decision on it');
  if (locked) return locked;
  const bracketIds = decision?.bracketIds ?? [];
  const records = getBrackets(doc);
  const standing = new Set(readBrackets(doc, paragraphId).map((b) => b.id));
  const missing = bracketIds.filter((id) => !records.has(id) || !standing.has(id));
  const paragraph = paragraphLabel(doc, paragraphId);
  if (missing.length > 0) return refuse('conflict', `the brackets ${label} went into changed since (${missing.length} of ${bracketIds.length} are lifted or gone): undo by editing`);
  const words = readBrackets(doc, paragraphId).filter((b) => bracketIds.includes(b.id)).map((b) => quoteWords(b.text));
  const rewrite = decision?.before !== undefined && decision.after !== undefined ? { before: decision.before, after: decision.after } : null;
  let changes: TextChange[] = [];
  if (rewrite) {
    const open = openText(doc, paragraphId, 'undo a decision on it');
    if ('ok' in open) return open;
    if (open.plain !== rewrite.after) return refuse('conflict', `${paragraph} changed since; undo by editing`);
    changes = addedWords(proposal, rewrite.before, rewrite.after);
  }
  return accept(
    (target) => {
      for (const id of bracketIds) getBrackets(target).delete(id);
      const text = paragraphCharacters(target, paragraphId);
      if (text && changes.length > 0) applyTextChanges(text, changes);
      reopenProposal(target, found.id);
    },
    {
      paragraphId,
      summary: `undid the acceptance into brackets of ${label}: removed the brackets ${words.join(', ')}${rewrite ? ' and the words they added' : ''}`,
      ...(rewrite ? { before: rewrite.after, after: rewrite.before } : {}),
    },
    { proposalId: found.id },
  );
}

// The changes deleting exactly the words the acceptance inserted: its plan made again on the text it was
// made on (so the old words keep their items, even where an inserted word repeats its neighbour); a word
// diff when the plan no longer makes that text.
function addedWords(proposal: ProposalSnapshot, before: string, after: string): TextChange[] {
  const merged = mergeProposal(before, proposal);
  const plan = merged.ok ? planBracketAcceptance(before, merged.changes, { proposer: proposal.delegation, supporters: [], opponents: [] }) : null;
  if (!plan?.ok || plan.after !== after) return wordChanges(after, before);
  return invertChanges(before, plan.insertions);
}

// The changes taking back exactly the words an acceptance changed, made again from the proposal; a word
// diff when they no longer make that text (the acceptance settled clashes, or the proposal changed since).
function changedWords(proposal: ProposalSnapshot, before: string, after: string): TextChange[] {
  const merged = mergeProposal(before, proposal);
  return merged.ok && merged.text === after ? invertChanges(before, merged.changes) : wordChanges(after, before);
}
