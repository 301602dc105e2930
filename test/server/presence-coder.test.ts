/**
 * The presence coder must produce, byte for byte, what y-protocols' encodeAwarenessUpdate makes of the same
 * awareness, whatever happened to it: states published (stamped by the server's filter, as a room gets them),
 * renewed, set to null, removed by the server (a person leaving, a timeout), updates that arrive late and are
 * not applied. PRESENCE_SEED=<n> replays a run; the seed is printed when it fails.
 */
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { stampEntry } from '../../server/ws/awareness-filter.ts';
import { PresenceCoder } from '../../server/rooms/presence-coder.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { Role, type PresenceUser } from '../../shared/protocol/presence.ts';

const seed = Number(process.env.PRESENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const user: PresenceUser = { name: 'EU', delegation: 'EU', color: '#335577', role: Role.delegation };

/** A stamped one-entry update of `state` under `clientId` at `clock`, as the server's filter makes it. */
function published(clientId: number, clock: number, state: object | null): Uint8Array {
  const stamped = stampEntry({ clientId, clock, stateBytes: new TextEncoder().encode(JSON.stringify(state)) }, user);
  if (!stamped) throw new Error('the test state is over the presence limit');
  return stamped.update;
}

function room(): { awareness: awarenessProtocol.Awareness; coder: PresenceCoder; apply(update: Uint8Array): void } {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const coder = new PresenceCoder(awareness);
  return {
    awareness,
    coder,
    apply: (update) => coder.apply(update, 'peer'),
  };
}

describe(`presence coder (PRESENCE_SEED=${seed})`, () => {
  it('encodes the published states from their bytes, and what the server changed itself anew', () => {
    const { awareness, coder, apply } = room();
    apply(published(11, 1, { cursor: null }));
    apply(published(12, 4, { cursor: null }));
    awarenessProtocol.removeAwarenessStates(awareness, [12], 'left');
    const ids = [11, 12];
    expect(coder.encode(ids)).toEqual(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
    // A late update (an older clock) is not applied and must not stand for the state.
    apply(published(11, 0, { cursor: null, paragraphId: 'p-late' }));
    expect(coder.encode(ids)).toEqual(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
    // Two updates under one clock (both judged before either was applied): the second is not applied, and must not stand for the state.
    apply(published(11, 2, { cursor: null, paragraphId: 'p-first' }));
    apply(published(11, 2, { cursor: null, paragraphId: 'p-second' }));
    expect(awareness.states.get(11)).toMatchObject({ paragraphId: 'p-first' });
    expect(coder.encode(ids)).toEqual(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
    awareness.destroy();
  });

  it('matches y-protocols after any sequence of publishes, renewals, removals, late and same-clock updates', () => {
    const rng = new Rng(seed);
    try {
      for (let round = 0; round < 20; round++) {
        const { awareness, coder, apply } = room();
        const clocks = new Map<number, number>();
        for (let step = 0; step < 200; step++) {
          const clientId = rng.int(1, 12);
          const clock = clocks.get(clientId) ?? 0;
          const action = rng.weighted([
            [5, 'publish'],
            [2, 'renew'],
            [1, 'null'],
            [1, 'remove'],
            [1, 'late'],
          ] as const);
          if (action === 'remove') {
            if (awareness.states.has(clientId)) awarenessProtocol.removeAwarenessStates(awareness, [clientId], 'left');
            clocks.set(clientId, awareness.meta.get(clientId)?.clock ?? clock);
            continue;
          }
          const state = action === 'null' ? null : { paragraphId: `p-${rng.int(1, 5)}`, cursor: null };
          const current = awareness.meta.get(clientId)?.clock ?? clock;
          const next = action === 'late' ? Math.max(0, current - rng.int(0, 1)) : current + 1;
          apply(published(clientId, next, state));
          if (action !== 'late') clocks.set(clientId, next);
          const ids = [...awareness.meta.keys()].filter(() => rng.chance(0.7));
          expect(coder.encode(ids)).toEqual(awarenessProtocol.encodeAwarenessUpdate(awareness, ids));
        }
        awareness.destroy();
      }
    } catch (error) {
      console.log(`presence coder differs from y-protocols: PRESENCE_SEED=${seed}`);
      throw error;
    }
  });
});
