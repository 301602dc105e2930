/**
 * For tests that drive a Room directly: people, a three-paragraph text, typing into it, reading it back,
 * and waiting for the room's queue and relay.
 */
import * as Y from 'yjs';
import { populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { Identity } from '../../server/auth/identity.ts';
import type { Room } from '../../server/rooms/room.ts';
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
