/**
 * What the read and export routes answer, each read from one room in one go so the text and its proposals
 * are of the same moment: the negotiation with its proposals, and the compilation text.
 */
import { compilationEntries, formatCompilationEntries, type CompilationOptions } from '../../shared/amendments/compilation-adapter.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { readProposals, type ProposalSnapshot } from '../../shared/model/proposal.ts';
import type { NegotiationResponse, ProposalInfo } from '../../shared/protocol/api.ts';
import type { AppContext } from '../app-context.ts';

/** The negotiation's text and every proposal, oldest first (throws NotFoundError). */
export function readWithProposals(app: AppContext, id: string): Promise<NegotiationResponse> {
  return app.registry.withRoom(id, (room) => ({ id, ...readNegotiation(room.doc), proposals: readProposals(room.doc).map(proposalInfo) }));
}

/** The compilation text (shared/amendments/compilation-adapter.ts): open proposals, or all with their status (throws NotFoundError). */
export function exportCompilation(app: AppContext, id: string, options: CompilationOptions): Promise<string> {
  return app.registry.withRoom(id, (room) => formatCompilationEntries(compilationEntries(readNegotiation(room.doc).paragraphs, readProposals(room.doc), options)));
}

/** A proposal snapshot on the wire: plain text instead of runs. */
export function proposalInfo(snapshot: ProposalSnapshot): ProposalInfo {
  const { id, paragraphId, afterParagraphId, delegation, kind, text, basedOn, status, supporters, opponents, rationale, createdAt, decision } = snapshot;
  return { id, paragraphId, afterParagraphId, delegation, kind, text, basedOn, status, supporters, opponents, rationale, createdAt, decision };
}
