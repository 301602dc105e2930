/**
 * Presence as the page shows it: only well-formed identities, self first, people grouped by paragraph,
 * and arrays that keep their identity while nothing about them changes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PresenceStore } from '../../client/sync/presence-store.ts';
import type { PresenceUser } from '../../shared/protocol/presence.ts';

const me: PresenceUser = { name: 'Facilitator', role: 'facilitator', delegation: null, color: '#1f6feb' };
const kenya: PresenceUser = { name: 'Kenya', role: 'delegation', delegation: 'KEN', color: '#0a7d4f' };

/** Copies `from`'s local state into `to`, as the server relays it. */
function relay(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [from.clientID]), 'server');
}

describe('PresenceStore', () => {
  const local = new Awareness(new Y.Doc());
  const remote = new Awareness(new Y.Doc());
  const store = new PresenceStore(local);
  store.setUser(me);

  it('lists this person first, then the others, with where they are', () => {
    remote.setLocalState({ user: kenya, paragraphId: 'p1', editing: true });
    relay(remote, local);
    store.setLocation('p2', false);
    expect(store.getPeers().map((peer) => [peer.user.name, peer.isSelf, peer.paragraphId, peer.editing])).toEqual([
      ['Facilitator', true, 'p2', false],
      ['Kenya', false, 'p1', true],
    ]);
  });

  it('groups others by paragraph (self excluded) and keeps arrays stable while nothing changes', () => {
    const onP1 = store.forParagraph('p1');
    expect(onP1.map((peer) => peer.user.name)).toEqual(['Kenya']);
    expect(store.forParagraph('p2')).toEqual([]);
    store.setLocation('p3', false);
    expect(store.forParagraph('p1')).toBe(onP1);
    remote.setLocalStateField('paragraphId', 'p4');
    relay(remote, local);
    expect(store.forParagraph('p1')).toEqual([]);
    expect(store.forParagraph('p4').map((peer) => peer.user.name)).toEqual(['Kenya']);
  });

  it('leaves out states without a valid identity and neutralizes bad colours', () => {
    const stranger = new Awareness(new Y.Doc());
    stranger.setLocalState({ user: { name: '', role: 'facilitator' }, paragraphId: 'p1', editing: true });
    relay(stranger, local);
    const odd = new Awareness(new Y.Doc());
    odd.setLocalState({ user: { name: 'Odd', role: 'observer', delegation: null, color: 'red; x' }, paragraphId: null, editing: false });
    relay(odd, local);
    const names = store.getPeers().map((peer) => peer.user.name);
    expect(names).not.toContain('');
    expect(store.getPeers().find((peer) => peer.user.name === 'Odd')?.user.color).toBe('#6b7280');
  });
});
