/**
 * The one storage interface of the server. SQLite implements it now (sqlite-storage.ts); a PostgreSQL
 * implementation can follow without anything else naming a database. Every method may be async.
 */
import type { ActivityEntry } from '../../shared/protocol/activity.ts';
import type { InvitationInfo } from '../../shared/protocol/api.ts';

/** A negotiation's row: its id, its title at creation, when it was created (ISO 8601). */
export interface NegotiationRecord {
  id: string;
  title: string;
  createdAt: string;
}

/** What is stored of one document: the last snapshot (or null) and the updates appended after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Sequence number of the last update returned (0 when none): compact up to it. */
  lastSeq: number;
}

/** An invitation as stored: who a link lets in (`id` is the token's `jti`); the wire type without token and link. */
export type InvitationRecord = Omit<InvitationInfo, 'token' | 'url'>;

/** A change to the activity record, written in the same transaction as the update it describes. */
export type ActivityWrite =
  /** A new entry (its id is given by storage). */
  | { kind: 'add'; entry: Omit<ActivityEntry, 'id'> }
  /** A coalesced text edit that grew: the entry as it now reads (only its lastAt and after are stored). */
  | { kind: 'grow'; entry: ActivityEntry };

/** What an append stored: the update's sequence number and the activity entries as they now read. */
export interface Appended {
  seq: number;
  activity: ActivityEntry[];
}

/** Which activity entries to read: newest first, older than `before` (an entry id) when given. */
export interface ActivityQuery {
  paragraphId?: string;
  before?: number;
  limit: number;
}

/** Persistence for negotiations, their Yjs update logs and their invitations. */
export interface Storage {
  /** Stores a new negotiation with its initial document state as the first snapshot. */
  createNegotiation(record: NegotiationRecord, initialState: Uint8Array): Promise<void>;
  /** The negotiation's record, or undefined. */
  getNegotiation(id: string): Promise<NegotiationRecord | undefined>;
  /** Every negotiation, newest first. */
  listNegotiations(): Promise<NegotiationRecord[]>;
  /** The snapshot and the updates after it, in one read. Throws when the negotiation does not exist. */
  loadDocument(id: string): Promise<StoredDocument>;
  /** Appends one update and its activity writes durably, in one transaction (committed before it resolves). */
  appendUpdate(id: string, update: Uint8Array, activity?: readonly ActivityWrite[]): Promise<Appended>;
  /** Writes activity alone (a coalesced edit that grew), in one transaction; resolves to the entries as they now read. */
  recordActivity(id: string, activity: readonly ActivityWrite[]): Promise<ActivityEntry[]>;
  /** Activity entries of a negotiation, newest first. */
  listActivity(id: string, query: ActivityQuery): Promise<ActivityEntry[]>;
  /** Replaces the snapshot with `snapshot` and drops the updates up to `uptoSeq`, atomically. */
  compact(id: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /** Which invitation owns each Yjs client id that has written to the negotiation. */
  loadClientOwners(id: string): Promise<Map<number, string>>;
  /** Records that `invitationId` owns `clientId` in the negotiation (first claim wins; later ones are ignored). */
  saveClientOwner(id: string, clientId: number, invitationId: string): Promise<void>;
  /** Stores a new invitation. */
  createInvitation(invitation: InvitationRecord): Promise<void>;
  /** The invitation, or undefined. */
  getInvitation(id: string): Promise<InvitationRecord | undefined>;
  /** A negotiation's invitations, oldest first. */
  listInvitations(negotiationId: string): Promise<InvitationRecord[]>;
  /** Marks the invitation revoked at `at`; resolves false when it does not exist. */
  revokeInvitation(id: string, at: string): Promise<boolean>;
  /** Releases the database. */
  close(): Promise<void>;
}
