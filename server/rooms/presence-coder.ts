/**
 * Awareness updates for the relay, encoded from each person's state as it arrived rather than anew per
 * batch. y-protocols encodes an update by turning every state it holds back into JSON; a room that greets
 * each joiner with everyone's presence while carets move would do that for 500 states per joiner. Here a
 * published state's bytes (already stamped and encoded, one entry) are kept under its clock, and an update
 * is those bytes laid end to end. A state the server changed itself (a person leaving, a timeout) has a clock
 * no kept entry matches, and is encoded the way y-protocols does.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';

interface KeptEntry {
  clock: number;
  /** clientID, clock and state as one awareness update entry (without the update's count). */
  bytes: Uint8Array;
}

/** Encodes awareness updates of a room's awareness, reusing the bytes each state was published in. */
export class PresenceCoder {
  private readonly kept = new Map<number, KeptEntry>();

  /** Codes `awareness`'s states; forgets a person's bytes once their state is removed. */
  constructor(private readonly awareness: awarenessProtocol.Awareness) {
    awareness.on('change', ({ removed }: { removed: number[] }) => {
      for (const clientId of removed) this.kept.delete(clientId);
    });
  }

  /**
   * Applies a stamped one-entry awareness update (y-protocols' rules: an older or equal clock changes
   * nothing) and keeps its bytes when it was applied.
   */
  apply(update: Uint8Array, origin: unknown): void {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const start = decoder.pos;
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const metaBefore = this.awareness.meta.get(clientId);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin);
    // y-protocols writes a new meta record exactly when it applies an entry.
    const applied = this.awareness.meta.get(clientId) !== metaBefore;
    if (count === 1 && applied && this.awareness.states.has(clientId)) this.kept.set(clientId, { clock, bytes: update.subarray(start) });
  }

  /** An awareness update of these clients' current states, as y-protocols' encodeAwarenessUpdate would make it. */
  encode(clientIds: readonly number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, clientIds.length);
    for (const clientId of clientIds) {
      const clock = this.awareness.meta.get(clientId)?.clock ?? 0;
      const kept = this.kept.get(clientId);
      if (kept && kept.clock === clock) {
        encoding.writeUint8Array(encoder, kept.bytes);
        continue;
      }
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, JSON.stringify(this.awareness.states.get(clientId) ?? null));
    }
    return encoding.toUint8Array(encoder);
  }
}
