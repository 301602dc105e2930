/**
 * The activity record: who did what, when, in which paragraph. Kept by the server in its database (never in
 * the shared document), paged over `GET /api/negotiations/:id/activity`, and pushed live to every open page
 * as a websocket message of its own type (activityMessageType) carrying one JSON ActivityPush.
 */
import type { Role } from './presence.ts';

/** The y-websocket message type of a live activity push (0-3 are y-protocols' own). */
export const activityMessageType = 10;

/** Who acted, as the server authenticated them (never as a client said). */
export interface ActivityActor {
  name: string;
  role: Role;
  delegation: string | null;
}

/** What an entry records: a command's type, or a text edit (coalesced per person per paragraph). */
export const textEditAction = 'edit-text';

/** One entry of the record. */
export interface ActivityEntry {
  /** Increasing within a negotiation: later entries have larger ids. */
  id: number;
  /** ISO 8601 of the first change the entry records. */
  at: string;
  /** ISO 8601 of the last change (a coalesced text edit grows while its person keeps typing). */
  lastAt: string;
  actor: ActivityActor;
  /** A command type ("set-status", "lift-bracket"...) or textEditAction. */
  action: string;
  /** The paragraph it concerns, or null for the whole text. */
  paragraphId: string | null;
  /** A sentence for people: "marked paragraph agreed ad ref (pending confirmation from capital)". */
  summary: string;
  /** The paragraph's plain text before and after, where the entry changed it; null otherwise. */
  before: string | null;
  after: string | null;
}

/** GET /api/negotiations/:id/activity answers this: entries newest first, and the `before` cursor of the next page or null. */
export interface ActivityPage {
  entries: ActivityEntry[];
  next: number | null;
}

/** A live push: entries added or grown, newest last. Text edits come without `before` and `after` (null): GET the paragraph's activity for them. */
export interface ActivityPush {
  entries: ActivityEntry[];
}
