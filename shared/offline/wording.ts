/**
 * How a person would name their own unsaved work and why a piece of it could not be kept: "Your edit to
 * the proposal by KEN on paragraph 12", "it was accepted by the facilitators meanwhile", "status changes are
 * decisions: take them again once online". Paragraphs are named by their number in the server's copy (in
 * the local copy when the server no longer has them).
 */
import * as Y from 'yjs';
import { getMeta, getParagraphs, MetaField, ParagraphField, paragraphStatusOf, readOrder } from '../model/negotiation-doc.ts';
import { isParagraphKind, lockedStatuses, ParagraphKind, ParagraphStatus } from '../model/paragraph.ts';
import { getProposals, MarkKind, ProposalField, ProposalStatus } from '../model/proposal.ts';
import { numberParagraphs } from '../numbering.ts';
import type { Actor } from '../permissions/check-update.ts';
import { Role } from '../protocol/presence.ts';
import { decisionWork, type FieldChanges, type IntentAction, type UnmergeableWork } from './intents.ts';
import { isLocalItem, serverView, type ServerView } from './local-work.ts';

const paragraphFieldWords: Record<string, string> = {
  [ParagraphField.source]: 'source annotation',
  [ParagraphField.status]: 'status',
  [ParagraphField.footnotes]: 'footnotes',
  [ParagraphField.kind]: 'kind (heading or paragraph)',
  [ParagraphField.addedInRound]: 'round it was added in',
};

const metaFieldWords: Record<string, string> = {
  [MetaField.title]: 'title',
  [MetaField.titleBlock]: 'title block',
  [MetaField.round]: 'revision number',
};

/** Why each decision made offline is not replayed, for a facilitator (who may take it again). */
const decisionWords: Partial<Record<UnmergeableWork, string>> = {
  'status': 'status changes are decisions: take them again once online',
  'paragraph-kind': 'turning a paragraph into a heading or back is a decision: take it again once online',
  'numbering': 'the round a paragraph was added in follows the decision that added it: it cannot be changed by an edit',
  'new-paragraph': 'adding a paragraph is a decision: take it again once online',
  'removed-paragraph': 'removing a paragraph is a decision: take it again once online',
  'order': 'moving paragraphs is a decision: take it again once online',
  'round': 'issuing a revision is a decision: take it again once online',
  'floor': 'setting the floor is a decision: take it again once online',
  'brackets': 'brackets change only by decisions: take them again once online',
};

const decidedWords: Record<string, string> = {
  [ProposalStatus.accepted]: 'accepted by the facilitators',
  [ProposalStatus.acceptedIntoBrackets]: 'accepted into brackets by the facilitators',
  [ProposalStatus.rejected]: 'rejected by the facilitators',
  [ProposalStatus.withdrawn]: 'withdrawn',
};

/** Names and reasons for one person's work, read against the local copy and the server's copy. */
export class Wording {
  private serverNumbers: Map<string, string | null> | null = null;
  private localNumbers: Map<string, string | null> | null = null;
  private view: ServerView | null = null;

  /** `local` is the person's copy, `server` the server's fresh copy, `actor` the person. */
  constructor(
    private readonly local: Y.Doc,
    private readonly server: Y.Doc,
    private readonly actor: Actor,
  ) {}

  /** The action as the person would name it, starting with a capital: "Your new proposal on paragraph 4". */
  label(action: IntentAction): string {
    switch (action.kind) {
      case 'create-proposal': {
        const owner = action.fields[ProposalField.delegation];
        const forWhom = owner === this.actor.delegation || typeof owner !== 'string' ? '' : ` for ${owner}`;
        return `Your new proposal${forWhom} ${this.place(action.fields[ProposalField.paragraphId], action.fields[ProposalField.afterParagraphId])}`;
      }
      case 'edit-proposal':
        return withdrawing(action.changes) ? `Your withdrawal of ${this.proposal(action.proposalId)}` : `Your edit to ${this.proposal(action.proposalId)}`;
      case 'remove-proposal':
        return `Your removal of ${this.proposal(action.proposalId)}`;
      case 'mark':
        return this.markLabel(action.proposalId, action.delegation, action.mark);
      case 'edit-paragraph':
        return `Your ${changeWords(action.changes, paragraphFieldWords)} of ${this.paragraph(action.paragraphId)}`;
      case 'edit-text':
        return `Your edits to the text of ${this.paragraph(action.paragraphId)}`;
      case 'edit-meta':
        return `Your ${changeWords(action.changes, metaFieldWords)}`;
      case 'unmergeable':
        return this.unmergeableLabel(action.work, action.paragraphId);
    }
  }

  /**
   * Why the action was not kept, in plain words, given the server's copy and the rule that refused it
   * (`ruleReason`, from shared/permissions): the change others made meanwhile when there is one.
   */
  refusal(action: IntentAction, ruleReason: string | null): string {
    if (action.kind === 'unmergeable') {
      if (this.actor.role === Role.observer) return 'observers follow the negotiation read-only';
      if (this.actor.role === Role.delegation && decisionWork.has(action.work)) return 'only the facilitators take decisions such as this one';
      if (this.actor.role === Role.delegation && action.work !== 'structure') return 'delegations propose amendments instead of changing the text';
      const decision = decisionWords[action.work];
      if (decision) return decision;
      if (action.work === 'paragraph-text') return this.lockedWords(action.paragraphId) ?? 'edits to the text cannot be merged back automatically; please make them again';
      return 'this change cannot be merged back automatically; please make it again';
    }
    if (action.kind === 'edit-text') return this.textRefusal(action.paragraphId, ruleReason);
    const proposalId = 'proposalId' in action ? action.proposalId : null;
    if (action.kind === 'create-proposal' && getProposals(this.server).has(action.proposalId)) return 'a proposal with the same id exists already';
    if (proposalId !== null && action.kind !== 'create-proposal') {
      const onServer = getProposals(this.server).get(proposalId);
      if (!(onServer instanceof Y.Map)) return this.isNewHere(proposalId) ? 'the new proposal itself was not kept' : 'the proposal was removed meanwhile';
      const status = onServer.get(ProposalField.status);
      const decided = typeof status === 'string' ? decidedWords[status] : undefined;
      // The copy set aside may already hold the decision (the server sends its state before it refuses):
      // the person edited a proposal that was still pending for them.
      if (decided && action.kind !== 'mark') return `it was ${decided} meanwhile`;
    }
    const paragraphId =
      action.kind === 'edit-paragraph'
        ? action.paragraphId
        : action.kind === 'create-proposal'
          ? (action.fields[ProposalField.paragraphId] ?? action.fields[ProposalField.afterParagraphId])
          : null;
    if (typeof paragraphId === 'string' && !getParagraphs(this.server).has(paragraphId)) {
      return `${this.paragraph(paragraphId)} was removed meanwhile`;
    }
    if (action.kind === 'edit-paragraph') {
      const locked = this.lockedWords(action.paragraphId);
      if (locked) return locked;
    }
    const proposed = action.kind === 'create-proposal' ? action.fields[ProposalField.paragraphId] : action.kind === 'edit-proposal' ? action.changes.set[ProposalField.paragraphId] : undefined;
    if (typeof proposed === 'string') {
      const locked = this.lockedWords(proposed, 'no new proposals until a facilitator reopens it');
      if (locked) return locked;
    }
    return ruleReason ? `the server does not allow it (${ruleReason.replace(/[.\s]+$/, '')})` : 'the server does not allow it';
  }

  /** Why edits to a paragraph's text were not kept: the role, the paragraph gone or agreed meanwhile, or the rule. */
  private textRefusal(paragraphId: string, ruleReason: string | null): string {
    if (this.actor.role === Role.observer) return 'observers follow the negotiation read-only';
    if (this.actor.role === Role.delegation) return 'delegations propose amendments instead of changing the text';
    if (!getParagraphs(this.server).has(paragraphId)) return `${this.paragraph(paragraphId)} was removed meanwhile`;
    const locked = this.lockedWords(paragraphId);
    if (locked) return locked;
    if (ruleReason === null) return 'its text was restructured meanwhile and cannot be merged back automatically; please make them again';
    return `the server does not allow it (${ruleReason.replace(/[.\s]+$/, '')})`;
  }

  /**
   * "paragraph 3 was agreed meanwhile; a facilitator must reopen it before it changes" when the server's copy
   * has the paragraph agreed or agreed ad ref; null when it is open. Always "meanwhile": a page takes no edit
   * and no proposal on a locked paragraph, so the decision came after the work (the copy set aside may hold
   * it already: the server sends its state before it refuses).
   */
  private lockedWords(paragraphId: string | null, consequence = 'a facilitator must reopen it before it changes'): string | null {
    if (paragraphId === null) return null;
    const status = paragraphStatusOf(this.server, paragraphId);
    if (status === undefined || !lockedStatuses.has(status)) return null;
    const word = status === ParagraphStatus.agreed ? 'agreed' : 'agreed ad ref';
    return `${this.paragraph(paragraphId)} was ${word} meanwhile; ${consequence}`;
  }

  /** True when the proposal was created in the local copy (the server has never had it). */
  private isNewHere(proposalId: string): boolean {
    const item = getProposals(this.local)._map.get(proposalId);
    return item !== undefined && isLocalItem((this.view ??= serverView(this.server)), item);
  }

  /** "paragraph 12", "a heading", or "a paragraph" when neither copy has it. */
  paragraph(id: unknown): string {
    if (typeof id !== 'string') return 'a paragraph';
    this.serverNumbers ??= numbersOf(this.server);
    this.localNumbers ??= numbersOf(this.local);
    const number = this.serverNumbers.has(id) ? this.serverNumbers.get(id) : this.localNumbers.get(id);
    if (number === undefined) return 'a paragraph';
    return number === null ? 'a heading' : `paragraph ${number}`;
  }

  /** "your proposal on paragraph 4" or "the proposal by EU on paragraph 4". */
  proposal(id: string): string {
    const map = getProposals(this.local).get(id) ?? getProposals(this.server).get(id);
    const owner = map?.get(ProposalField.delegation);
    const whose = owner === this.actor.delegation ? 'your proposal' : typeof owner === 'string' ? `the proposal by ${owner}` : 'a proposal';
    return `${whose} ${this.place(map?.get(ProposalField.paragraphId), map?.get(ProposalField.afterParagraphId))}`;
  }

  private place(paragraphId: unknown, afterParagraphId: unknown): string {
    if (typeof paragraphId === 'string') return `on ${this.paragraph(paragraphId)}`;
    if (typeof afterParagraphId === 'string') return `for a new paragraph after ${this.paragraph(afterParagraphId)}`;
    return 'for a new paragraph';
  }

  private markLabel(proposalId: string, delegation: string, mark: unknown): string {
    const own = delegation === this.actor.delegation;
    const proposal = this.proposal(proposalId);
    if (mark === null) {
      const was = getProposals(this.server).get(proposalId)?.get(ProposalField.marks);
      const previous = was instanceof Y.Map ? was.get(delegation) : undefined;
      const word = previous === MarkKind.support ? 'support for' : previous === MarkKind.object ? 'objection to' : 'mark on';
      return `Your removal of ${own ? 'your' : `${delegation}'s`} ${word} ${proposal}`;
    }
    const behalf = own ? '' : ` on behalf of ${delegation}`;
    return mark === MarkKind.object ? `Your objection${behalf} to ${proposal}` : `Your support${behalf} for ${proposal}`;
  }

  private unmergeableLabel(work: UnmergeableWork, paragraphId: string | null): string {
    switch (work) {
      case 'paragraph-text':
        return `Your edits to the text of ${this.paragraph(paragraphId)}`;
      case 'new-paragraph':
        return `Your new paragraph ${this.after(paragraphId)}`;
      case 'removed-paragraph':
        return `Your removal of ${this.paragraph(paragraphId)}`;
      case 'order':
        return 'Your change to the order of paragraphs';
      case 'delegations':
        return 'Your change to the list of delegations';
      case 'structure':
        return paragraphId ? `Your change to the structure of ${this.paragraph(paragraphId)}` : 'Your change to the structure of a proposal';
      case 'status':
        return `Your change to the status of ${this.paragraph(paragraphId)}`;
      case 'paragraph-kind':
        return `Your change to the kind (heading or paragraph) of ${this.paragraph(paragraphId)}`;
      case 'numbering':
        return `Your change to the round ${this.paragraph(paragraphId)} was added in`;
      case 'round':
        return 'Your change to the revision number';
      case 'floor':
        return 'Your change to the paragraph on the floor';
      case 'brackets':
        return 'Your change to the brackets';
    }
  }

  /** "after paragraph 6" for a paragraph created here, from the local order. */
  private after(paragraphId: string | null): string {
    const order = readOrder(this.local);
    const index = paragraphId ? order.indexOf(paragraphId) : -1;
    for (let i = index - 1; i >= 0; i -= 1) {
      const label = this.paragraph(order[i]);
      if (label !== 'a paragraph') return `after ${label}`;
    }
    return 'at the start';
  }
}

function withdrawing(changes: FieldChanges): boolean {
  return changes.set[ProposalField.status] === ProposalStatus.withdrawn
    && Object.keys(changes.set).every((field) => field === ProposalField.status || field === ProposalField.updatedAt);
}

/** "change to the status", "changes to the status and source annotation". */
function changeWords(changes: FieldChanges, words: Record<string, string>): string {
  const fields = [...Object.keys(changes.set), ...changes.remove].map((field) => words[field] ?? `"${field}"`);
  const unique = [...new Set(fields)];
  const list = unique.length <= 1 ? (unique[0] ?? '') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
  return `${unique.length > 1 ? 'changes' : 'change'} to the ${list}`;
}

function numbersOf(doc: Y.Doc): Map<string, string | null> {
  const round = getMeta(doc).get(MetaField.round);
  const ids = readOrder(doc);
  const paragraphs = getParagraphs(doc);
  const inputs = ids.map((id) => {
    const map = paragraphs.get(id);
    const kind = map?.get(ParagraphField.kind);
    const added = map?.get(ParagraphField.addedInRound);
    return { kind: isParagraphKind(kind) ? kind : ParagraphKind.paragraph, addedInRound: typeof added === 'number' ? added : 0 };
  });
  const numbers = numberParagraphs(inputs, typeof round === 'number' ? round : 0);
  return new Map(ids.map((id, i) => [id, numbers[i] ?? null]));
}
