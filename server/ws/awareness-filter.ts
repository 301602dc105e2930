/**
 * Awareness updates from a client are filtered before anyone sees them, and before any of their JSON is
 * parsed. A message is bounded in bytes and entries; its entries are read as (client id, clock, unparsed
 * bytes). A client publishes only its own state: y-websocket's provider also echoes the states it received
 * from others, and those echoes (no newer clock than the server knows) are skipped unparsed, while a newer
 * state for someone else's id is a forgery. Only the sender's own entry is parsed (at most 4 KB), its
 * well-formed fields kept (shared/protocol/presence-state.ts) and the authenticated identity stamped as `user`.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ForbiddenError, InvalidInputError, TooLargeError } from '../../shared/errors.ts';
import type { PresenceState, PresenceUser } from '../../shared/protocol/presence.ts';
import { presenceLimits, readPresenceFields } from '../../shared/protocol/presence-state.ts';

/** Bounds of one awareness message, checked before anything in it is parsed. */
export const awarenessLimits = {
  /** Bytes of one awareness update; an honest page sends one entry of a few hundred bytes. */
  maxMessageBytes: 64 * 1024,
  /** Entries in one update (a stock y-websocket client echoes the states that changed together). */
  maxEntries: 256,
} as const;

/** One entry of an awareness update, its state still the unparsed bytes of its JSON text. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  stateBytes: Uint8Array;
}

/** What the filter needs to know of the room's awareness. */
export interface AwarenessView {
  /** The last clock the server has for a client id, or undefined when it never saw it. */
  clockOf(clientId: number): number | undefined;
  /** True when this connection may not publish under the id (another invitation's). */
  ownedByOther(clientId: number): boolean;
}

/** The sender's own entry, stamped and re-encoded as a one-entry awareness update. */
export interface FilteredAwareness {
  clientId: number;
  update: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an update's entries without parsing any state: throws TooLargeError over maxMessageBytes and
 * InvalidInputError for malformed bytes or more than maxEntries entries. Costs O(entries), not O(bytes).
 */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  if (update.byteLength > awarenessLimits.maxMessageBytes) {
    throw new TooLargeError(`presence message over ${awarenessLimits.maxMessageBytes} bytes`);
  }
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > awarenessLimits.maxEntries) throw new Error(`${count} states in one message`);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, stateBytes: decoding.readVarUint8Array(decoder) });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return entries;
  } catch (error) {
    throw new InvalidInputError(`Malformed awareness update: ${(error as Error).message}.`);
  }
}

/**
 * The sender's own entry (its bound id `ownId`, or the first new id when it has none yet), judged by ids
 * and clocks alone; null when the update held only echoes. Throws ForbiddenError for a newer state under
 * an id that is not the sender's.
 */
export function pickOwnEntry(entries: readonly AwarenessEntry[], ownId: number | undefined, view: AwarenessView): AwarenessEntry | null {
  let own: AwarenessEntry | null = null;
  for (const entry of entries) {
    const isEcho = (view.clockOf(entry.clientId) ?? -1) >= entry.clock;
    const mine = ownId === undefined ? own === null && !view.ownedByOther(entry.clientId) && !isEcho : entry.clientId === ownId;
    if (mine) own = entry;
    else if (!isEcho) throw new ForbiddenError(`presence for client ${entry.clientId}, which is not this connection's`);
  }
  return own;
}

/**
 * Parses the sender's own entry and re-encodes it with only its well-formed fields and `user` stamped;
 * null (dropped unparsed) when its state is over presenceLimits.maxStateBytes. Throws InvalidInputError
 * when the state is not JSON of an object or null.
 */
export function stampEntry(entry: AwarenessEntry, user: PresenceUser): FilteredAwareness | null {
  if (entry.stateBytes.byteLength > presenceLimits.maxStateBytes) return null;
  let state: unknown;
  try {
    state = JSON.parse(utf8.decode(entry.stateBytes));
  } catch (error) {
    throw new InvalidInputError(`Malformed awareness update: ${(error as Error).message}.`);
  }
  if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
    throw new InvalidInputError('Malformed awareness update: a state is not an object.');
  }
  const clean: PresenceState | null = state === null ? null : { user, ...readPresenceFields(state as Record<string, unknown>) };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, entry.clientId);
  encoding.writeVarUint(encoder, entry.clock);
  encoding.writeVarString(encoder, JSON.stringify(clean));
  return { clientId: entry.clientId, update: encoding.toUint8Array(encoder) };
}
