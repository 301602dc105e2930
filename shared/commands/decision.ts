/**
 * What deciding a command answers, as ProseMirror's steps answer a result: a change to make, or a refusal
 * with a reason a person can read. Deciding never changes the document; the server applies the change.
 */
import type * as Y from 'yjs';
import type { ProposalQuota } from '../permissions/proposal-ledger.ts';
import type { Role } from '../protocol/presence.ts';

/** Who takes a decision, as the server authenticated them. */
export interface CommandActor {
  role: Role;
  /** The delegation's code for role delegation, else null. */
  delegation: string | null;
  /** The display name recorded in the activity. */
  name: string;
}

/** What a decision needs from outside the document: the time, and fresh ids (injected so tests are exact). */
export interface DecideEnv {
  /** ISO 8601. */
  now: string;
  /** A new random id with this prefix ("p" paragraph, "b" bracket, "g" group). */
  newId(prefix: string): string;
  /** What one delegation may hold in proposals; the defaults when absent. */
  proposalQuota?: ProposalQuota;
}

/** Why a command was refused: `forbidden` (the role may not), `conflict` (the text changed meanwhile), `invalid` (it names nothing real). */
export type RefusalKind = 'forbidden' | 'conflict' | 'invalid';

/** A refused command. */
export interface Refusal {
  ok: false;
  kind: RefusalKind;
  reason: string;
}

/** What a change records in the activity. */
export interface ChangeRecord {
  paragraphId: string | null;
  /** A sentence: "bracketed “safe, orderly” for EU, G77". */
  summary: string;
  /** The paragraph's plain text before and after, when the change rewrites it. */
  before?: string;
  after?: string;
}

/** An accepted command: the change to make, what to record, and what to answer the sender. */
export interface Accepted {
  ok: true;
  /** Makes the change; the server calls it once, inside one transaction, on the document decide saw. */
  apply(doc: Y.Doc): void;
  record: ChangeRecord;
  /** Ids the change creates, for the sender ("paragraphId", "bracketId"). */
  result: Record<string, string>;
}

/** The answer of decide. */
export type Decision = Accepted | Refusal;

/** A refusal of `kind` with `reason`. */
export function refuse(kind: RefusalKind, reason: string): Refusal {
  return { ok: false, kind, reason };
}

/** An accepted change. */
export function accept(apply: (doc: Y.Doc) => void, record: ChangeRecord, result: Record<string, string> = {}): Accepted {
  return { ok: true, apply, record, result };
}
