/**
 * The awareness as the caret plugin reads it (client/sync/presence-view.ts): only validated copies of
 * others' states, this page's own state as it is, and a peer whose state makes a renderer throw hidden
 * alone until it publishes a new state.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { presenceViewOf } from '../../client/sync/presence-view.ts';

const user = (name: string) => ({ name, role: 'facilitator', delegation: null, color: '#1f6feb' });
const anchor = { type: null, tname: null, item: { client: 1, clock: 0 }, assoc: 0 };

function peer(local: Awareness, state: Record<string, unknown>): Awareness {
  const remote = new Awareness(new Y.Doc());
  remote.setLocalState(state);
  applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'server');
  return remote;
}

function republish(local: Awareness, remote: Awareness, state: Record<string, unknown>): void {
  remote.setLocalState(state);
  applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'server');
}

describe('PresenceView', () => {
  it('yields validated copies of others\' states and this page\'s own state as it is', () => {
    const local = new Awareness(new Y.Doc());
    local.setLocalState({ cursor: null, anything: 1 });
    const view = presenceViewOf(local);
    expect(presenceViewOf(local)).toBe(view);
    const honest = peer(local, { user: user('Honest'), paragraphId: 'p1', editing: true, cursor: { anchor, head: anchor } });
    const poisoned = peer(local, { user: user('Poisoned'), cursor: { anchor: { item: { client: 'x', clock: 'y' } }, head: anchor } });
    const anonymous = peer(local, { cursor: { anchor, head: anchor } });
    const states = view.getStates();
    expect(states.get(local.clientID)).toEqual({ cursor: null, anything: 1 });
    expect(states.get(honest.clientID)).toEqual({ user: user('Honest'), paragraphId: 'p1', editing: true, cursor: { anchor, head: anchor } });
    expect(states.get(poisoned.clientID)).toMatchObject({ user: user('Poisoned'), cursor: null });
    expect(states.has(anonymous.clientID)).toBe(false);
    expect(view.states.get(honest.clientID)).not.toBe(local.getStates().get(honest.clientID));
  });

  it('hides only the peer whose state makes the renderer throw, until it publishes again', () => {
    const local = new Awareness(new Y.Doc());
    const view = presenceViewOf(local);
    const good = peer(local, { user: user('Good'), paragraphId: 'p1' });
    const bad = peer(local, { user: user('Bad'), paragraphId: 'p1' });
    // Like y-tiptap's caret plugin: every state but this page's own.
    const others = () => [...view.getStates()].filter(([clientId]) => clientId !== local.clientID).map(([, state]) => state);
    const render = () => others().map((state) => {
      const name = (state.user as { name: string }).name;
      if (name === 'Bad') throw new Error('cannot draw');
      return name;
    });
    expect(view.renderIsolated(render, () => ['fallback'])).toEqual(['Good']);
    expect(view.renderIsolated(render, () => ['fallback'])).toEqual(['Good']);
    republish(local, bad, { user: user('Fixed'), paragraphId: 'p1' });
    expect(view.renderIsolated(render, () => ['fallback']).sort()).toEqual(['Fixed', 'Good']);
    // A failure that is no peer's fault (it fails with nobody) hides nobody.
    expect(view.renderIsolated(() => { throw new Error('always'); }, () => ['fallback'])).toEqual(['fallback']);
    expect(view.getStates().has(good.clientID)).toBe(true);
  });
});
