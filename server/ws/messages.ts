/**
 * The y-websocket protocol's messages as data: decoding what a client sends (strictly: a truncated or
 * trailing byte is malformed) and encoding what the server sends.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { InvalidInputError } from '../../shared/errors.ts';
import { activityMessageType, type ActivityEntry, type ActivityPush } from '../../shared/protocol/activity.ts';
import type { Outgoing } from '../rooms/relay.ts';

/** Top-level message types of y-websocket. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

/** A decoded client message. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/** Decodes one binary message; throws InvalidInputError for anything that is not exactly one valid message. */
export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new InvalidInputError('trailing bytes after the message');
    return message;
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(`Malformed message: ${error.message}.`);
    throw new InvalidInputError(`Malformed message: ${(error as Error).message}.`);
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSyncMessage(decoder);
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { type: 'query-awareness' };
    default:
      throw new InvalidInputError(`unknown message type ${type}`);
  }
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  switch (syncType) {
    case SyncType.step1:
      checkStateVectorSize(payload, maxStateVectorEntries);
      Y.decodeStateVector(payload); // throws for a malformed state vector, here rather than in the room
      return { type: 'sync-step-1', stateVector: payload };
    case SyncType.step2:
      return { type: 'sync-step-2', update: payload };
    case SyncType.update:
      return { type: 'update', update: payload };
    default:
      throw new InvalidInputError(`unknown sync message type ${syncType}`);
  }
}

/** Most entries a state vector may have before it is read at all (a document with more clients is not honest). */
const maxStateVectorEntries = 100_000;
/** Clients a peer may know beyond those of the server's document (its own, not yet sent). */
const stateVectorSlack = 64;

/**
 * Throws InvalidInputError when a state vector names more clients than `documentClients` (plus a little
 * slack): nobody honestly knows more clients than the document has. Reads only its entry count.
 */
export function checkStateVectorSize(stateVector: Uint8Array, documentClients: number): void {
  let entries: number;
  try {
    entries = decoding.readVarUint(decoding.createDecoder(stateVector));
  } catch {
    throw new InvalidInputError('Malformed message: an empty state vector.');
  }
  if (entries > documentClients + stateVectorSlack) {
    throw new InvalidInputError(`Malformed message: a state vector naming ${entries} clients, more than the document has.`);
  }
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncType.step1, stateVector);
}

/** `encode`, run once per payload object: the message of a payload sent to many sockets is encoded once for all. */
function oncePerPayload(encode: (payload: Uint8Array) => Uint8Array): (payload: Uint8Array) => Uint8Array {
  const encoded = new WeakMap<Uint8Array, Uint8Array>();
  return (payload) => {
    let message = encoded.get(payload);
    if (!message) {
      message = encode(payload);
      encoded.set(payload, message);
    }
    return message;
  };
}

/** Sync step 1 carrying `stateVector`, encoded once per state vector object (one greets every joiner until the document changes). */
export const encodeSyncStep1Of = oncePerPayload(encodeSyncStep1);

/** An awareness message carrying an awareness update (y-protocols bytes). */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying `update`, encoded once per update object (everyone's presence, greeting each joiner). */
export const encodeAwarenessMessageOf = oncePerPayload(encodeAwarenessMessage);

const framesOfBatch = new WeakMap<Outgoing, Uint8Array[]>();

/** The messages of a relay batch, document first; encoded once per batch however many people receive it. */
export function framesOf(batch: Outgoing): Uint8Array[] {
  let frames = framesOfBatch.get(batch);
  if (!frames) {
    frames = [];
    if (batch.update) frames.push(encodeUpdate(batch.update));
    if (batch.awareness) frames.push(encodeAwarenessMessage(batch.awareness));
    framesOfBatch.set(batch, frames);
  }
  return frames;
}

/** Sync step 2 carrying `update`, encoded once per update object (a shared full state is framed once). */
export const encodeSyncStep2Of = oncePerPayload((update) => encodeSync(SyncType.step2, update));

/** An incremental document update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.update, update);
}

/** An awareness message carrying the given clients' states. */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

const activityFrames = new WeakMap<readonly ActivityEntry[], Uint8Array>();

/** The live activity message for `entries` (encoded once however many receive the same array). */
export function encodeActivityPush(entries: readonly ActivityEntry[]): Uint8Array {
  let frame = activityFrames.get(entries);
  if (!frame) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, activityMessageType);
    const push: ActivityPush = { entries: [...entries] };
    encoding.writeVarString(encoder, JSON.stringify(push));
    frame = encoding.toUint8Array(encoder);
    activityFrames.set(entries, frame);
  }
  return frame;
}
