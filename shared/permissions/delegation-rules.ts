/**
 * What a delegation D may change: its own proposals (create, edit while pending, withdraw) and its own
 * support or objection mark on any proposal. Nothing else.
 */
import * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { getProposals, isMarkKind, ProposalField, ProposalStatus } from '../model/proposal.ts';
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

/** Why delegation `code` may not make this change, or null when it may. */
export function checkDelegationTouch(doc: Y.Doc, touch: Touch, code: string, created: Map<string, unknown>): string | null {
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
  return checkExistingField(doc, touch, id, field, code);
}

function checkMark(touch: Touch, code: string, owner: string | null): string | null {
  if (owner !== code) return `${code} may set only its own support or objection, not ${owner ?? 'another'}'s`;
  if (touch.op === 'insert' && !(touch.content.kind === 'value' && isMarkKind(touch.content.value))) {
    return 'a mark is "support" or "object"';
  }
  return null;
}

function checkNewField(touch: Touch, field: string, code: string): string | null {
  if (!editableFields.has(field) && !creationOnlyFields.has(field) && field !== ProposalField.status) {
    return `a proposal has no field "${field}"`;
  }
  if (touch.op !== 'insert') return null;
  if (field === ProposalField.status && !(touch.content.kind === 'value' && touch.content.value === ProposalStatus.pending)) {
    return 'a new proposal starts pending';
  }
  if (field === ProposalField.delegation && !(touch.content.kind === 'value' && touch.content.value === code)) {
    return `a new proposal must be attributed to ${code}`;
  }
  if (field === ProposalField.marks && !(touch.content.kind === 'type' && touch.content.typeName === 'map')) {
    return 'a proposal\'s marks are a map';
  }
  return null;
}

function checkExistingField(doc: Y.Doc, touch: Touch, id: string, field: string, code: string): string | null {
  const proposal = getProposals(doc).get(id);
  if (!(proposal instanceof Y.Map)) return 'that proposal no longer exists';
  const owner = proposal.get(ProposalField.delegation);
  if (owner !== code) return `${code} may change only its own proposals, not ${String(owner)}'s`;
  if (proposal.get(ProposalField.status) !== ProposalStatus.pending) return 'only a pending proposal can be changed';
  if (field === ProposalField.status) {
    const withdrawing = touch.op === 'delete' || (touch.content.kind === 'value' && touch.content.value === ProposalStatus.withdrawn);
    return withdrawing ? null : 'delegations may withdraw their proposals; the facilitators decide on them';
  }
  if (!editableFields.has(field)) return `"${field}" of a proposal cannot be changed`;
  return null;
}
