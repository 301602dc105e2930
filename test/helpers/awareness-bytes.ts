/**
 * Awareness messages built byte by byte for attacks (raw-client.ts rawAwareness writes any state text):
 * oversized messages of echo-looking entries, and floods of echoes.
 */
import { encodeAwarenessMessage, rawAwareness } from './raw-client.ts';

/** An awareness update of about `bytes` bytes: 200 entries that look like echoes of `echoId` (clock 1), each a big valid JSON state. */
export function oversizedEchoMessage(echoId: number, bytes: number): Uint8Array {
  const count = 200;
  const json = JSON.stringify({ paragraphId: null, filler: Array.from({ length: Math.ceil(bytes / count / 12) }, (_, i) => `item-${i}`) });
  return rawAwareness(Array.from({ length: count }, () => ({ clientId: echoId, clock: 1, json })));
}

/** `count` whole websocket messages, each an awareness update echoing `echoId`'s state at clock 1. */
export function echoFlood(echoId: number, count: number): Uint8Array[] {
  const message = encodeAwarenessMessage(rawAwareness([{ clientId: echoId, clock: 1, json: '{"paragraphId":null}' }]));
  return Array.from({ length: count }, () => message);
}
