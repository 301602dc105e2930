/**
 * Superseding: accepting a proposal makes the others on the same words fall, as adopting one amendment does
 * in a parliament (the European Parliament's Rule 174; Antragsgrün's "obsoleted by"). The others are the
 * pending proposals of the paragraph whose changes (or clashes) touch the words the accepted one changed;
 * accepting a paragraph's deletion supersedes every pending proposal on it.
 */
import * as Y from 'yjs';
import type { TextChange } from '../amendments/text-change.ts';
import { getProposals, ProposalField, ProposalKind, ProposalStatus, readProposal, type ProposalSnapshot } from '../model/proposal.ts';
import { maxProposalCharacters } from './proposal-facts.ts';
import { mergeProposal, spansMeet, touchedSpans } from './proposal-merge.ts';

/**
 * The pending replacements of `paragraphId` (other than `acceptedId`) whose changes on `current` meet
 * `changes`. One whose words outgrew what a proposal may hold is not merged (it cannot be accepted as it
 * stands, and merging it would cost the acceptance as much): it stays pending.
 */
export function overlappingReplacements(doc: Y.Doc, acceptedId: string, paragraphId: string, current: string, changes: readonly TextChange[]): ProposalSnapshot[] {
  if (changes.length === 0) return [];
  const accepted = changes.map((c) => ({ start: c.from, end: c.to }));
  return pendingOn(doc, acceptedId, paragraphId).filter((other) => {
    if (other.kind !== ProposalKind.replaceText || other.text.length > maxProposalCharacters) return false;
    return touchedSpans(mergeProposal(current, other)).some((span) => accepted.some((mine) => spansMeet(current, span, mine)));
  });
}

/** Every pending proposal on `paragraphId` but `acceptedId`, oldest first. */
export function pendingOn(doc: Y.Doc, acceptedId: string, paragraphId: string): ProposalSnapshot[] {
  // Filtered on the two plain fields first: reading every proposal's words would cost each acceptance the
  // whole document's proposals.
  const found: ProposalSnapshot[] = [];
  for (const [id, map] of getProposals(doc).entries()) {
    if (id === acceptedId || !(map instanceof Y.Map)) continue;
    if (map.get(ProposalField.paragraphId) !== paragraphId || map.get(ProposalField.status) !== ProposalStatus.pending) continue;
    found.push(readProposal(id, map));
  }
  return found.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the activity adds for superseded proposals: "; superseded the proposals of G77, NOR" ('' for none). */
export function supersededWords(superseded: readonly ProposalSnapshot[]): string {
  if (superseded.length === 0) return '';
  const codes = [...new Set(superseded.map((p) => p.delegation))];
  return `; superseded the ${superseded.length === 1 ? 'proposal' : 'proposals'} of ${codes.join(', ')}`;
}
