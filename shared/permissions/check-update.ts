/**
 * The permission table of DOMAIN.md applied to document updates: given who sends an update, may it pass?
 * Judged on what the update would change, before it is applied. The cost is bounded by the update: it is
 * decoded and its delete set merged first (update-decoding.ts); a sender who may change nothing is refused
 * at the first real change found, before anything else is described.
 */
import * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { Role } from '../protocol/presence.ts';
import { DelegationContext } from './delegation-rules.ts';
import { createdObjects, judgeTouch, lengthProblem, missingCreationFields } from './judge-touch.ts';
import { defaultProposalQuota, ProposalLedger, type ProposalQuota } from './proposal-ledger.ts';
import { decodeForJudging } from './update-decoding.ts';
import type { Touch } from './touch.ts';
import { describeUpdate, wouldChange } from './update-scope.ts';
import { wordsLengthProblem } from './words-length.ts';

/** Who sends an update: a role and, for role delegation, the delegation's code. */
export interface Actor {
  role: Role;
  delegation: string | null;
}

/** Settings of a check. */
export interface CheckOptions {
  /** What one delegation may hold (defaults: defaultProposalQuota). */
  quota?: ProposalQuota;
  /** Most structs in one update (default: defaultMaxStructs); more is refused as too large before decoding. */
  maxStructs?: number;
}

/**
 * The answer: allowed, with `update` (the part the document lacks: apply exactly this), the client ids it
 * writes under and whether it changes anything; or refused with a reason.
 */
export type UpdateVerdict =
  | { allowed: true; changes: boolean; clientIds: number[]; update: Uint8Array; paragraphIds: string[] }
  | { allowed: false; reason: string };

/**
 * Judges `update` from `actor` against the current `doc` (not changed). `mayWriteAs(clientId)` says whether
 * the sender may write under a client id (ids are bound to connections). Throws InvalidInputError when the
 * update cannot be decoded or is malformed, TooLargeError when it holds more structs than allowed.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, actor: Actor, mayWriteAs: (clientId: number) => boolean, options: CheckOptions = {}): UpdateVerdict {
  const decoded = decodeForJudging(doc, update, options.maxStructs);
  const writesAs = new Set<number>();
  for (const struct of decoded.structs) if (!(struct instanceof Y.Skip)) writesAs.add(struct.id.client);
  const foreign = [...writesAs].find((clientId) => !mayWriteAs(clientId));
  if (foreign !== undefined) return refuse(`it writes as client ${foreign}, which belongs to another connection`);
  if (!wouldChange(doc, decoded)) return { allowed: true, changes: false, clientIds: [], update: decoded.missing, paragraphIds: [] };
  if (actor.role === Role.observer) return refuse('observers follow the negotiation read-only and cannot change it');
  const scope = describeUpdate(doc, decoded);
  // Unplaced changes wait in Yjs's pending store and land later where nobody judged them: refused for every
  // role (a facilitator's would slip content past the editor schema). Honest clients never send them.
  if (scope.refusal) return refuse(scope.refusal);
  const context = actor.role === Role.delegation
    ? new DelegationContext(actor.delegation ?? '', ProposalLedger.for(doc).holding(actor.delegation ?? ''), options.quota ?? defaultProposalQuota)
    : null;
  const created = createdObjects(scope.touches);
  for (const touch of scope.touches) {
    const reason = judgeTouch(doc, touch, context, created);
    if (reason) return refuse(reason);
  }
  const reason = missingCreationFields(scope.touches) ?? lengthProblem(scope.touches, scope.lengths)
    ?? wordsLengthProblem(doc, scope.touches, scope.lengths, decoded.deletes) ?? context?.quotaProblem() ?? null;
  return reason ? refuse(reason) : { allowed: true, changes: true, clientIds: scope.clientIds, update: decoded.missing, paragraphIds: touchedParagraphs(scope.touches) };
}

/** The paragraphs whose content (text, source, footnotes) the touches change. */
function touchedParagraphs(touches: readonly Touch[]): string[] {
  const ids = new Set<string>();
  for (const touch of touches) {
    const id = touch.path[0];
    if (touch.root === DocRoot.paragraphs && touch.path.length > 1 && typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

function refuse(reason: string): UpdateVerdict {
  return { allowed: false, reason };
}
