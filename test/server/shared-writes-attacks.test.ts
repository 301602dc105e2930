/**
 * Attacks on shared writes (server/rooms/room.ts: client updates that follow each other in the queue share
 * one write), made by an independent review. Real Connections over checking sockets, a real Room, real
 * SQLite; a spy on the storage object keeps a copy of what was committed (and, in some tests, makes a write
 * slow or fail, as a full disk or a slow database would).
 *
 * Every socket checks, at the moment of each send, that any document update it is handed is already in the
 * committed copy (durable before relayed), and records what it saw for the caret-order checks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { getMeta, MetaField, readOrder } from '../../shared/model/negotiation-doc.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { Identity } from '../../server/auth/identity.ts';
import { defaultRoomPolicy, Room, type RoomPolicy } from '../../server/rooms/room.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { Connection, type SocketLike } from '../../server/ws/connection.ts';
import { decodeClientMessage, encodeAwarenessMessage, encodeSyncStep1, encodeUpdate } from '../../server/ws/messages.ts';
import { testConnectionLimits } from '../helpers/recording-socket.ts';
import { captureUpdate } from '../helpers/raw-client.ts';
import { paragraphTexts, person, settled, threeParagraphDoc, typeInto } from '../helpers/room-text.ts';
import { storedDocument } from '../helpers/stored-state.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Harness {
  room: Room;
  storage: Storage;
  initial: Uint8Array;
  /** The document as committed to storage (each successful appendUpdate applied in order). */
  committed: Y.Doc;
  /** Sends of document content that were not committed at the moment of sending. */
  violations: string[];
  /** Make the next appendUpdate calls throw (while true). */
  failAppend: { on: boolean };
  failOwner: { on: boolean };
  /** Delay (ms, real timer) each appendUpdate by this much. */
  slowAppend: { ms: number };
  appends: number;
}

async function harness(policy: Partial<RoomPolicy> = {}): Promise<Harness> {
  const storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'draftroom-zz-')), 'db.sqlite'));
  const doc = threeParagraphDoc();
  const initial = Y.encodeStateAsUpdate(doc);
  await storage.createNegotiation({ id: 'n1', title: 'Shared writes', createdAt: new Date().toISOString() }, initial);
  const committed = new Y.Doc();
  Y.applyUpdate(committed, initial);
  const h: Harness = {
    room: null as unknown as Room, storage, initial, committed, violations: [],
    failAppend: { on: false }, failOwner: { on: false }, slowAppend: { ms: 0 }, appends: 0,
  };
  const realAppend = storage.appendUpdate.bind(storage);
  storage.appendUpdate = async (id, update, activity) => {
    if (h.slowAppend.ms > 0) await new Promise((resolve) => setTimeout(resolve, h.slowAppend.ms));
    if (h.failAppend.on) throw new Error('disk full (test)');
    const result = await realAppend(id, update, activity);
    h.appends += 1;
    Y.applyUpdate(committed, update);
    return result;
  };
  const realOwner = storage.saveClientOwner.bind(storage);
  storage.saveClientOwner = async (id, clientId, invitationId) => {
    if (h.failOwner.on) throw new Error('owner write failed (test)');
    return realOwner(id, clientId, invitationId);
  };
  h.room = new Room('n1', doc, storage, 0, 0, { maxUpdates: 10_000 }, new Map(), { ...defaultRoomPolicy, ...policy });
  cleanups.push(async () => {
    h.room.close();
    await storage.close();
  });
  return h;
}

/** True when `update` holds nothing the committed document lacks (structs and deletions). */
function isCommitted(committed: Y.Doc, update: Uint8Array): boolean {
  const probe = new Y.Doc({ gc: false });
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(committed));
  const before = Y.snapshot(probe);
  Y.applyUpdate(probe, update);
  if (probe.store.pendingStructs || probe.store.pendingDs) return false;
  return Y.equalSnapshots(before, Y.snapshot(probe));
}

type Frame = { kind: 'update' | 'step2' | 'step1' | 'awareness' | 'other'; bytes: Uint8Array };

function page(h: Harness, identity: Identity, clientID?: number) {
  const frames: Frame[] = [];
  const closes: { code: number; reason: string }[] = [];
  const socket: SocketLike = {
    isOpen: true,
    send: (messages) => {
      for (const bytes of messages) {
        let frame: Frame;
        try {
          const message = decodeClientMessage(bytes);
          if (message.type === 'update' || message.type === 'sync-step-2') {
            if (!isCommitted(h.committed, message.update)) h.violations.push(`${identity.name} was sent an update not yet committed`);
            frame = { kind: message.type === 'update' ? 'update' : 'step2', bytes: message.update };
          } else if (message.type === 'awareness') frame = { kind: 'awareness', bytes: message.update };
          else if (message.type === 'sync-step-1') frame = { kind: 'step1', bytes: message.stateVector };
          else frame = { kind: 'other', bytes };
        } catch {
          frame = { kind: 'other', bytes };
        }
        frames.push(frame);
      }
    },
    close: (code, reason) => void closes.push({ code, reason }),
  };
  const connection = new Connection(identity, socket, testConnectionLimits, () => undefined);
  connection.attach(h.room);
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, h.initial);
  const awareness = new awarenessProtocol.Awareness(doc);
  const edit = (change: (d: Y.Doc) => void): Uint8Array => encodeUpdate(captureUpdate(doc, change));
  const caret = (paragraphIndex: number): Uint8Array => {
    awareness.setLocalState({ paragraphId: readOrder(doc)[paragraphIndex], editing: true, cursor: null });
    return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
  };
  /** What the page's view of the text was, frame by frame: the text of paragraph `index` when each awareness frame came. */
  const view = () => {
    const seen = new Y.Doc();
    Y.applyUpdate(seen, h.initial);
    const seenAwareness = new awarenessProtocol.Awareness(seen);
    const log: { kind: string; texts: string[]; states: Map<number, unknown> }[] = [];
    for (const frame of frames) {
      if (frame.kind === 'update' || frame.kind === 'step2') Y.applyUpdate(seen, frame.bytes);
      if (frame.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(seenAwareness, frame.bytes, 'server');
      log.push({ kind: frame.kind, texts: paragraphTexts(seen), states: new Map(seenAwareness.getStates()) });
    }
    return { seen, log };
  };
  return { connection, doc, edit, caret, closes, frames, view, identity };
}

/** Resolves to 'settled' / 'rejected' / 'hanging' after `ms`. */
function outcome(promise: Promise<unknown>, ms = 300): Promise<string> {
  return Promise.race([
    promise.then(() => 'resolved', () => 'rejected'),
    new Promise<string>((resolve) => setTimeout(() => resolve('hanging'), ms)),
  ]);
}

const forge = (d: Y.Doc) => getMeta(d).set(MetaField.titleBlock, ['Forged']);

describe('durable before relayed', () => {
  it('a sync-step-1 between updates is answered with what is stored, never with the update behind it', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const joiner = page(h, person('i3', 'Joiner', Role.observer));
    ana.connection.receive(ana.edit(typeInto(0, ' one')));
    joiner.connection.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    ana.connection.receive(ana.edit(typeInto(0, ' two')));
    joiner.connection.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await settled(h.room);
    expect(h.violations).toEqual([]);
    expect(h.appends).toBe(2);
    const { seen } = joiner.view();
    expect(paragraphTexts(seen)[0]).toBe('We meet to agree. one two');
  });

  it('with a slow disk, nothing applied but unstored reaches a joiner, a watcher or the relay', async () => {
    const h = await harness();
    h.slowAppend.ms = 40;
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 5; i++) {
        ana.connection.receive(ana.edit(typeInto(0, 'a')));
        ben.connection.receive(ben.edit(typeInto(1, 'b')));
      }
      ana.connection.receive(ana.caret(0));
      watcher.connection.receive(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await settled(h.room);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settled(h.room);
    expect(h.violations).toEqual([]);
    expect(paragraphTexts(h.committed)).toEqual(['We meet to agree.' + 'a'.repeat(25), 'We commit to sharing data.' + 'b'.repeat(25), 'We will report on progress.']);
    expect(paragraphTexts(watcher.view().seen)).toEqual(paragraphTexts(h.committed));
  });

  it('64+ updates in one burst: split at 64, everything stored, relayed state equals stored state', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    for (let i = 0; i < 70; i++) {
      ana.connection.receive(ana.edit(typeInto(0, 'a')));
      ben.connection.receive(ben.edit(typeInto(1, 'b')));
    }
    await settled(h.room);
    expect(h.violations).toEqual([]);
    expect(h.appends).toBe(3); // 140 updates -> 64 + 64 + 12
    await h.room.compact(); // store what open edits grew to (the timer would, pushIntervalMs later)
    const stored = await storedDocument(h.storage, 'n1');
    expect(paragraphTexts(stored.doc)).toEqual(['We meet to agree.' + 'a'.repeat(70), 'We commit to sharing data.' + 'b'.repeat(70), 'We will report on progress.']);
    expect(paragraphTexts(watcher.view().seen)).toEqual(paragraphTexts(stored.doc));
    const entries = await h.storage.listActivity('n1', { limit: 20 });
    expect(entries.map((e) => [e.actor.name, e.after])).toEqual([
      ['Ben', 'We commit to sharing data.' + 'b'.repeat(70)],
      ['Ana', 'We meet to agree.' + 'a'.repeat(70)],
    ]);
    expect([ana.closes, ben.closes, watcher.closes]).toEqual([[], [], []]);
  });
});

describe('a caret never overtakes its edit', () => {
  it('caret sent right after an update in the same turn, and during another batch', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    ben.connection.receive(ben.edit(typeInto(1, ' b1')));
    ana.connection.receive(ana.edit(typeInto(0, ' a1')));
    ana.connection.receive(ana.caret(0));
    ben.connection.receive(ben.edit(typeInto(1, ' b2')));
    await settled(h.room);
    const { log } = watcher.view();
    const firstCaret = log.find((entry) => entry.kind === 'awareness' && entry.states.has(ana.doc.clientID));
    expect(firstCaret).toBeDefined();
    expect(firstCaret?.texts[0]).toBe('We meet to agree. a1');
    expect(h.violations).toEqual([]);
  });
});

describe('permissions, limits and close codes inside one batch', () => {
  it('the same new client id claimed by two invitations in one batch: the second is refused (4403), nothing of it lands', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'), 777);
    const mallory = page(h, person('i2', 'Mallory'), 777); // forges Ana's client id
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    ana.connection.receive(ana.edit(typeInto(0, ' ana')));
    mallory.connection.receive(mallory.edit(typeInto(1, ' mallory')));
    ana.connection.receive(ana.edit(typeInto(0, ' again')));
    await settled(h.room);
    expect(mallory.closes.map((c) => c.code)).toEqual([CloseCode.forbidden]);
    expect(ana.closes).toEqual([]);
    const stored = await storedDocument(h.storage, 'n1');
    expect(paragraphTexts(stored.doc)).toEqual(['We meet to agree. ana again', 'We commit to sharing data.', 'We will report on progress.']);
    expect((await h.storage.loadClientOwners('n1')).get(777)).toBe('i1');
    expect(paragraphTexts(watcher.view().seen)).toEqual(paragraphTexts(stored.doc));
    expect(h.violations).toEqual([]);
  });

  it('a refused update after an allowed one: its own new client id is not claimed or stored; the earlier one is', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'), 111);
    const ana2 = page(h, person('i1', 'Ana'), 222); // a second page of the same link
    ana.connection.receive(ana.edit(typeInto(0, ' ok')));
    ana2.connection.receive(ana2.edit(forge)); // refused: title block by command only
    await settled(h.room);
    expect(ana2.closes.map((c) => c.code)).toEqual([CloseCode.forbidden]);
    const owners = await h.storage.loadClientOwners('n1');
    expect(owners.get(111)).toBe('i1');
    expect(owners.has(222)).toBe(false);
    // Another invitation may still write under 222: it was not claimed.
    const other = page(h, person('i2', 'Ben'));
    expect(h.room.mayUseClientId(other.connection, 222)).toBe(true);
  });

  it('client-id budget refused mid-batch: earlier updates stand, the refused one changes nothing, 4403', async () => {
    const h = await harness({ limits: { perConnection: 1, perInvitationPerHour: 1000 } });
    const ana = page(h, person('i1', 'Ana'), 501);
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    ana.connection.receive(ana.edit(typeInto(0, ' one')));
    // A second new client id from the same connection is over its budget of 1.
    const second = new Y.Doc();
    second.clientID = 502;
    Y.applyUpdate(second, Y.encodeStateAsUpdate(ana.doc));
    const captured: Uint8Array[] = [];
    second.on('update', (u: Uint8Array) => captured.push(u));
    typeInto(1, ' two')(second);
    ana.connection.receive(encodeUpdate(captured[0] as Uint8Array));
    await settled(h.room);
    expect(ana.closes.map((c) => c.code)).toEqual([CloseCode.forbidden]);
    expect(paragraphTexts(h.committed)[0]).toBe('We meet to agree. one');
    expect(paragraphTexts(h.committed)[1]).toBe('We commit to sharing data.');
    expect((await h.storage.loadClientOwners('n1')).has(502)).toBe(false);
    expect(paragraphTexts(watcher.view().seen)).toEqual(paragraphTexts(h.committed));
  });

  it('claim takeover mid-batch (silentHolderMs 0): the old page is closed 1001, its later updates dropped, all settle', async () => {
    const h = await harness({ silentHolderMs: 0 });
    const old = page(h, person('i1', 'Ana'), 900);
    const fresh = page(h, person('i1', 'Ana'), 900);
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    const u1 = old.edit(typeInto(0, ' old1'));
    Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(old.doc));
    fresh.doc.clientID = 900; // Yjs moved it off an id it saw in a remote update; a reloaded page keeps it
    const u2 = fresh.edit(typeInto(1, ' fresh'));
    const u3 = old.edit(typeInto(2, ' old2')); // same clocks as u2 under id 900: a conflicting fork
    old.connection.receive(u1);
    fresh.connection.receive(u2);
    old.connection.receive(u3);
    await settled(h.room);
    expect(old.closes.map((c) => c.code)).toEqual([CloseCode.goingAway]);
    expect(fresh.closes).toEqual([]);
    expect(paragraphTexts(h.committed)).toEqual(['We meet to agree. old1', 'We commit to sharing data. fresh', 'We will report on progress.']);
    expect(paragraphTexts(watcher.view().seen)).toEqual(paragraphTexts(h.committed));
    expect(h.violations).toEqual([]);
  });

  it('an update that changes nothing in the middle (a resend) changes nothing and adds no activity', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const a1 = ana.edit(typeInto(0, ' a1'));
    ana.connection.receive(a1);
    ben.connection.receive(ben.edit(typeInto(0, ' b1')));
    ana.connection.receive(a1); // resend: nothing new
    ben.connection.receive(ben.edit(typeInto(0, ' b2')));
    await settled(h.room);
    expect([ana.closes, ben.closes]).toEqual([[], []]);
    const entries = await h.storage.listActivity('n1', { limit: 10 });
    expect(entries.map((e) => e.actor.name)).toEqual(['Ben', 'Ana']);
  });

  it('an update with a missing dependency (Yjs would keep it pending) is refused and does not land later', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const skipped = ana.edit(typeInto(0, ' first'));
    const later = ana.edit(typeInto(0, ' second'));
    const ben = page(h, person('i2', 'Ben'));
    ana.connection.receive(later); // depends on `skipped`, which is not sent first
    ben.connection.receive(ben.edit(typeInto(1, ' b')));
    ana.connection.receive(skipped);
    await settled(h.room);
    expect(ana.closes.map((c) => c.code)).toEqual([CloseCode.forbidden]);
    expect(ben.closes).toEqual([]);
    expect(paragraphTexts(h.committed)[0]).toBe('We meet to agree.');
    expect(paragraphTexts(h.room.doc)[0]).toBe('We meet to agree.');
    expect(h.room.doc.store.pendingStructs).toBeNull();
  });
});

describe('activity across batches', () => {
  it('one entry per person per stretch, texts right, over mixed and separate batches', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const sync = (to: ReturnType<typeof page>, from: ReturnType<typeof page>) => Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc));
    // batch 1: Ana, Ana
    ana.connection.receive(ana.edit(typeInto(0, ' a1')));
    ana.connection.receive(ana.edit(typeInto(0, ' a2')));
    await settled(h.room);
    // batch 2: Ana grows her stored entry
    ana.connection.receive(ana.edit(typeInto(0, ' a3')));
    await settled(h.room);
    // batch 3: Ben interrupts, Ana resumes, Ben resumes (all one write)
    sync(ben, ana);
    ben.connection.receive(ben.edit(typeInto(0, ' b1')));
    sync(ana, ben);
    ana.connection.receive(ana.edit(typeInto(0, ' a4')));
    sync(ben, ana);
    ben.connection.receive(ben.edit(typeInto(0, ' b2')));
    await settled(h.room);
    await h.room.compact();
    const base = 'We meet to agree.';
    const entries = await h.storage.listActivity('n1', { limit: 10 });
    expect(entries.map((e) => [e.actor.name, e.before, e.after])).toEqual([
      ['Ben', `${base} a1 a2 a3 b1 a4`, `${base} a1 a2 a3 b1 a4 b2`],
      ['Ana', `${base} a1 a2 a3 b1`, `${base} a1 a2 a3 b1 a4`],
      ['Ben', `${base} a1 a2 a3`, `${base} a1 a2 a3 b1`],
      ['Ana', base, `${base} a1 a2 a3`],
    ]);
  });
});

describe('storage fails mid-batch', () => {
  it('appendUpdate throws: nothing relayed, everyone closed 1011, every promise settles, the disk unchanged', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    h.failAppend.on = true;
    ana.connection.receive(ana.edit(typeInto(0, ' a1')));
    ben.connection.receive(ben.edit(typeInto(1, ' b1')));
    ana.connection.receive(ana.caret(0));
    ana.connection.receive(ana.edit(typeInto(0, ' a2')));
    await settled(h.room);
    expect(h.room.isFailed).toBe(true);
    expect([ana.closes, ben.closes, watcher.closes].map((c) => c.map((x) => x.code))).toEqual([[CloseCode.serverError], [CloseCode.serverError], [CloseCode.serverError]]);
    expect(watcher.frames.filter((f) => f.kind === 'update' || f.kind === 'awareness')).toEqual([]);
    expect(h.violations).toEqual([]);
    const stored = await storedDocument(h.storage, 'n1');
    expect(paragraphTexts(stored.doc)).toEqual(['We meet to agree.', 'We commit to sharing data.', 'We will report on progress.']);
  });

  it('saveClientOwner throws on the second update of a batch: the first (applied in memory) is not relayed, all settle', async () => {
    const h = await harness();
    const ana = page(h, person('i1', 'Ana'));
    const ben = page(h, person('i2', 'Ben'));
    const watcher = page(h, person('i3', 'Watcher', Role.observer));
    const p1 = h.room.submitUpdate(ana.connection, () => ({ update: decodeUpdate(ana.edit(typeInto(0, ' a1'))), clientIds: [ana.doc.clientID], paragraphIds: [] }));
    const p2 = h.room.submitUpdate(ben.connection, () => {
      h.failOwner.on = true;
      return { update: decodeUpdate(ben.edit(typeInto(1, ' b1'))), clientIds: [ben.doc.clientID], paragraphIds: [] };
    });
    expect(await outcome(p1)).toBe('rejected');
    expect(await outcome(p2)).toBe('rejected');
    await settled(h.room);
    expect(watcher.frames.filter((f) => f.kind === 'update')).toEqual([]);
    expect(h.appends).toBe(0);
    expect(h.violations).toEqual([]);
  });
});

function decodeUpdate(message: Uint8Array): Uint8Array {
  const decoded = decodeClientMessage(message);
  if (decoded.type !== 'update') throw new Error('not an update');
  return decoded.update;
}
