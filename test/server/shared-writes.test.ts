/**
 * Client updates that follow each other in a room's queue share one write (server/rooms/room.ts): each is
 * still judged on its own against the document as the ones before it left it, a refused one changes nothing
 * and stops its sender's later ones, nothing is relayed that is not stored, and the activity record is the
 * same as if each had been written alone. Real Connections over recording sockets, a real Room, real SQLite.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, MetaField } from '../../shared/model/negotiation-doc.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { Identity } from '../../server/auth/identity.ts';
import { Room } from '../../server/rooms/room.ts';
import { Connection } from '../../server/ws/connection.ts';
import { decodeClientMessage, encodeUpdate } from '../../server/ws/messages.ts';
import { recordingSocket, testConnectionLimits } from '../helpers/recording-socket.ts';
import { captureUpdate } from '../helpers/raw-client.ts';
import { paragraphTexts, person, settled, threeParagraphRoom, typeInto } from '../helpers/room-text.ts';
import { storedDocument } from '../helpers/stored-state.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const room = () => threeParagraphRoom(cleanups);

/** A person's page: a connection attached to the room, the page's own copy of the text, and what its socket was given. */
function page(target: Room, initial: Uint8Array, identity: Identity) {
  const { socket, sent, closes } = recordingSocket();
  const connection = new Connection(identity, socket, testConnectionLimits, () => undefined);
  connection.attach(target);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  /** The update message for `change` made in the page's copy. */
  const edit = (change: (d: Y.Doc) => void): Uint8Array => encodeUpdate(captureUpdate(doc, change));
  /** The document updates the socket was given. */
  const relayed = () => sent.flatMap((bytes) => {
    const message = decodeClientMessage(bytes);
    return message.type === 'update' || message.type === 'sync-step-2' ? [message.update] : [];
  });
  return { connection, doc, edit, closes, relayed };
}

describe('updates that follow each other in the queue', () => {
  it('are stored in one write, each relayed to everyone else after it', async () => {
    const r = await room();
    const ana = page(r.room, r.initial, person('i1', 'Ana'));
    const ben = page(r.room, r.initial, person('i2', 'Ben'));
    const watcher = page(r.room, r.initial, person('i3', 'Observer', Role.observer));
    const messages: Array<[ReturnType<typeof page>, Uint8Array]> = [];
    for (let i = 0; i < 10; i++) {
      messages.push([ana, ana.edit(typeInto(0, 'a'))]);
      messages.push([ben, ben.edit(typeInto(1, 'b'))]);
    }
    for (const [from, bytes] of messages) from.connection.receive(bytes);
    await settled(r.room);
    const stored = await storedDocument(r.storage, 'n1');
    expect(stored.logLength).toBe(1);
    expect(paragraphTexts(stored.doc)).toEqual(['We meet to agree.aaaaaaaaaa', 'We commit to sharing data.bbbbbbbbbb', 'We will report on progress.']);
    // What each page was sent, applied to the text it started from, is what storage holds.
    for (const viewer of [ana, ben, watcher]) {
      for (const update of viewer.relayed()) Y.applyUpdate(viewer.doc, update);
      expect(paragraphTexts(viewer.doc)).toEqual(paragraphTexts(stored.doc));
    }
    expect([ana.closes, ben.closes, watcher.closes]).toEqual([[], [], []]);
  });

  it('judges each against the ones before it: a refused update changes nothing and drops its sender\'s later ones, not the others\'', async () => {
    const r = await room();
    const ana = page(r.room, r.initial, person('i1', 'Ana'));
    const ben = page(r.room, r.initial, person('i2', 'Ben'));
    const watcher = page(r.room, r.initial, person('i3', 'Observer', Role.observer));
    ana.connection.receive(ana.edit(typeInto(0, ' one')));
    ben.connection.receive(ben.edit(typeInto(1, ' first')));
    // The title block may only change by command: a raw write to it is refused, even from a facilitator.
    ben.connection.receive(ben.edit((d) => getMeta(d).set(MetaField.titleBlock, ['Forged'])));
    ana.connection.receive(ana.edit(typeInto(0, ' two')));
    ben.connection.receive(ben.edit(typeInto(1, ' after')));
    await settled(r.room);
    expect(ben.closes).toEqual([{ code: CloseCode.forbidden, reason: expect.stringMatching(/title/i) }]);
    expect(ana.closes).toEqual([]);
    const stored = await storedDocument(r.storage, 'n1');
    expect(stored.logLength).toBe(1);
    expect(getMeta(stored.doc).get(MetaField.titleBlock)).toEqual(['Zero draft']);
    expect(paragraphTexts(stored.doc)).toEqual(['We meet to agree. one two', 'We commit to sharing data. first', 'We will report on progress.']);
    for (const update of watcher.relayed()) Y.applyUpdate(watcher.doc, update);
    expect(paragraphTexts(watcher.doc)).toEqual(paragraphTexts(stored.doc));
    expect(getMeta(watcher.doc).get(MetaField.titleBlock)).toEqual(['Zero draft']);
    // The room keeps serving: Ana's next edit is stored as usual.
    ana.connection.receive(ana.edit(typeInto(2, ' three')));
    await settled(r.room);
    expect(paragraphTexts((await storedDocument(r.storage, 'n1')).doc)[2]).toBe('We will report on progress. three');
  });

  it('keep the activity record one entry per person per stretch of typing, as if written one by one', async () => {
    const r = await room();
    const ana = page(r.room, r.initial, person('i1', 'Ana'));
    const ben = page(r.room, r.initial, person('i2', 'Ben'));
    for (const [who, other, text] of [[ana, ben, 'a1'], [ana, ben, 'a2'], [ben, ana, 'b1'], [ana, ben, 'a3']] as const) {
      // Each types having seen the other's words, as people taking turns do.
      Y.applyUpdate(who.doc, Y.encodeStateAsUpdate(other.doc));
      who.connection.receive(who.edit(typeInto(0, ` ${text}`)));
    }
    await settled(r.room);
    const textNow = async () => paragraphTexts((await storedDocument(r.storage, 'n1')).doc)[0];
    const entries = await r.storage.listActivity('n1', { limit: 10 });
    expect(entries.map((entry) => [entry.actor.name, entry.after])).toEqual([
      ['Ana', 'We meet to agree. a1 a2 b1 a3'],
      ['Ben', 'We meet to agree. a1 a2 b1'],
      ['Ana', 'We meet to agree. a1 a2'],
    ]);
    // Ana typing on in a later write grows her open entry; when Ben then types there, what it grew to is
    // stored with his new entry (not left for the timer, pushIntervalMs away).
    ana.connection.receive(ana.edit(typeInto(0, ' a4')));
    await settled(r.room);
    Y.applyUpdate(ben.doc, Y.encodeStateAsUpdate(ana.doc));
    ben.connection.receive(ben.edit(typeInto(0, ' b2')));
    await settled(r.room);
    expect(await textNow()).toBe('We meet to agree. a1 a2 b1 a3 a4 b2');
    const after = await r.storage.listActivity('n1', { limit: 10 });
    expect(after.map((entry) => [entry.actor.name, entry.after])).toEqual([
      ['Ben', 'We meet to agree. a1 a2 b1 a3 a4 b2'],
      ['Ana', 'We meet to agree. a1 a2 b1 a3 a4'],
      ['Ben', 'We meet to agree. a1 a2 b1'],
      ['Ana', 'We meet to agree. a1 a2'],
    ]);
  });

  it('once storage fails, close everyone with 1011 and settle every update, those handed to the room later too', async () => {
    const r = await room();
    const ana = page(r.room, r.initial, person('i1', 'Ana'));
    const watcher = page(r.room, r.initial, person('i3', 'Observer', Role.observer));
    // A real failure: the database is closed under the room.
    await r.storage.close();
    ana.connection.receive(ana.edit(typeInto(0, ' lost')));
    await expect.poll(() => r.room.isFailed).toBe(true);
    expect(ana.closes).toEqual([{ code: CloseCode.serverError, reason: expect.any(String) }]);
    expect(watcher.closes).toEqual([{ code: CloseCode.serverError, reason: expect.any(String) }]);
    expect(watcher.relayed()).toEqual([]);
    // A page that arrives before the registry drops the room is sent away to reconnect.
    const late = page(r.room, r.initial, person('i2', 'Ben'));
    expect(late.closes).toEqual([{ code: CloseCode.serverError, reason: expect.any(String) }]);
    const settles = (promise: Promise<boolean>) =>
      Promise.race([promise.then(() => 'resolved', () => 'rejected'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 1000))]);
    for (let i = 0; i < 3; i++) {
      expect(await settles(r.room.submitUpdate(late.connection, () => null))).toBe('rejected');
    }
  });
});
