/**
 * The relay's batching for a crowd (issue 7), on the Relay itself with fake timers: presence alone waits for
 * the longer presence spacing, an edit brings the batch forward and goes first, and everyone's presence is
 * encoded once for all joiners until a batch changes it.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultBatchMs, presenceBatchMs, Relay, type Outgoing, type RelayRecipient } from '../../server/rooms/relay.ts';

function recipient(): RelayRecipient & { batches: Outgoing[] } {
  const batches: Outgoing[] = [];
  return { batches, deliver: (batch) => batches.push(batch) };
}

/** A room's awareness with `count` people present, and a relay over it to `recipients`. */
function setup(count: number, recipients: RelayRecipient[]) {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  const relay = new Relay(awareness, () => recipients);
  awareness.on('change', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => relay.queuePresence([...added, ...updated, ...removed]));
  const people = Array.from({ length: count }, (_, i) => {
    const person = new awarenessProtocol.Awareness(new Y.Doc());
    person.setLocalState({ name: `person ${i}` });
    return person;
  });
  const publish = (person: awarenessProtocol.Awareness) =>
    awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(person, [person.clientID]), 'test');
  return { doc, awareness, relay, people, publish };
}

/** The client ids whose states an awareness update carries. */
function idsIn(update: Uint8Array | null): number[] {
  if (!update) return [];
  const target = new awarenessProtocol.Awareness(new Y.Doc());
  target.setLocalState(null);
  awarenessProtocol.applyAwarenessUpdate(target, update, 'test');
  return [...target.getStates().keys()].sort((a, b) => a - b);
}

describe('the relay under a crowd', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends presence alone at once to an idle room, then gathers a crowd joining into one batch per presence spacing', () => {
    const watcher = recipient();
    const { relay, people, publish } = setup(30, [watcher]);
    publish(people[0] as awarenessProtocol.Awareness);
    vi.advanceTimersByTime(1);
    expect(watcher.batches).toHaveLength(1);
    for (const person of people.slice(1)) {
      publish(person);
      vi.advanceTimersByTime(2);
    }
    vi.advanceTimersByTime(presenceBatchMs);
    // 29 joiners within 58 ms after a batch: one more batch, not one per joiner (nor one per relay batch time).
    expect(watcher.batches).toHaveLength(2);
    expect(idsIn(watcher.batches[1]?.awareness ?? null)).toEqual(people.slice(1).map((p) => p.clientID).sort((a, b) => a - b));
    relay.destroy();
  });

  it('brings a waiting presence batch forward for an edit, and sends the edit first in it', () => {
    const watcher = recipient();
    const { relay, people, publish } = setup(2, [watcher]);
    publish(people[0] as awarenessProtocol.Awareness);
    vi.advanceTimersByTime(1);
    publish(people[1] as awarenessProtocol.Awareness);
    vi.advanceTimersByTime(5);
    const writer = new Y.Doc();
    let update: Uint8Array | null = null;
    writer.on('update', (u: Uint8Array) => (update = u));
    writer.getText('t').insert(0, 'x');
    relay.queueUpdate(update as unknown as Uint8Array, 'someone else');
    vi.advanceTimersByTime(defaultBatchMs);
    expect(watcher.batches).toHaveLength(2);
    const batch = watcher.batches[1] as Outgoing;
    expect(batch.update).toBe(update);
    expect(idsIn(batch.awareness)).toEqual([people[1]?.clientID]);
    relay.destroy();
  });

  it('encodes everyone\'s presence once for all joiners, until a batch changes presence', () => {
    const { relay, people, publish } = setup(3, []);
    expect(relay.presenceOfEveryone()).toBeNull();
    publish(people[0] as awarenessProtocol.Awareness);
    publish(people[1] as awarenessProtocol.Awareness);
    const first = relay.presenceOfEveryone();
    expect(relay.presenceOfEveryone()).toBe(first);
    expect(idsIn(first)).toEqual([people[0]?.clientID, people[1]?.clientID].sort((a, b) => (a as number) - (b as number)));
    // A change joins the next batch (which every joiner so far receives); once it is sent, the next joiner gets it encoded.
    publish(people[2] as awarenessProtocol.Awareness);
    expect(relay.presenceOfEveryone()).toBe(first);
    vi.advanceTimersByTime(presenceBatchMs);
    const second = relay.presenceOfEveryone();
    expect(second).not.toBe(first);
    expect(idsIn(second)).toEqual(people.map((p) => p.clientID).sort((a, b) => a - b));
    relay.destroy();
  });
});
