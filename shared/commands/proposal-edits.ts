/**
 * The writes proposal decisions share, each called inside the one transaction of a command's apply: a
 * proposal's status with the decision that set it, and a decided proposal reopened.
 */
import type * as Y from 'yjs';
import { getProposal, ProposalField, ProposalStatus, type DecisionRecord } from '../model/proposal.ts';

/** Sets the proposal's status to the decision's and keeps the decision (plain JSON, without empty keys). */
export function recordDecision(doc: Y.Doc, proposalId: string, decision: DecisionRecord): void {
  const map = getProposal(doc, proposalId);
  if (!map) return;
  map.set(ProposalField.status, decision.status);
  map.set(ProposalField.decision, Object.fromEntries(Object.entries(decision).filter(([, value]) => value !== undefined)));
}

/** Puts the proposal back to pending, with no decision on it. */
export function reopenProposal(doc: Y.Doc, proposalId: string): void {
  const map = getProposal(doc, proposalId);
  if (!map) return;
  map.set(ProposalField.status, ProposalStatus.pending);
  map.set(ProposalField.decision, null);
}

