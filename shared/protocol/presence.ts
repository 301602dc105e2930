/**
 * What each connection publishes in Yjs awareness. The server overwrites `user` with the identity it
 * authenticated; clients only choose `paragraphId` and `editing` (and the caret's `cursor`). What is well
 * formed is decided in one place, shared/protocol/presence-state.ts.
 */

/** Roles a person can hold in a negotiation. */
export const Role = { facilitator: 'facilitator', delegation: 'delegation', observer: 'observer' } as const;

/** One of the values of Role. */
export type Role = (typeof Role)[keyof typeof Role];

/** True when `value` is a role. */
export function isRole(value: unknown): value is Role {
  return Object.values(Role).includes(value as Role);
}

/** The authenticated identity shown in presence and on carets. */
export interface PresenceUser {
  /** What others see: "Facilitator", "Kenya", "Observer". */
  name: string;
  role: Role;
  /** The delegation's code for role delegation ("KEN", "G77"), else null. */
  delegation: string | null;
  /** Caret and badge colour, derived from the identity. */
  color: string;
}

/** A Yjs item id as JSON: the writing client and its clock (non-negative safe integers). */
export interface YjsId {
  client: number;
  clock: number;
}

/** A Yjs RelativePosition as JSON (Y.createRelativePositionFromJSON); at least one of type, tname, item is set. */
export interface RelativePositionJson {
  type: YjsId | null;
  tname: string | null;
  item: YjsId | null;
  assoc: number;
}

/** A caret (the collaboration caret's `cursor` field): where the selection starts and where it ends. */
export interface CaretRange {
  anchor: RelativePositionJson;
  head: RelativePositionJson;
}

/** The fields of a presence state that the client chooses (see shared/protocol/presence-state.ts). */
export interface PresenceFields {
  /** The paragraph this person is looking at or editing, or null. */
  paragraphId: string | null;
  /** True while their caret is in that paragraph's editor. */
  editing: boolean;
  /** Their caret in that paragraph's editor, or null. */
  cursor: CaretRange | null;
}

/** A connection's awareness state: the fields it chose and the identity the server stamped. */
export interface PresenceState extends PresenceFields {
  user: PresenceUser;
}

