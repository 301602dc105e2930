/**
 * What a delegation D may change: its own proposals (create, edit while pending, withdraw) and its own
 * support or objection mark on any proposal. Nothing else.
 */
import * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { getProposals, isMarkKind, ProposalField, proposalValueProblem, ProposalStatus } from '../model/proposal.ts';
import type { Touch } from './update-scope.ts';

const editableFields = new Set<string>([
  ProposalField.paragraphId,
  ProposalField.afterParagraphId,
  ProposalField.kind,
  ProposalField.text,
  ProposalField.basedOn,
  ProposalField.rationale,
  ProposalField.updatedAt,
]);

const creationOnlyFields = new Set<string>([ProposalField.delegation, ProposalField.createdAt, ProposalField.marks]);

const rootNames: Record<string, string> = {
  [DocRoot.paragraphs]: 'paragraph text, headings, source annotations, footnotes or status',
  [DocRoot.order]: 'the order of paragraphs',
  [DocRoot.meta]: 'the title block',
  [DocRoot.delegations]: 'the list of delegations',
};

/** Proposals the update creates (new proposal maps), each with the delegation value the update gives it. */
export function collectNewProposals(doc: Y.Doc, touches: Touch[]): Map<string, unknown> {
  const existing = getProposals(doc);
  const created = new Map<string, unknown>();
  for (const t of touches) {
    if (t.op === 'insert' && t.root === DocRoot.proposals && t.path.length === 1 && typeof t.path[0] === 'string'
      && t.content.kind === 'type' && t.content.typeName === 'map' && !existing.has(t.path[0])) {
      created.set(t.path[0], undefined);
    }
  }
  for (const t of touches) {
    const id = t.path[0];
    if (t.op === 'insert' && t.root === DocRoot.proposals && typeof id === 'string' && created.has(id)
      && t.path.length === 2 && t.path[1] === ProposalField.delegation && t.content.kind === 'value') {
      created.set(id, t.content.value);
    }
  }
  return created;
}

/** Ids of existing proposals that the update sets to withdrawn (the old status value is then deleted). */
export function collectWithdrawals(touches: Touch[]): Set<string> {
  const ids = new Set<string>();
  for (const t of touches) {
    if (t.op === 'insert' && t.root === DocRoot.proposals && t.path.length === 2 && t.path[1] === ProposalField.status
      && typeof t.path[0] === 'string' && t.content.kind === 'value' && t.content.value === ProposalStatus.withdrawn) {
      ids.add(t.path[0]);
    }
  }
  return ids;
}

/** What the update does beyond single touches: the proposals it creates and the ones it withdraws. */
export interface DelegationContext {
  created: Map<string, unknown>;
  withdrawn: Set<string>;
}

/** Why delegation `code` may not make this change, or null when it may. */
export function checkDelegationTouch(doc: Y.Doc, touch: Touch, code: string, context: DelegationContext): string | null {
  const { created } = context;
  if (touch.root !== DocRoot.proposals) {
    return `delegations cannot change ${rootNames[touch.root] ?? touch.root}; they propose amendments instead`;
  }
  const [id, field, markOwner] = touch.path;
  if (typeof id !== 'string') return 'a proposal is addressed by its id';
  const isNew = created.has(id);
  if (isNew && created.get(id) !== code) return `a new proposal must be attributed to ${code}`;
  if (touch.path.length === 1) {
    if (touch.op === 'delete') return 'delegations withdraw proposals instead of deleting them';
    return isNew ? null : 'a proposal cannot be replaced';
  }
  if (field === ProposalField.marks && touch.path.length === 3) return checkMark(touch, code, markOwner ?? null);
  if (touch.path.length !== 2 || typeof field !== 'string') return 'a proposal holds plain fields only';
  if (isNew) return checkNewField(touch, field, code);
  return checkExistingField(doc, touch, id, field, code, context.withdrawn);
}

/** A value that was overwritten before it was sent: Yjs keeps only its length, nothing anyone can see. */
function isErased(touch: Touch): boolean {
  return touch.op === 'insert' && touch.content.kind === 'deleted';
}

function isValue(touch: Touch, accept: (value: unknown) => boolean): boolean {
  return touch.op === 'insert' && touch.content.kind === 'value' && accept(touch.content.value);
}

function checkMark(touch: Touch, code: string, owner: string | null): string | null {
  if (owner !== code) return `${code} may set only its own support or objection, not ${owner ?? 'another'}'s`;
  if (touch.op === 'insert' && !isErased(touch) && !isValue(touch, isMarkKind)) return 'a mark is "support" or "object"';
  return null;
}

function checkNewField(touch: Touch, field: string, code: string): string | null {
  if (!editableFields.has(field) && !creationOnlyFields.has(field) && field !== ProposalField.status) {
    return `a proposal has no field "${field}"`;
  }
  if (touch.op !== 'insert' || isErased(touch)) return null;
  if (field === ProposalField.status) {
    // Created and withdrawn while offline arrives as one update.
    const fresh = isValue(touch, (v) => v === ProposalStatus.pending || v === ProposalStatus.withdrawn);
    return fresh ? null : 'a new proposal starts pending';
  }
  if (field === ProposalField.delegation) return isValue(touch, (v) => v === code) ? null : `a new proposal must be attributed to ${code}`;
  if (field === ProposalField.marks) {
    return touch.content.kind === 'type' && touch.content.typeName === 'map' ? null : 'a proposal\'s marks are a map';
  }
  return plainValueProblem(touch, field);
}

function plainValueProblem(touch: Touch, field: string): string | null {
  if (touch.op !== 'insert' || touch.content.kind !== 'value') return `a proposal's "${field}" holds a plain value`;
  return proposalValueProblem(field, touch.content.value);
}

function checkExistingField(doc: Y.Doc, touch: Touch, id: string, field: string, code: string, withdrawn: Set<string>): string | null {
  const proposal = getProposals(doc).get(id);
  if (!(proposal instanceof Y.Map)) return 'that proposal no longer exists';
  const owner = proposal.get(ProposalField.delegation);
  if (owner !== code) return `${code} may change only its own proposals, not ${String(owner)}'s`;
  if (proposal.get(ProposalField.status) !== ProposalStatus.pending) return 'only a pending proposal can be changed';
  if (field === ProposalField.status) {
    // Setting withdrawn deletes the old value in the same update; a status deleted on its own is refused.
    const withdrawing = touch.op === 'delete' ? withdrawn.has(id) : isErased(touch) || isValue(touch, (v) => v === ProposalStatus.withdrawn);
    return withdrawing ? null : 'delegations may withdraw their proposals; the facilitators decide on them';
  }
  if (!editableFields.has(field)) return `"${field}" of a proposal cannot be changed`;
  if (touch.op === 'insert' && !isErased(touch)) return plainValueProblem(touch, field);
  return null;
}
