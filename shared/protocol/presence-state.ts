/**
 * The one validation of presence (Yjs awareness) states, used by the server before it relays a state and by
 * the page before its caret plugin and presence list read one. A state is untrusted JSON: each field is kept
 * only when it is well formed (typed ids, bounded sizes, caret positions that Yjs can decode without
 * throwing) and a bad field is dropped, never the whole connection. Pure: no Node, no DOM.
 */
import { DocRoot } from '../model/negotiation-doc.ts';
import { isRole, type CaretRange, type PresenceFields, type PresenceState, type PresenceUser, type RelativePositionJson, type YjsId } from './presence.ts';

/**
 * The location fields with the proposal this person is typing in: `proposalId` is present only when well
 * formed and named together with the paragraph it is shown under (absent, not null, so a state without
 * it reads exactly as before).
 */
export interface PresenceLocation extends PresenceFields {
  /** The proposal whose text editor holds their caret (under paragraph `paragraphId`). */
  proposalId?: string;
}

/** Bounds of a presence state. */
export const presenceLimits = {
  /** Bytes of one state's JSON text; an honest state is a few hundred bytes. Longer ones are not parsed. */
  maxStateBytes: 4096,
  /** Characters of a paragraph id. */
  maxIdLength: 64,
  /** Characters of a shown name: a delegation's name (120) with an invitation's label (80) fits. */
  maxNameLength: 256,
} as const;

/** The colour shown for a user whose colour is not a 6-digit hex colour. */
export const neutralColor = '#6b7280';

const idPattern = /^[A-Za-z0-9_-]+$/;
const codePattern = /^[A-Z0-9][A-Z0-9-]{1,15}$/;
const colorPattern = /^#[0-9a-fA-F]{6}$/;
// A caret may name a root type only when every page already has it: Y.Doc.get creates a root it lacks.
const rootNames: ReadonlySet<string> = new Set(Object.values(DocRoot));

/** The fields a client chooses, each well formed or replaced by its empty value (null, false; a bad `proposalId` is left out). */
export function readPresenceFields(state: Record<string, unknown>): PresenceLocation {
  const paragraphId = readId(state.paragraphId);
  const fields: PresenceLocation = { paragraphId, editing: state.editing === true, cursor: readCaret(state.cursor) };
  const proposalId = readId(state.proposalId);
  // A proposal is shown under a paragraph: without one, "where" would name nothing on anyone's page.
  if (proposalId !== null && paragraphId !== null) fields.proposalId = proposalId;
  return fields;
}

/** The user of a state as a page may show it, or null without a non-empty name and a role; a bad colour is neutral. */
export function readPresenceUser(value: unknown): PresenceUser | null {
  if (!isRecord(value)) return null;
  const { name, role, delegation, color } = value;
  if (typeof name !== 'string' || name === '' || name.length > presenceLimits.maxNameLength || !isRole(role)) return null;
  return {
    name,
    role,
    delegation: typeof delegation === 'string' && codePattern.test(delegation) ? delegation : null,
    color: typeof color === 'string' && colorPattern.test(color) ? color : neutralColor,
  };
}

/** A whole received state as the page may use it (a fresh object), or null when it has no valid user. */
export function readPresenceState(state: unknown): (PresenceState & PresenceLocation) | null {
  if (!isRecord(state)) return null;
  const user = readPresenceUser(state.user);
  return user ? { user, ...readPresenceFields(state) } : null;
}

/** A caret `{ anchor, head }` of two decodable relative positions, or null. */
export function readCaret(value: unknown): CaretRange | null {
  if (!isRecord(value)) return null;
  const anchor = readRelativePosition(value.anchor);
  const head = readRelativePosition(value.head);
  return anchor && head ? { anchor, head } : null;
}

/**
 * A Yjs RelativePosition as JSON that Y.createAbsolutePositionFromRelativePosition decodes without throwing
 * (ids of non-negative safe integers, at least one of item, type or tname, an integer assoc), or null.
 */
export function readRelativePosition(value: unknown): RelativePositionJson | null {
  if (!isRecord(value)) return null;
  const type = readOptional(value.type, readYjsId);
  const item = readOptional(value.item, readYjsId);
  const tname = readOptional(value.tname, (name) => (typeof name === 'string' && rootNames.has(name) ? name : undefined));
  const assoc = value.assoc ?? 0;
  if (type === undefined || item === undefined || tname === undefined) return null;
  if (typeof assoc !== 'number' || !Number.isSafeInteger(assoc)) return null;
  if (type === null && item === null && tname === null) return null;
  return { type, tname, item, assoc };
}

function readYjsId(value: unknown): YjsId | undefined {
  if (!isRecord(value)) return undefined;
  const { client, clock } = value;
  return isCount(client) && isCount(clock) ? { client, clock } : undefined;
}

/** null or absent is null; a present value is read by `read` (undefined: malformed). */
function readOptional<T>(value: unknown, read: (value: unknown) => T | undefined): T | null | undefined {
  return value === null || value === undefined ? null : read(value);
}

function readId(value: unknown): string | null {
  return typeof value === 'string' && value.length <= presenceLimits.maxIdLength && idPattern.test(value) ? value : null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
