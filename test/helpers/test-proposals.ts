/**
 * Proposals in test documents, written as the server's commands write them (shared/model/proposal.ts):
 * for documents a test holds itself (the server's copy in a shared test, a seeded world). Through a real
 * server, proposals are made by the propose command (test/helpers/api.ts sendCommand).
 */
import * as Y from 'yjs';
import { getProposal, getProposalText, ProposalField, ProposalKind, writeProposal, type NewProposal, type ProposalStatus, type Reaction } from '../../shared/model/proposal.ts';

let counter = 0;

/** A pending replace-text proposal of `delegation` on `paragraphId` reading `text`. */
export function proposal(delegation: string, paragraphId: string, text = 'proposed words'): NewProposal {
  return {
    paragraphId, afterParagraphId: null, delegation, kind: ProposalKind.replaceText, runs: [{ text }], basedOn: '', baseMarks: [], rationale: '',
    createdAt: new Date(Date.UTC(2022, 4, 1, 0, 0, counter % 60)).toISOString(),
  };
}

/** Writes `fields` as a new pending proposal in one transaction (as the propose command's change); returns its id. */
export function addTestProposal(doc: Y.Doc, fields: NewProposal, id = `r-test-${(counter += 1)}`): string {
  doc.transact(() => writeProposal(doc, id, fields));
  return id;
}

/** Sets a proposal's status (as a decision command would); false when there is no such proposal. */
export function setTestStatus(doc: Y.Doc, id: string, status: ProposalStatus): boolean {
  const map = getProposal(doc, id);
  if (!map) return false;
  doc.transact(() => map.set(ProposalField.status, status));
  return true;
}

/** Sets (null: removes) one delegation's reaction (as react-to-proposal would); false when there is no such proposal. */
export function setTestReaction(doc: Y.Doc, id: string, delegation: string, reaction: Reaction | null): boolean {
  const reactions = getProposal(doc, id)?.get(ProposalField.reactions);
  if (!(reactions instanceof Y.Map)) return false;
  doc.transact(() => (reaction === null ? reactions.delete(delegation) : reactions.set(delegation, reaction)));
  return true;
}

/** The single text node of a proposal's words (what its editor types into). */
export function proposalXmlText(doc: Y.Doc, id: string): Y.XmlText {
  const element = getProposalText(doc, id)?.get(0);
  const text = element instanceof Y.XmlElement ? element.get(0) : undefined;
  if (!(text instanceof Y.XmlText)) throw new Error(`proposal ${id} has no text node`);
  return text;
}

/** A proposal's words as plain text ('' when there is none). */
export function proposalWords(doc: Y.Doc, id: string): string {
  const element = getProposalText(doc, id)?.get(0);
  const text = element instanceof Y.XmlElement ? element.get(0) : undefined;
  if (!(text instanceof Y.XmlText)) return '';
  return (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}
