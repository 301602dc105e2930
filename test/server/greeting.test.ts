/**
 * A joiner's greeting (sync step 1 with the server's state vector): encoded once for a crowd that joins
 * between two changes, and never stale: a joiner after any change, an edit or the server's own, is greeted
 * with the state vector the document has then. Real Connections over recording sockets, a real Room, real SQLite.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Room } from '../../server/rooms/room.ts';
import { Connection } from '../../server/ws/connection.ts';
import { decodeClientMessage, encodeUpdate } from '../../server/ws/messages.ts';
import { recordingSocket, testConnectionLimits } from '../helpers/recording-socket.ts';
import { captureUpdate } from '../helpers/raw-client.ts';
import { person, settled, threeParagraphRoom, typeInto } from '../helpers/room-text.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const room = () => threeParagraphRoom(cleanups);

/** Joins a page and returns its connection, the greeting message it was sent and the state vector in it. */
function joinPage(target: Room, name: string): { connection: Connection; message: Uint8Array; greeted: Uint8Array } {
  const { socket, sent } = recordingSocket();
  const connection = new Connection(person(`i-${name}`, name), socket, testConnectionLimits, () => undefined);
  connection.attach(target);
  const first = decodeClientMessage(sent[0] as Uint8Array);
  if (first.type !== 'sync-step-1') throw new Error(`${name} was greeted with ${first.type}, not sync step 1`);
  return { connection, message: sent[0] as Uint8Array, greeted: first.stateVector };
}

describe('greeting a joiner', () => {
  it('gives a crowd between two changes one state vector, and a joiner after any change the new one', async () => {
    const r = await room();
    const ana = joinPage(r.room, 'Ana');
    const ben = joinPage(r.room, 'Ben');
    // One message object: encoded (and framed) once for both.
    expect(ben.message).toBe(ana.message);
    expect(ana.greeted).toEqual(Y.encodeStateVector(r.room.doc));

    // An edit from a page.
    const page = new Y.Doc();
    Y.applyUpdate(page, r.initial);
    ana.connection.receive(encodeUpdate(captureUpdate(page, typeInto(0, ' Now.'))));
    await settled(r.room);
    const cleo = joinPage(r.room, 'Cleo');
    expect(cleo.greeted).not.toEqual(ana.greeted);
    expect(cleo.greeted).toEqual(Y.encodeStateVector(r.room.doc));

    // A change the server makes itself.
    expect(await r.room.applyServerChange(typeInto(1, ' Then.'))).toBe(true);
    const dev = joinPage(r.room, 'Dev');
    expect(dev.greeted).not.toEqual(cleo.greeted);
    expect(dev.greeted).toEqual(Y.encodeStateVector(r.room.doc));
  });
});
