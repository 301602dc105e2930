/**
 * What a delegation D may change raw: the words and the rationale of its own pending proposals, within its
 * quota. Everything else it does (tabling, withdrawing, reacting) is a command. The table (field-rules.ts)
 * says which places grant the `editable` access; that the proposal is still pending is checked for every
 * role (judge-touch.ts); this module checks that the proposal is D's, and counts the bytes D adds.
 */
import * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { getProposals, ProposalField } from '../model/proposal.ts';
import type { FieldRule } from './field-rules.ts';
import { quotaProblem, type Holding, type ProposalQuota } from './proposal-ledger.ts';
import type { Touch, TouchContent } from './touch.ts';

const rootNames: Record<string, string> = {
  [DocRoot.paragraphs]: 'paragraph text, headings, source annotations, footnotes or status',
  [DocRoot.order]: 'the order of paragraphs',
  [DocRoot.meta]: 'the title block',
  [DocRoot.delegations]: 'the list of delegations',
  [DocRoot.brackets]: 'brackets',
  [DocRoot.removed]: 'deleted paragraphs',
};

/** What one update does as a whole for delegation `code`: the bytes it adds to D's proposals. */
export class DelegationContext {
  private addedBytes = 0;

  /** `holding` is what `code` holds before the update. */
  constructor(
    readonly code: string,
    private readonly holding: Holding,
    private readonly quota: ProposalQuota,
  ) {}

  /**
   * Why the touch is not D's to make, or null when it is. `rule` is the row matched (a plain field), or
   * null for a touch inside a proposal's words (proposals/<id>/text/…).
   */
  check(doc: Y.Doc, touch: Touch, rule: FieldRule | null, insideWords = false): string | null {
    if (touch.root !== DocRoot.proposals) return `delegations cannot change ${rootNames[touch.root] ?? touch.root}; they propose amendments instead`;
    if (!insideWords && (!rule?.delegation || touch.op !== 'set')) {
      return 'delegations may edit only the words and the rationale of their own pending proposals; tabling, withdrawing and support are done by command';
    }
    const reason = this.ownershipProblem(doc, touch);
    if (reason) return reason;
    this.addedBytes += bytesOf(touch);
    return null;
  }

  /** Why the proposal a touch lands in (proposals/<id>/…) is not D's, or null when it is. */
  ownershipProblem(doc: Y.Doc, touch: Touch): string | null {
    const owner = getProposals(doc).get(String(touch.path[0]))?.get(ProposalField.delegation);
    if (owner === undefined) return 'that proposal does not exist';
    return owner === this.code ? null : `${this.code} may change only its own proposals, not ${String(owner)}'s`;
  }

  /** Why the update would take D over its quota, or null. Call after every touch passed `check`. */
  quotaProblem(): string | null {
    return this.addedBytes > 0 ? quotaProblem(this.code, this.holding, this.quota, { count: 0, bytes: this.addedBytes }) : null;
  }
}

/** What a touch adds, in bytes as the ledger counts them (deletions add nothing). */
function bytesOf(touch: Touch): number {
  if (touch.op === 'delete') return 0;
  if (touch.op === 'insert') return contentBytes(touch.content);
  let bytes = 0;
  for (const outcome of touch.outcomes) if (outcome.kind === 'value') bytes += contentBytes(outcome.content);
  return bytes;
}

function contentBytes(content: TouchContent): number {
  switch (content.kind) {
    case 'value':
      return content.values.reduce<number>((sum, value) => sum + jsonLength(value), 0);
    case 'string':
      return content.length;
    case 'format':
      return content.key.length + jsonLength(content.value);
    default:
      return 16;
  }
}

/** The length of `value` as JSON; a value JSON cannot hold (a BigInt, a cycle) counts as 16 (the schema refuses it anyway). */
function jsonLength(value: unknown): number {
  try {
    return (JSON.stringify(value) ?? '').length;
  } catch {
    return 16;
  }
}
