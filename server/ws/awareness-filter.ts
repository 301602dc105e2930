/**
 * Awareness updates from a client are rewritten before anyone sees them: a client may only publish its own
 * state, the server stamps the authenticated identity as `user`, and only known fields pass.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ForbiddenError, InvalidInputError } from '../../shared/errors.ts';
import type { PresenceUser } from '../../shared/protocol/presence.ts';

const maxIdLength = 64;

/** One entry of an awareness update. */
interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * Returns the update rewritten with `user` stamped and unknown fields dropped. Every entry's client id must
 * be `ownClientId`; throws ForbiddenError when one is not, InvalidInputError when the bytes are malformed.
 */
export function stampAwarenessUpdate(update: Uint8Array, ownClientId: number, user: PresenceUser): Uint8Array {
  const entries = decodeEntries(update);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    if (entry.clientId !== ownClientId) {
      throw new ForbiddenError(`awareness for client ${entry.clientId}, which is not this connection's`);
    }
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state === null ? null : sanitize(entry.state, user)));
  }
  return encoding.toUint8Array(encoder);
}

/** The client ids an awareness update speaks for (malformed bytes throw InvalidInputError). */
export function awarenessClientIds(update: Uint8Array): number[] {
  return decodeEntries(update).map((entry) => entry.clientId);
}

function decodeEntries(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 16) throw new Error(`${count} states in one message`);
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

function sanitize(state: Record<string, unknown>, user: PresenceUser): Record<string, unknown> {
  const clean: Record<string, unknown> = { user };
  if (typeof state.paragraphId === 'string' && state.paragraphId.length <= maxIdLength) clean.paragraphId = state.paragraphId;
  else clean.paragraphId = null;
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
