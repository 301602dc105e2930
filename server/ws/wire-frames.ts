/**
 * Messages as the network carries them: each one a binary websocket frame (RFC 6455, unmasked, as a server
 * sends), all of a send laid end to end in one buffer. A relay batch goes to hundreds of sockets: framed
 * once, it leaves each of them in one plain write, instead of a frame header built per message per socket
 * and a gathered write of the pieces (which cost the server a third of its fan-out time).
 */
import * as wsLibrary from 'ws';

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}

/** ws's own frame builder: exported by ws (`Sender.frame`), not described by @types/ws. */
const frameOf = (wsLibrary as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } }).Sender.frame;

/** A final, uncompressed, unmasked binary frame. */
const binaryFrame: FrameOptions = { fin: true, opcode: 0x2, mask: false, readOnly: false, rsv1: false };

const wireOfShared = new WeakMap<object, Buffer>();

/**
 * The bytes on the wire of `messages` (one binary frame each, in order). Framed once per list, or per
 * message when the list holds one: a batch or a full state sent to many sockets is framed once for all.
 */
export function wireOf(messages: readonly Uint8Array[]): Buffer {
  const key: object = messages.length === 1 ? (messages[0] as Uint8Array) : messages;
  let wire = wireOfShared.get(key);
  if (!wire) {
    const pieces: Buffer[] = [];
    for (const message of messages) pieces.push(...frameOf(Buffer.from(message.buffer, message.byteOffset, message.byteLength), binaryFrame));
    wire = Buffer.concat(pieces);
    wireOfShared.set(key, wire);
  }
  return wire;
}
