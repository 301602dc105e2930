/**
 * Awareness updates from a client are filtered before anyone sees them. A client publishes only its own
 * state: y-websocket's provider also echoes the states it received from others, and those echoes (no
 * newer clock than the server knows) are dropped, while a newer state for someone else's id is a forgery.
 * The server stamps the authenticated identity as `user`, and only known fields pass.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ForbiddenError, InvalidInputError } from '../../shared/errors.ts';
import type { PresenceUser } from '../../shared/protocol/presence.ts';

const maxIdLength = 64;
const maxEntries = 256;

/** One entry of an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** What the filter needs to know of the room's awareness. */
export interface AwarenessView {
  /** The last clock the server has for a client id, or undefined when it never saw it. */
  clockOf(clientId: number): number | undefined;
  /** True when another live connection publishes under this id. */
  ownedByOther(clientId: number): boolean;
}

/** The result of filtering: the sender's own entry rewritten (or null when the update held only echoes). */
export interface FilteredAwareness {
  clientId: number;
  update: Uint8Array;
}

/** Decodes an awareness update; throws InvalidInputError when the bytes are malformed. */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) throw new Error(`${count} states in one message`);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('state is not an object');
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return entries;
  } catch (error) {
    throw new InvalidInputError(`Malformed awareness update: ${(error as Error).message}.`);
  }
}

/**
 * Keeps the sender's own entry (its bound id `ownId`, or the first new id when it has none yet), stamped
 * with `user`; drops echoes of others' states; throws ForbiddenError for a newer state under another's id.
 */
export function filterAwareness(entries: AwarenessEntry[], ownId: number | undefined, view: AwarenessView, user: PresenceUser): FilteredAwareness | null {
  let own: AwarenessEntry | null = null;
  for (const entry of entries) {
    const isEcho = (view.clockOf(entry.clientId) ?? -1) >= entry.clock;
    const mine = ownId === undefined ? own === null && !view.ownedByOther(entry.clientId) && !isEcho : entry.clientId === ownId;
    if (mine) own = entry;
    else if (!isEcho) throw new ForbiddenError(`presence for client ${entry.clientId}, which is not this connection's`);
  }
  if (!own) return null;
  return { clientId: own.clientId, update: encodeEntry(own, user) };
}

function encodeEntry(entry: AwarenessEntry, user: PresenceUser): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, entry.clientId);
  encoding.writeVarUint(encoder, entry.clock);
  encoding.writeVarString(encoder, JSON.stringify(entry.state === null ? null : sanitize(entry.state, user)));
  return encoding.toUint8Array(encoder);
}

function sanitize(state: Record<string, unknown>, user: PresenceUser): Record<string, unknown> {
  const clean: Record<string, unknown> = { user };
  clean.paragraphId = typeof state.paragraphId === 'string' && state.paragraphId.length <= maxIdLength ? state.paragraphId : null;
  clean.editing = state.editing === true;
  if (state.cursor === null || isCursor(state.cursor)) clean.cursor = state.cursor ?? null;
  return clean;
}

function isCursor(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { anchor, head } = value as { anchor?: unknown; head?: unknown };
  return typeof anchor === 'object' && anchor !== null && typeof head === 'object' && head !== null
    && JSON.stringify(value).length < 2048;
}
