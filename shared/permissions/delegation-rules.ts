/**
 * What a delegation D may change: its own proposals (create, edit while pending, withdraw) and its own
 * support or objection mark on any proposal, within its quota. The table (field-rules.ts) says which access
 * a place grants; this module checks that access against the document.
 */
import * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { getProposals, ProposalField, ProposalStatus } from '../model/proposal.ts';
import { DelegationAccess, type FieldRule } from './field-rules.ts';
import type { Holding, ProposalQuota } from './proposal-ledger.ts';
import type { EntryOutcome, Touch } from './touch.ts';

const rootNames: Record<string, string> = {
  [DocRoot.paragraphs]: 'paragraph text, headings, source annotations, footnotes or status',
  [DocRoot.order]: 'the order of paragraphs',
  [DocRoot.meta]: 'the title block',
  [DocRoot.delegations]: 'the list of delegations',
};

/** What one update does as a whole for delegation `code`: the proposals it creates, and the bytes it adds. */
export class DelegationContext {
  /** Ids of the proposals the update creates. */
  readonly created = new Set<string>();
  private addedBytes = 0;

  /** Collects the proposals `touches` create; `holding` is what `code` holds before the update. */
  constructor(
    readonly code: string,
    touches: readonly Touch[],
    private readonly holding: Holding,
    private readonly quota: ProposalQuota,
  ) {
    for (const touch of touches) {
      if (touch.op === 'set' && touch.root === DocRoot.proposals && touch.path.length === 1 && !touch.existed) {
        this.created.add(touch.path[0] as string);
      }
    }
  }

  /** Why the touch (matched to `rule`) is not D's to make, or null when it is. */
  check(doc: Y.Doc, touch: Touch, rule: FieldRule | null): string | null {
    if (touch.root !== DocRoot.proposals) return `delegations cannot change ${rootNames[touch.root] ?? touch.root}; they propose amendments instead`;
    if (!rule?.delegation || touch.op !== 'set') return 'delegations may change only their own proposals and their own marks';
    const id = touch.path[0] as string;
    const reason = this.checkAccess(doc, touch, rule.delegation, id);
    if (reason) return reason;
    for (const outcome of touch.outcomes) if (outcome.kind === 'value') this.addedBytes += sizeOf(outcome);
    return null;
  }

  /** Why the update would take D over its quota, or null. Call after every touch passed `check`. */
  quotaProblem(): string | null {
    const count = this.holding.count + this.created.size;
    if (this.created.size > 0 && count > this.quota.maxProposals) {
      return `${this.code} would hold ${count} proposals; a delegation may hold at most ${this.quota.maxProposals}`;
    }
    const bytes = this.holding.bytes + this.addedBytes;
    if (this.addedBytes > 0 && bytes > this.quota.maxBytes) {
      return `${this.code}'s proposals would take ${bytes} bytes; a delegation may hold at most ${this.quota.maxBytes}`;
    }
    return null;
  }

  private checkAccess(doc: Y.Doc, touch: Touch & { op: 'set' }, access: DelegationAccess, id: string): string | null {
    const isNew = this.created.has(id);
    if (access === DelegationAccess.proposal) {
      if (touch.existed) return touch.outcomes.some((o) => o.kind === 'nothing') ? 'delegations withdraw proposals instead of deleting them' : 'a proposal cannot be replaced';
      return null;
    }
    if (access === DelegationAccess.ownMark) {
      const owner = touch.path[2] ?? null;
      return owner === this.code ? null : `${this.code} may set only its own support or objection, not ${owner ?? 'another'}'s`;
    }
    const field = touch.path[1] as string;
    if (isNew) {
      if (field === ProposalField.delegation && !readsOnly(touch.outcomes, (v) => v === this.code)) return `a new proposal must be attributed to ${this.code}`;
      if (access === DelegationAccess.status && !readsOnly(touch.outcomes, (v) => v === ProposalStatus.pending || v === ProposalStatus.withdrawn)) {
        return 'a new proposal starts pending';
      }
      return null;
    }
    const proposal = getProposals(doc).get(id);
    if (!(proposal instanceof Y.Map)) return 'that proposal no longer exists';
    const owner = proposal.get(ProposalField.delegation);
    if (owner !== this.code) return `${this.code} may change only its own proposals, not ${String(owner)}'s`;
    if (access === DelegationAccess.creation) return `"${field}" of a proposal cannot be changed`;
    if (proposal.get(ProposalField.status) !== ProposalStatus.pending) return 'only a pending proposal can be changed';
    if (access === DelegationAccess.status && !readsOnly(touch.outcomes, (v) => v === ProposalStatus.withdrawn)) {
      return 'delegations may withdraw their proposals; the facilitators decide on them';
    }
    return null;
  }
}

/** True when every outcome is a plain value accepted by `accept`. */
function readsOnly(outcomes: readonly EntryOutcome[], accept: (value: unknown) => boolean): boolean {
  return outcomes.every((o) => o.kind === 'value' && o.content.kind === 'value' && accept(o.content.value));
}

function sizeOf(outcome: EntryOutcome & { kind: 'value' }): number {
  return outcome.content.kind === 'value' ? (JSON.stringify(outcome.content.value) ?? '').length : 16;
}
