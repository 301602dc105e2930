/**
 * How many proposals each delegation holds in a document and how many bytes they take, kept up to date
 * proposal by proposal as the document changes, so that a delegation's quota is checked without reading
 * every proposal on every update.
 */
import type * as Y from 'yjs';
import { getProposals, ProposalField } from '../model/proposal.ts';

/** Limits on what one delegation may hold. */
export interface ProposalQuota {
  /** Proposals attributed to one delegation, withdrawn ones included. */
  maxProposals: number;
  /** Bytes of those proposals (their fields as JSON). */
  maxBytes: number;
}

/** The defaults (the server reads its own from the environment). */
export const defaultProposalQuota: ProposalQuota = { maxProposals: 1_000, maxBytes: 4 * 1024 * 1024 };

/** One delegation's holdings. */
export interface Holding {
  count: number;
  bytes: number;
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

  /** What `delegation` holds now. */
  holding(delegation: string): Holding {
    return this.holdings.get(delegation) ?? { count: 0, bytes: 0 };
  }

  private recount(id: string): void {
    const old = this.entries.get(id);
    if (old) this.adjust(old.delegation, -1, -old.bytes);
    this.entries.delete(id);
    const proposal = getProposals(this.doc).get(id);
    if (!proposal || typeof proposal.toJSON !== 'function') return;
    const delegation = proposal.get(ProposalField.delegation);
    if (typeof delegation !== 'string') return;
    const bytes = JSON.stringify(proposal.toJSON()).length;
    this.entries.set(id, { delegation, bytes });
    this.adjust(delegation, 1, bytes);
  }

  private adjust(delegation: string, count: number, bytes: number): void {
    const holding = this.holding(delegation);
    this.holdings.set(delegation, { count: holding.count + count, bytes: holding.bytes + bytes });
  }
}
