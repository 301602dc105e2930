/**
 * The relay through a real server: per sender, an edit reaches everyone before the caret that follows it;
 * many writers in one tick converge and reach a late joiner; a crowd joining at once (paced a few per turn,
 * server/ws/join-pacer.ts) all sync while edits keep flowing; a reader that does not read delays nobody;
 * presence renewals that change nothing are not relayed one by one.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import {
  connectRaw,
  connectSynced,
  decodeAwarenessStates,
  encodeAwarenessStates,
  type RawClient,
  type ServerMessage,
} from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { eventually } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

async function room() {
  const { id } = await importDraft(server, smallDraft);
  const [facilitator, observer] = await Promise.all([invite(server, id, { role: Role.facilitator }), invite(server, id, { role: Role.observer })]);
  return { id, facilitator: facilitator.token, observer: observer.token };
}

async function raw(id: string, token: string): Promise<RawClient> {
  const client = await connectSynced(server, id, token);
  cleanups.push(() => client.close());
  return client;
}

function textOf(doc: Y.Doc, index = 1): Y.XmlText {
  return (getParagraphText(doc, readOrder(doc)[index] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The messages a client received after `from`, as 'update' or 'awareness:<clientId>…' labels. */
function labels(messages: ServerMessage[], from: number): string[] {
  return messages.slice(from).flatMap((message) => {
    if (message.type === 'update') return ['update'];
    if (message.type === 'awareness') return [`awareness:${decodeAwarenessStates(message.payload).map((entry) => entry.clientId).join(',')}`];
    return [];
  });
}

describe('the relay', () => {
  it('delivers each sender\'s edit before the caret sent right after it, for every writer', async () => {
    const r = await room();
    const watcher = await raw(r.id, r.observer);
    const writers = await Promise.all(Array.from({ length: 5 }, () => raw(r.id, r.facilitator)));
    const start = watcher.messages.length;
    for (const [i, writer] of writers.entries()) {
      writer.sendUpdate(writer.capture((d) => textOf(d).insert(0, `w${i} `)));
      writer.sendAwareness(encodeAwarenessStates([{ clientId: writer.doc.clientID, clock: 1, state: { paragraphId: readOrder(writer.doc)[1], editing: true } }]));
    }
    await eventually(() => writers.every((w) => textOf(watcher.doc).toString().includes(`w${writers.indexOf(w)} `)), 5000, 'every edit');
    await eventually(() => labels(watcher.messages, start).filter((l) => l.startsWith('awareness')).length > 0, 3000, 'the carets');
    const seen = labels(watcher.messages, start);
    for (const writer of writers) {
      const caret = seen.findIndex((label) => label.startsWith('awareness') && label.split(':')[1]?.split(',').includes(String(writer.doc.clientID)));
      expect(caret).toBeGreaterThan(0);
      // Some update at or before the caret carried this writer's edit: the watcher had it when the caret came.
      expect(seen.slice(0, caret).includes('update')).toBe(true);
    }
    for (const writer of writers) expect(writer.closeInfo()).toBeNull();
  });

  it('many writers in one tick converge, and a late joiner gets the same text', async () => {
    const r = await room();
    const watcher = await raw(r.id, r.observer);
    const writers = await Promise.all(Array.from({ length: 20 }, () => raw(r.id, r.facilitator)));
    const updates = writers.map((writer, i) => writer.capture((d) => textOf(d).insert(0, `[${i}]`)));
    writers.forEach((writer, i) => writer.sendUpdate(updates[i] as Uint8Array));
    await eventually(() => writers.every((_, i) => textOf(watcher.doc).toString().includes(`[${i}]`)), 5000, 'all twenty edits');
    const late = await raw(r.id, r.observer);
    expect(textOf(late.doc).toString()).toBe(textOf(watcher.doc).toString());
    // Each writer also converges on everyone else's edits.
    await eventually(() => writers.every((writer) => textOf(writer.doc).toString() === textOf(watcher.doc).toString()), 5000, 'the writers');
  });

  it('a crowd joining at once all sync, while a writer\'s edits keep reaching the present reader', async () => {
    const r = await room();
    const watcher = await raw(r.id, r.observer);
    const writer = await raw(r.id, r.facilitator);
    // Eighty people sharing two links: one link may be open in 50 places.
    const links = await Promise.all(Array.from({ length: 2 }, () => invite(server, r.id, { role: Role.observer })));
    const crowd = Array.from({ length: 80 }, (_, i) => raw(r.id, (links[i % 2] as { token: string }).token));
    for (let i = 0; i < 10; i++) writer.sendUpdate(writer.capture((d) => textOf(d).insert(0, `<${i}>`)));
    await eventually(() => textOf(watcher.doc).toString().startsWith('<9><8>'), 10_000, 'the edits sent while the crowd joined');
    const joined = await Promise.all(crowd);
    const text = textOf(watcher.doc).toString();
    await eventually(() => joined.every((client) => textOf(client.doc).toString() === text), 10_000, 'every joiner has the edits');
    expect(joined.every((client) => client.closeInfo() === null)).toBe(true);
  });

  it('sends everyone the formatting cleanup Yjs makes in the server\'s document, so those present and those who join later agree', async () => {
    const r = await room();
    const [a, b] = [await raw(r.id, r.facilitator), await raw(r.id, r.facilitator)];
    // Two people make the same words bold at once: applying the second, the server's Yjs deletes a format
    // marker it finds redundant, a change of the server's own.
    const fromA = a.capture((d) => textOf(d).format(0, 4, { bold: {} }));
    const fromB = b.capture((d) => textOf(d).format(0, 4, { bold: {} }));
    a.sendUpdate(fromA);
    await eventually(() => b.messages.some((m) => m.type === 'update'), 5000, 'the first bold relayed');
    b.sendUpdate(fromB);
    const late = await raw(r.id, r.observer);
    // The state a joiner gets: the server's answer to its sync step 1 (a shared full state, and what changed since).
    const joinedWith = late.messages.flatMap((m) => (m.type === 'sync-step-2' || m.type === 'update' ? [m.payload] : []));
    // Deletions, as the bytes carry them (a document applying them might clean up more on its own).
    const deletions = (updates: Uint8Array[]) => {
      const ids = new Set<string>();
      for (const update of updates) Y.decodeUpdate(update).ds.clients.forEach((ranges, client) => ranges.forEach(({ clock, len }) => {
        for (let i = 0; i < len; i++) ids.add(`${client}:${clock + i}`);
      }));
      return ids;
    };
    const serverHolds = deletions(joinedWith);
    expect(serverHolds.size).toBeGreaterThan(0);
    // Everything A sent and was sent holds every deletion the server's state does.
    await eventually(() => {
      const aHas = deletions([fromA, ...a.messages.flatMap((m) => (m.type === 'update' || m.type === 'sync-step-2' ? [m.payload] : []))]);
      return [...serverHolds].every((id) => aHas.has(id));
    }, 5000, 'the server\'s own deletions relayed to A');
  });

  it('a reader that stops reading delays nobody else', async () => {
    const r = await room();
    const stuck = connectRaw(server, r.id, r.observer);
    cleanups.push(() => stuck.ws.terminate());
    await stuck.opened;
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const watcher = await raw(r.id, r.observer);
    const writer = await raw(r.id, r.facilitator);
    for (let i = 0; i < 30; i++) {
      writer.sendUpdate(writer.capture((d) => textOf(d).insert(0, `${'x'.repeat(2000)}${i} `)));
      await eventually(() => textOf(watcher.doc).toString().includes(`${i} `), 2000, `edit ${i} at the watcher`);
    }
    expect(watcher.closeInfo()).toBeNull();
    expect(writer.closeInfo()).toBeNull();
  });

  it('presence renewals that change nothing are not relayed one by one', async () => {
    const r = await room();
    const watcher = await raw(r.id, r.observer);
    const people = await Promise.all(Array.from({ length: 10 }, () => raw(r.id, r.observer)));
    const state = (client: RawClient) => ({ paragraphId: readOrder(client.doc)[1], editing: false });
    people.forEach((person) => person.sendAwareness(encodeAwarenessStates([{ clientId: person.doc.clientID, clock: 1, state: state(person) }])));
    await eventually(() => people.every((p) => labels(watcher.messages, 0).some((l) => l.includes(String(p.doc.clientID)))), 3000, 'everyone present');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = watcher.messages.length;
    // Each page renews its state (same state, newer clock), as y-protocols does every 15 s.
    for (let clock = 2; clock < 6; clock++) {
      people.forEach((person) => person.sendAwareness(encodeAwarenessStates([{ clientId: person.doc.clientID, clock, state: state(person) }])));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(labels(watcher.messages, start)).toEqual([]);
    // A real change still goes out at once.
    const mover = people[0] as RawClient;
    mover.sendAwareness(encodeAwarenessStates([{ clientId: mover.doc.clientID, clock: 6, state: { ...state(mover), editing: true } }]));
    await eventually(() => labels(watcher.messages, start).includes(`awareness:${mover.doc.clientID}`), 3000, 'the change');
  });
});
