/**
 * How many proposals each delegation holds in a document and how many bytes they take, kept up to date
 * proposal by proposal as the document changes, so that a delegation's quota is checked without reading
 * every proposal on every update. Two checks use it: the propose command (shared/commands/proposal-create.ts:
 * `ProposalLedger.for(doc).holding(code)` against the quota, one proposal more) and the raw-update check
 * (typing into a proposal's words or rationale adds bytes: delegation-rules.ts).
 */
import * as Y from 'yjs';
import { getProposals, ProposalField } from '../model/proposal.ts';

/** Limits on what one delegation may hold. */
export interface ProposalQuota {
  /** Proposals attributed to one delegation, withdrawn ones included. */
  maxProposals: number;
  /** Bytes of those proposals: their words (text fragment) and plain fields as JSON, reactions and decisions aside. */
  maxBytes: number;
}

/** The defaults (the server reads its own from the environment). */
export const defaultProposalQuota: ProposalQuota = { maxProposals: 1_000, maxBytes: 4 * 1024 * 1024 };

/** One delegation's holdings. */
export interface Holding {
  count: number;
  bytes: number;
}

/**
 * Why `code`, holding `holding`, would go over `quota` by adding `added` (proposals and bytes), or null.
 * Proposals are counted only when some are added, bytes only when some are.
 */
export function quotaProblem(code: string, holding: Holding, quota: ProposalQuota, added: Holding): string | null {
  const count = holding.count + added.count;
  if (added.count > 0 && count > quota.maxProposals) {
    return `${code} would hold ${count} proposals; a delegation may hold at most ${quota.maxProposals} (withdrawn ones count too)`;
  }
  const bytes = holding.bytes + added.bytes;
  if (added.bytes > 0 && bytes > quota.maxBytes) {
    return `${code}'s proposals would take ${bytes} bytes; a delegation may hold at most ${quota.maxBytes}`;
  }
  return null;
}

/** Bytes a proposal takes against its delegation's quota: its words and its plain fields as JSON. */
export function proposalBytes(proposal: Y.Map<unknown>): number {
  let bytes = 0;
  for (const [field, value] of proposal.entries()) {
    // Reactions are others' to write and the decision the facilitators': neither is the delegation's to pay for.
    if (field === ProposalField.reactions || field === ProposalField.decision) continue;
    if (value instanceof Y.XmlFragment) bytes += fragmentBytes(value);
    else if (!(value instanceof Y.AbstractType)) bytes += field.length + (JSON.stringify(value) ?? '').length;
  }
  return bytes;
}

/**
 * The characters of a proposal's words (and its blocks' names), read from the lengths Yjs keeps: the cost
 * is the number of nodes (one block holding one text, in the editor schema), not the number of characters,
 * so recounting after every keystroke stays cheap however long the words are.
 */
function fragmentBytes(type: Y.XmlFragment | Y.XmlElement): number {
  let bytes = type instanceof Y.XmlElement ? type.nodeName.length : 0;
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) bytes += child.length;
    else if (child instanceof Y.XmlElement) bytes += fragmentBytes(child);
  }
  return bytes;
}

const ledgers = new WeakMap<Y.Doc, ProposalLedger>();

/** The proposals of one document, counted per delegation. */
export class ProposalLedger {
  private readonly entries = new Map<string, { delegation: string; bytes: number }>();
  private readonly holdings = new Map<string, Holding>();

  private constructor(private readonly doc: Y.Doc) {
    const proposals = getProposals(doc);
    for (const id of proposals.keys()) this.recount(id);
    proposals.observeDeep((events) => {
      const changed = new Set<string>();
      for (const event of events) {
        if (event.target === proposals) for (const key of event.changes.keys.keys()) changed.add(key);
        else if (typeof event.path[0] === 'string') changed.add(event.path[0]);
      }
      for (const id of changed) this.recount(id);
    });
  }

  /** The ledger of `doc`, built on first use and kept up to date after. */
  static for(doc: Y.Doc): ProposalLedger {
    let ledger = ledgers.get(doc);
    if (!ledger) {
      ledger = new ProposalLedger(doc);
      ledgers.set(doc, ledger);
    }
    return ledger;
  }

  /** What `delegation` holds now: its proposals (withdrawn and decided ones too) and their bytes (proposalBytes). */
  holding(delegation: string): Holding {
    return this.holdings.get(delegation) ?? { count: 0, bytes: 0 };
  }

  private recount(id: string): void {
    const old = this.entries.get(id);
    if (old) this.adjust(old.delegation, -1, -old.bytes);
    this.entries.delete(id);
    const proposal = getProposals(this.doc).get(id);
    if (!(proposal instanceof Y.Map)) return;
    const delegation = proposal.get(ProposalField.delegation);
    if (typeof delegation !== 'string') return;
    const bytes = proposalBytes(proposal);
    this.entries.set(id, { delegation, bytes });
    this.adjust(delegation, 1, bytes);
  }

  private adjust(delegation: string, count: number, bytes: number): void {
    const holding = this.holding(delegation);
    this.holdings.set(delegation, { count: holding.count + count, bytes: holding.bytes + bytes });
  }
}
