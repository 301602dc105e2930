/**
 * For tests that drive a Room directly: people, a three-paragraph text in a room on a fresh SQLite file,
 * typing into it, reading it back, and waiting for the room's queue and relay.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { Identity } from '../../server/auth/identity.ts';
import { Room } from '../../server/rooms/room.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import { paragraphXmlText } from '../bench/conference/seed.ts';

/** The identity of a person of negotiation "n1" (a facilitator unless `role` says otherwise). */
export function person(invitationId: string, name: string, role: Identity['role'] = Role.facilitator): Identity {
  return { negotiationId: 'n1', role, delegation: null, invitationId, name, expiresAt: null };
}

/** A new document holding three short paragraphs ("We meet to agree.", …) under a title block. */
export function threeParagraphDoc(): Y.Doc {
  const doc = new Y.Doc();
  populateNegotiation(doc, {
    titleBlock: ['Shared writes', 'Zero draft'],
    paragraphs: ['We meet to agree.', 'We commit to sharing data.', 'We will report on progress.'].map((text) => ({ kind: 'paragraph' as const, runs: [{ text }], source: '', footnotes: [] })),
  });
  return doc;
}

/**
 * Negotiation "n1" holding the three-paragraph text, stored in a fresh SQLite file and loaded in a Room
 * (no fold before 10,000 updates); `cleanups` gets what closes both. Returns the room, its storage and the
 * document as it was stored.
 */
export async function threeParagraphRoom(cleanups: (() => Promise<void>)[]): Promise<{ room: Room; storage: Storage; initial: Uint8Array }> {
  const storage = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'draftroom-room-')), 'db.sqlite'));
  const doc = threeParagraphDoc();
  const initial = Y.encodeStateAsUpdate(doc);
  await storage.createNegotiation({ id: 'n1', title: 'Shared writes', createdAt: new Date().toISOString() }, initial);
  const room = new Room('n1', doc, storage, 0, 0, { maxUpdates: 10_000 });
  cleanups.push(async () => {
    room.close();
    await storage.close();
  });
  return { room, storage, initial };
}

/** A change typing `text` at the end of paragraph `index`. */
export function typeInto(index: number, text: string): (doc: Y.Doc) => void {
  return (doc) => {
    const xml = paragraphXmlText(doc, readOrder(doc)[index] as string) as Y.XmlText;
    xml.insert(xml.length, text);
  };
}

/** Every paragraph's text, in reading order. */
export function paragraphTexts(doc: Y.Doc): string[] {
  return readOrder(doc).map((id) => paragraphXmlText(doc, id)?.toString() ?? '');
}

/** Waits for the room's queue (a failed room's too) and the relay's next batch (relayBatchMs is 20 ms). */
export async function settled(room: Room): Promise<void> {
  await room.enqueue(() => undefined).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 80));
}
