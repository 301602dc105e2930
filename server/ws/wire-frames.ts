/**
 * Messages as the network carries them: each one a binary websocket frame (RFC 6455, unmasked, as a server
 * sends), the frames of a small send laid end to end in one buffer. A relay batch goes to hundreds of
 * sockets: framed once, it leaves each of them in one plain write, instead of a frame header built per
 * message per socket and a gathered write of the pieces (which cost the server about a third of its
 * fan-out time).
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

/** Up to this many bytes, the frames of a send are laid in one buffer; a larger message keeps a buffer of its own. */
const joinedUpToBytes = 16 * 1024;

const wireOfShared = new WeakMap<object, readonly Buffer[]>();

/** The object a send of `messages` is held under in memory, however many sockets share it: the message when alone, else the list. */
export function sharedObjectOf(messages: readonly Uint8Array[]): object {
  return messages.length === 1 ? (messages[0] as Uint8Array) : messages;
}

function frame(message: Uint8Array): Buffer {
  return Buffer.concat(frameOf(Buffer.from(message.buffer, message.byteOffset, message.byteLength), binaryFrame));
}

/**
 * The bytes on the wire of `messages` (one binary frame each, in order): one buffer, or for a send over 16 KB
 * one per message. Framed once per list and per message: a batch or a full state sent to many sockets is
 * framed once for all, and a large message (everyone's presence, a full state) is never copied per socket,
 * whatever list it is sent in.
 */
export function wireOf(messages: readonly Uint8Array[]): readonly Buffer[] {
  const key = sharedObjectOf(messages);
  let wire = wireOfShared.get(key);
  if (!wire) {
    let bytes = 0;
    for (const message of messages) bytes += message.byteLength;
    wire = bytes <= joinedUpToBytes || messages.length === 1 ? [Buffer.concat(messages.map(frame))] : messages.map((message) => wireOf([message])[0] as Buffer);
    wireOfShared.set(key, wire);
  }
  return wire;
}
