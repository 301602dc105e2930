/**
 * Proposals (amendments) live in the `proposals` root map, one Y.Map per proposal keyed by id. Each carries
 * its delegation, so the server can tell whose it is; support and objection marks live in the proposal's
 * own `marks` map keyed by delegation code, one mark per delegation.
 */
import * as Y from 'yjs';
import { DocRoot } from './negotiation-doc.ts';
import { randomId } from './random-id.ts';

/** What a proposal asks for. */
export const ProposalKind = {
  replaceText: 'replace-text',
  insertParagraph: 'insert-paragraph',
  deleteParagraph: 'delete-paragraph',
  retain: 'retain',
  comment: 'comment',
} as const;

/** One of the values of ProposalKind. */
export type ProposalKind = (typeof ProposalKind)[keyof typeof ProposalKind];

/** Where a proposal stands. */
export const ProposalStatus = {
  pending: 'pending',
  accepted: 'accepted',
  acceptedIntoBrackets: 'accepted-into-brackets',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
} as const;

/** One of the values of ProposalStatus. */
export type ProposalStatus = (typeof ProposalStatus)[keyof typeof ProposalStatus];

/** A delegation's mark on a proposal. */
export const MarkKind = { support: 'support', object: 'object' } as const;

/** One of the values of MarkKind. */
export type MarkKind = (typeof MarkKind)[keyof typeof MarkKind];

/** Keys of a proposal's Y.Map. */
export const ProposalField = {
  paragraphId: 'paragraphId',
  afterParagraphId: 'afterParagraphId',
  delegation: 'delegation',
  kind: 'kind',
  text: 'text',
  basedOn: 'basedOn',
  rationale: 'rationale',
  status: 'status',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  marks: 'marks',
} as const;

/** The fields a new proposal is created with. */
export interface NewProposal {
  /** The paragraph it amends, or null for a new paragraph placed by `afterParagraphId`. */
  paragraphId: string | null;
  afterParagraphId: string | null;
  delegation: string;
  kind: ProposalKind;
  text: string;
  basedOn: string;
  rationale: string;
}

/** The proposals map keyed by id. */
export function getProposals(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(DocRoot.proposals);
}

/** A new proposal id. */
export function newProposalId(): string {
  return randomId('r');
}

/** Adds a pending proposal with an empty marks map in one transaction; returns its id. */
export function addProposal(doc: Y.Doc, proposal: NewProposal, id: string = newProposalId(), now = new Date()): string {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    getProposals(doc).set(id, map);
    for (const [key, value] of Object.entries(proposal)) map.set(key, value);
    map.set(ProposalField.status, ProposalStatus.pending);
    map.set(ProposalField.createdAt, now.toISOString());
    map.set(ProposalField.updatedAt, now.toISOString());
    map.set(ProposalField.marks, new Y.Map<MarkKind>());
  });
  return id;
}

/** Sets (or with null removes) one delegation's mark on a proposal; false when the proposal is missing. */
export function setMark(doc: Y.Doc, proposalId: string, delegation: string, mark: MarkKind | null): boolean {
  const marks = getProposals(doc).get(proposalId)?.get(ProposalField.marks);
  if (!(marks instanceof Y.Map)) return false;
  doc.transact(() => (mark === null ? marks.delete(delegation) : marks.set(delegation, mark)));
  return true;
}

const maxTextLength = 20_000;
const maxIdLength = 64;

/** Why `value` cannot stand in a proposal's plain field `field` (kind, ids, texts, timestamps), or null when it can. */
export function proposalValueProblem(field: string, value: unknown): string | null {
  switch (field) {
    case ProposalField.kind:
      return Object.values(ProposalKind).includes(value as ProposalKind) ? null : `a proposal's kind is one of ${Object.values(ProposalKind).join(', ')}`;
    case ProposalField.paragraphId:
    case ProposalField.afterParagraphId:
      return value === null || (typeof value === 'string' && value.length > 0 && value.length <= maxIdLength) ? null : `"${field}" is a paragraph id or null`;
    case ProposalField.text:
    case ProposalField.basedOn:
    case ProposalField.rationale:
      return typeof value === 'string' && value.length <= maxTextLength ? null : `"${field}" is text of at most ${maxTextLength} characters`;
    case ProposalField.createdAt:
    case ProposalField.updatedAt:
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? null : `"${field}" is a date and time`;
    default:
      return null;
  }
}

/** True when `value` is a mark kind. */
export function isMarkKind(value: unknown): value is MarkKind {
  return Object.values(MarkKind).includes(value as MarkKind);
}
