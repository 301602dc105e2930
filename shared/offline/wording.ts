/**
 * How a person would name their own unsaved work and why a piece of it could not be kept: "Your edits to
 * the words of the proposal by KEN on paragraph 12", "it was accepted by the facilitators meanwhile", "status
 * changes are decisions: take them again once online". Paragraphs are named by their number in the server's
 * copy (in the local copy when the server no longer has them).
 */
import * as Y from 'yjs';
import { getMeta, getParagraphs, MetaField, ParagraphField, paragraphStatusOf, readOrder } from '../model/negotiation-doc.ts';
import { isParagraphKind, lockedStatuses, ParagraphKind, ParagraphStatus } from '../model/paragraph.ts';
import { getProposals, ProposalField, ProposalStatus, Reaction } from '../model/proposal.ts';
import { numberParagraphs } from '../numbering.ts';
import type { Actor } from '../permissions/check-update.ts';
import { Role } from '../protocol/presence.ts';
import { decisionWork, proposalCommandWork, type FieldChanges, type IntentAction, type UnmergeableWork } from './intents.ts';

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
  'title': 'the title is set online only: set it again once online',
  'source': 'source annotations are set online only: set it again once online',
  'footnotes': 'footnotes are set online only: set them again once online',
};

/** Why work on a proposal that only commands do was not kept (it never reached the server as an edit). */
const proposalCommandWords: Partial<Record<UnmergeableWork, string>> = {
  'new-proposal': 'proposals are tabled online only, and this one never reached the server: table it again once online',
  'removed-proposal': 'a proposal is withdrawn online, never removed: withdraw it once online if you still mean to',
  'reaction': 'support and opposition are recorded only online: give it again once online',
  'proposal-status': 'withdrawing or deciding a proposal is done only online: do it again once online',
  'proposal-fields': 'only the words and the rationale of a proposal change by editing; the rest is set when it is tabled',
  'proposal-text': 'the words of the proposal were replaced whole, which no editor does; please make the edits again',
};

const decidedWords: Record<string, string> = {
  [ProposalStatus.accepted]: 'accepted by the facilitators',
  [ProposalStatus.acceptedIntoBrackets]: 'accepted into brackets by the facilitators',
  [ProposalStatus.rejected]: 'rejected by the facilitators',
  [ProposalStatus.withdrawn]: 'withdrawn',
  [ProposalStatus.superseded]: 'superseded by another accepted proposal',
};

/** Names and reasons for one person's work, read against the local copy and the server's copy. */
export class Wording {
  private serverNumbers: Map<string, string | null> | null = null;
  private localNumbers: Map<string, string | null> | null = null;

  /** `local` is the person's copy, `server` the server's fresh copy, `actor` the person. */
  constructor(
    private readonly local: Y.Doc,
    private readonly server: Y.Doc,
    private readonly actor: Actor,
  ) {}

  /** The action as the person would name it, starting with a capital: "Your new proposal on paragraph 4". */
  label(action: IntentAction): string {
    switch (action.kind) {
      case 'edit-proposal':
        return `Your ${action.changes.set[ProposalField.rationale] === undefined ? 'removal' : 'edit'} of the rationale of ${this.proposal(action.proposalId)}`;
      case 'edit-proposal-text':
        return `Your edits to the words of ${this.proposal(action.proposalId)}`;
      case 'edit-paragraph':
        return `Your ${changeWords(action.changes, paragraphFieldWords)} of ${this.paragraph(action.paragraphId)}`;
      case 'edit-text':
        return `Your edits to the text of ${this.paragraph(action.paragraphId)}`;
      case 'edit-meta':
        return `Your ${changeWords(action.changes, metaFieldWords)}`;
      case 'unmergeable':
        return action.proposalId === undefined ? this.unmergeableLabel(action.work, action.paragraphId) : this.proposalWorkLabel(action.work, action.proposalId);
    }
  }

  /**
   * Why the action was not kept, in plain words, given the server's copy and the rule that refused it
   * (`ruleReason`, from shared/permissions): the change others made meanwhile when there is one.
   */
  refusal(action: IntentAction, ruleReason: string | null): string {
    if (action.kind === 'unmergeable') {
      if (this.actor.role === Role.observer) return 'observers follow the negotiation read-only';
      const command = proposalCommandWork.has(action.work) ? proposalCommandWords[action.work] : undefined;
      if (command) return command;
      if (this.actor.role === Role.delegation && decisionWork.has(action.work)) return 'only the facilitators take decisions such as this one';
      if (this.actor.role === Role.delegation && action.work !== 'structure') return 'delegations propose amendments instead of changing the text';
      const decision = decisionWords[action.work];
      if (decision) return decision;
      if (action.work === 'paragraph-text') return this.lockedWords(action.paragraphId) ?? 'edits to the text cannot be merged back automatically; please make them again';
      return 'this change cannot be merged back automatically; please make it again';
    }
    if (action.kind === 'edit-text') return this.textRefusal(action.paragraphId, ruleReason);
    if (action.kind === 'edit-proposal' || action.kind === 'edit-proposal-text') return this.proposalRefusal(action.proposalId, ruleReason, action.kind === 'edit-proposal-text');
    if (action.kind === 'edit-paragraph') {
      if (!getParagraphs(this.server).has(action.paragraphId)) return `${this.paragraph(action.paragraphId)} was removed meanwhile`;
      const locked = this.lockedWords(action.paragraphId);
      if (locked) return locked;
    }
    return ruleWords(ruleReason);
  }

  /** Why an edit to a proposal's words or rationale was not kept: gone, decided meanwhile, not the person's, or the rule. */
  private proposalRefusal(proposalId: string, ruleReason: string | null, words: boolean): string {
    if (this.actor.role === Role.observer) return 'observers follow the negotiation read-only';
    const onServer = getProposals(this.server).get(proposalId);
    if (!(onServer instanceof Y.Map)) return 'the proposal was removed meanwhile';
    const status = onServer.get(ProposalField.status);
    const decided = typeof status === 'string' ? decidedWords[status] : undefined;
    // The copy set aside may already hold the decision (the server sends its state before it refuses):
    // the person edited a proposal that was still pending for them.
    if (decided) return `it was ${decided} meanwhile`;
    const owner = onServer.get(ProposalField.delegation);
    if (this.actor.role === Role.delegation && owner !== this.actor.delegation) {
      return `${this.actor.delegation ?? 'a delegation'} may change only its own proposals, not ${String(owner)}'s`;
    }
    if (words && ruleReason === null) return 'its words were restructured meanwhile and cannot be merged back automatically; please make the edits again';
    return ruleWords(ruleReason);
  }

  /** Why edits to a paragraph's text were not kept: the role, the paragraph gone or agreed meanwhile, or the rule. */
  private textRefusal(paragraphId: string, ruleReason: string | null): string {
    if (this.actor.role === Role.observer) return 'observers follow the negotiation read-only';
    if (this.actor.role === Role.delegation) return 'delegations propose amendments instead of changing the text';
    if (!getParagraphs(this.server).has(paragraphId)) return `${this.paragraph(paragraphId)} was removed meanwhile`;
    const locked = this.lockedWords(paragraphId);
    if (locked) return locked;
    if (ruleReason === null) return 'its text was restructured meanwhile and cannot be merged back automatically; please make them again';
    return ruleWords(ruleReason);
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

  /** "Your new proposal on paragraph 4", "Your support for the proposal by EU on paragraph 2"... */
  private proposalWorkLabel(work: UnmergeableWork, proposalId: string): string {
    const proposal = this.proposal(proposalId);
    switch (work) {
      case 'new-proposal': {
        const map = getProposals(this.local).get(proposalId);
        const owner = map?.get(ProposalField.delegation);
        const forWhom = owner === this.actor.delegation || typeof owner !== 'string' ? '' : ` for ${owner}`;
        return `Your new proposal${forWhom} ${this.place(map?.get(ProposalField.paragraphId), map?.get(ProposalField.afterParagraphId))}`;
      }
      case 'removed-proposal':
        return `Your removal of ${proposal}`;
      case 'reaction':
        return this.reactionLabel(proposalId, proposal);
      case 'proposal-status':
        return getProposals(this.local).get(proposalId)?.get(ProposalField.status) === ProposalStatus.withdrawn
          ? `Your withdrawal of ${proposal}`
          : `Your change to the status of ${proposal}`;
      case 'proposal-fields':
        return `Your change to the details of ${proposal}`;
      default:
        return `Your edits to the words of ${proposal}`;
    }
  }

  /** "Your support for …", "Your objection to …" (the person's own delegation's reaction as left offline). */
  private reactionLabel(proposalId: string, proposal: string): string {
    const reactions = getProposals(this.local).get(proposalId)?.get(ProposalField.reactions);
    const own = this.actor.delegation !== null && reactions instanceof Y.Map ? reactions.get(this.actor.delegation) : undefined;
    if (own === Reaction.support) return `Your support for ${proposal}`;
    if (own === Reaction.oppose) return `Your objection to ${proposal}`;
    return `Your change to the support and objections on ${proposal}`;
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
      case 'title':
        return 'Your change to the title';
      case 'source':
        return `Your change to the source annotation of ${this.paragraph(paragraphId)}`;
      case 'footnotes':
        return `Your change to the footnotes of ${this.paragraph(paragraphId)}`;
      default:
        return 'Your change to a proposal';
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

/** The rule's reason for a refusal in the person's words. */
function ruleWords(ruleReason: string | null): string {
  return ruleReason ? `the server does not allow it (${ruleReason.replace(/[.\s]+$/, '')})` : 'the server does not allow it';
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
