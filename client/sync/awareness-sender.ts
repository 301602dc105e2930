/**
 * Sends this person's own presence to the server at a bounded rate. The y-websocket provider's own
 * handler sends every awareness change, including other people's states it just received (an echo that
 * multiplies with the room's size), and one message per caret move; the server rate-limits presence and
 * closes connections that exceed it. This replaces that handler: own state only, at most every 100 ms,
 * the latest state always sent last.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';

/** The y-websocket message type of an awareness update. */
const messageAwareness = 1;

/** The shortest time between two presence messages from this client. */
export const presenceIntervalMs = 100;

/** Replaces the provider's awareness sender; returns the function that removes ours again. */
export function throttleAwarenessSending(provider: WebsocketProvider): () => void {
  const { awareness } = provider;
  awareness.off('update', provider._awarenessUpdateHandler);
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const send = () => {
    timer = null;
    lastSent = performance.now();
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageAwareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
    ws.send(encoding.toUint8Array(encoder));
  };

  const onUpdate = (_changes: unknown, origin: unknown) => {
    // Only changes this tab made ('local'); states received from the server are not echoed back.
    if (origin !== 'local') return;
    // Leaving (state null) goes out at once, before the socket closes.
    if (awareness.getLocalState() === null) {
      if (timer !== null) clearTimeout(timer);
      send();
      return;
    }
    if (timer !== null) return;
    const wait = lastSent + presenceIntervalMs - performance.now();
    if (wait <= 0) send();
    else timer = setTimeout(send, wait);
  };

  awareness.on('update', onUpdate);
  return () => {
    awareness.off('update', onUpdate);
    if (timer !== null) clearTimeout(timer);
  };
}
