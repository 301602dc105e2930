/**
 * Where a kept (deleted) paragraph goes back. A copy remembers the paragraphs just before and after it when
 * it went; when several neighbouring paragraphs are deleted, each copy names the deleted one next to it
 * (linkedNeighbours, at deletion), so the copies form a chain back to a paragraph still standing. Put back
 * in any order, a block of deleted paragraphs comes back in the order it stood: a copy goes just before the
 * paragraph that followed it (along the chain) when that one still stands after the one it followed (a
 * paragraph split or inserted since in between stays before it), else after the one it followed, else
 * before the one that followed it. Kept copies are a facilitator's deletions (shared/model/removed-paragraph.ts)
 * and accepted deletion proposals (their decision holds the copy).
 */
import * as Y from 'yjs';
import { readOrder } from '../model/negotiation-doc.ts';
import { getProposals, isKeptParagraph, ProposalField, ProposalKind, ProposalStatus, type KeptParagraph } from '../model/proposal.ts';
import { readRemovedParagraphs } from '../model/removed-paragraph.ts';

/** Where a kept paragraph goes back: just after `afterId` (null: at the top). */
export interface KeptPlace {
  afterId: string | null;
  /** True when the paragraph it followed is not standing: it goes back after another one. */
  moved: boolean;
  /** Its order among kept paragraphs going back after the same one: lower first (the order they stood in). */
  rank: number;
}

/** The kept copy in an accepted deletion's decision, or null when none was kept. */
export function keptCopy(decision: { deleted?: unknown } | null | undefined): KeptParagraph | null {
  const kept = decision?.deleted;
  return isKeptParagraph(kept) ? kept : null;
}

/** Every kept copy of a paragraph not in the text, by paragraph id: the latest deletion of each. */
export function keptCopies(doc: Y.Doc): ReadonlyMap<string, KeptParagraph> {
  const standing = new Set(readOrder(doc));
  const latest = new Map<string, { at: string; kept: KeptParagraph }>();
  const offer = (id: string, at: string, kept: KeptParagraph) => {
    const seen = latest.get(id);
    if (!standing.has(id) && (!seen || seen.at <= at)) latest.set(id, { at, kept });
  };
  // Only the fields a deletion's copy is found by: a proposal's words are never read here.
  for (const map of getProposals(doc).values()) {
    if (!(map instanceof Y.Map) || map.get(ProposalField.kind) !== ProposalKind.deleteParagraph || map.get(ProposalField.status) !== ProposalStatus.accepted) continue;
    const decision = map.get(ProposalField.decision) as { deleted?: unknown; at?: unknown } | null | undefined;
    const kept = keptCopy(decision);
    const paragraphId = map.get(ProposalField.paragraphId);
    const createdAt = map.get(ProposalField.createdAt);
    if (kept && typeof paragraphId === 'string') offer(paragraphId, typeof decision?.at === 'string' ? decision.at : typeof createdAt === 'string' ? createdAt : '', kept);
  }
  for (const entry of readRemovedParagraphs(doc)) offer(entry.id, entry.at, entry.paragraph);
  return new Map([...latest].map(([id, { kept }]) => [id, kept]));
}

/**
 * The neighbours to keep with paragraph `id`, now between `previousId` and `nextId` in the order: a kept
 * paragraph that stood between the previous one and it, when one did, and likewise after it.
 */
export function linkedNeighbours(id: string, previousId: string | null, nextId: string | null, copies: ReadonlyMap<string, KeptParagraph>, order: readonly string[]): { previousId: string | null; nextId: string | null } {
  const standing = new Set(order);
  let previous = previousId;
  let next = nextId;
  for (const [otherId, other] of copies) {
    if (other.nextId === id && along(other, 'previousId', copies, standing).anchor === previousId) previous = otherId;
    if (other.previousId === id && along(other, 'nextId', copies, standing).anchor === nextId) next = otherId;
  }
  return { previousId: previous, nextId: next };
}

/**
 * Where `kept` goes back now (see the file comment), or null when neither of its neighbours (nor a chain of
 * kept ones to a standing paragraph) is left: only the facilitator knows where it belongs.
 */
export function keptPlace(doc: Y.Doc, kept: KeptParagraph, copies: ReadonlyMap<string, KeptParagraph> = keptCopies(doc)): KeptPlace | null {
  const order = readOrder(doc);
  const standing = new Set(order);
  const before = along(kept, 'previousId', copies, standing);
  const after = along(kept, 'nextId', copies, standing);
  const moved = before.anchor !== kept.previousId;
  if (after.anchor !== undefined && after.anchor !== null) {
    const next = order.indexOf(after.anchor);
    const previous = before.anchor === undefined || before.anchor === null ? -1 : order.indexOf(before.anchor);
    // Before the paragraph that followed it when that one still comes after the one it followed (or that one is gone).
    if (next > previous) return { afterId: order[next - 1] ?? null, moved, rank: before.anchor === undefined ? maxRank - after.steps : before.steps };
  }
  if (before.anchor !== undefined) return { afterId: before.anchor, moved, rank: before.steps };
  if (after.anchor === null) return { afterId: order[order.length - 1] ?? null, moved: true, rank: maxRank - after.steps };
  return null;
}

// Ranks of copies placed from the paragraph after them sort after those placed from the one before.
const maxRank = 1_000_000;

// The standing paragraph reached from `kept` going to `side` through kept copies (null: the top or the end;
// undefined: the chain breaks at a paragraph neither standing nor kept), and how many copies were passed.
function along(kept: KeptParagraph, side: 'previousId' | 'nextId', copies: ReadonlyMap<string, KeptParagraph>, standing: ReadonlySet<string>): { anchor: string | null | undefined; steps: number } {
  const passed = new Set<string>();
  let id = kept[side];
  let steps = 0;
  while (id !== null && !standing.has(id)) {
    const copy = copies.get(id);
    if (!copy || passed.has(id)) return { anchor: undefined, steps };
    passed.add(id);
    id = copy[side];
    steps += 1;
  }
  return { anchor: id, steps };
}
