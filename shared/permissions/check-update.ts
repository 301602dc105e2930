/**
 * The permission table of DOMAIN.md applied to document updates: given who sends an update, may it pass?
 * Judged on what the update would change (shared/permissions/update-scope.ts), before it is applied.
 */
import type * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { Role } from '../protocol/presence.ts';
import { checkDelegationTouch, collectNewProposals, collectWithdrawals, type DelegationContext } from './delegation-rules.ts';
import { checkParagraphSchema } from './schema-rules.ts';
import { describeUpdate, type Touch } from './update-scope.ts';

/** Who sends an update: a role and, for role delegation, the delegation's code. */
export interface Actor {
  role: Role;
  delegation: string | null;
}

/**
 * The answer: allowed, with `update` (the part the document lacks: apply exactly this), the client ids it
 * writes under and whether it changes anything; or refused with a reason.
 */
export type UpdateVerdict =
  | { allowed: true; changes: boolean; clientIds: number[]; update: Uint8Array }
  | { allowed: false; reason: string };

const knownRoots = new Set<string>(Object.values(DocRoot));

/**
 * Judges `update` from `actor` against the current `doc` (not changed). `mayWriteAs(clientId)` says whether
 * the sender may write under a client id (ids are bound to connections). Throws InvalidInputError when the
 * update cannot be decoded.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, actor: Actor, mayWriteAs: (clientId: number) => boolean): UpdateVerdict {
  const { scope, missing } = describeUpdate(doc, update);
  const foreign = scope.clientIds.find((clientId) => !mayWriteAs(clientId));
  if (foreign !== undefined) return refuse(`it writes as client ${foreign}, which belongs to another connection`);
  const changes = scope.touches.length > 0 || scope.clientIds.length > 0;
  if (!changes) return { allowed: true, changes: false, clientIds: [], update: missing };
  if (actor.role === Role.observer) return refuse('observers follow the negotiation read-only and cannot change it');
  // Unplaced changes wait in Yjs's pending store and land later where nobody judged them: refused for every
  // role (a facilitator's would slip content past the editor schema). Honest clients never send them.
  if (scope.unresolved) return refuse(scope.unresolved);
  const reason = firstRefusal(doc, scope.touches, actor);
  return reason ? refuse(reason) : { allowed: true, changes: true, clientIds: scope.clientIds, update: missing };
}

function firstRefusal(doc: Y.Doc, touches: Touch[], actor: Actor): string | null {
  const context: DelegationContext | null =
    actor.role === Role.delegation ? { created: collectNewProposals(doc, touches), withdrawn: collectWithdrawals(touches) } : null;
  for (const touch of touches) {
    if (!knownRoots.has(touch.root)) return `"${touch.root}" is not a part of a negotiation document`;
    const reason =
      checkParagraphSchema(touch) ??
      (context ? checkDelegationTouch(doc, touch, actor.delegation ?? '', context) : null);
    if (reason) return reason;
  }
  return null;
}

function refuse(reason: string): UpdateVerdict {
  return { allowed: false, reason };
}
