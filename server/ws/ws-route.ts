/**
 * The websocket route /ws/:negotiationId?token=… speaking y-websocket. The token is checked before any
 * document byte is sent: a bad token gets the upgrade and then close code 4401 with the reason, so the
 * page can tell the person why (a refused HTTP upgrade reaches the browser without one).
 */
import { upgradeWebSocket, type WebSocketLike } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import type { WebSocket } from 'ws';
import { UnauthorizedError } from '../../shared/errors.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../http/app-context.ts';
import { closeFor, isServerFault } from '../http/error-mapping.ts';
import { Connection, type SocketLike } from './connection.ts';

const heartbeatMs = 30_000;
const maxBufferedBytes = 64 * 1024 * 1024;

/** The handler for GET /ws/:negotiationId. */
export function wsRoute(app: AppContext): MiddlewareHandler {
  return async (c, next) => {
    const negotiationId = c.req.param('negotiationId') ?? '';
    const outcome = await authenticate(app, c.req.query('token'), negotiationId).then(
      (identity) => ({ identity, error: null }),
      (error: unknown) => ({ identity: null, error }),
    );
    const upgrade = upgradeWebSocket((_c) => {
      let connection: Connection | null = null;
      return {
        onOpen(_event, ws) {
          const raw = ws.raw as WebSocketLike & WebSocket;
          raw.on('error', (error: Error & { code?: string }) => onSocketError(connection, error, app));
          if (!outcome.identity) {
            const { code, reason } = closeFor(outcome.error);
            ws.close(code, reason);
            return;
          }
          connection = new Connection(outcome.identity, socketOf(raw), app.limits, app.logFault);
          keepAlive(raw, connection);
          void attach(app, connection, negotiationId);
        },
        onMessage(event) {
          if (!connection) return;
          if (typeof event.data === 'string') connection.receiveText();
          else connection.receive(new Uint8Array(event.data as ArrayBuffer));
        },
        onClose() {
          connection?.detach();
        },
      };
    });
    return upgrade(c, next);
  };
}

async function authenticate(app: AppContext, token: string | undefined, negotiationId: string): Promise<Identity> {
  const identity = await app.auth.authenticate(token);
  if (identity.negotiationId !== negotiationId) throw new UnauthorizedError('This invitation is for another negotiation.');
  return identity;
}

async function attach(app: AppContext, connection: Connection, negotiationId: string): Promise<void> {
  try {
    const room = await app.registry.acquire(negotiationId);
    connection.onDetach(() => app.registry.release(room));
    // A revocation while the room loaded could not find this connection in a room: look again.
    await app.auth.recheck(connection.identity);
    connection.attach(room);
    closeOnExpiry(connection);
  } catch (error) {
    if (isServerFault(error)) app.logFault(`loading negotiation ${negotiationId} failed`, error);
    const { code, reason } = closeFor(error);
    connection.close(code, reason);
  }
}

function closeOnExpiry(connection: Connection): void {
  if (!connection.identity.expiresAt) return;
  const ms = Math.min(Math.max(0, Date.parse(connection.identity.expiresAt) - Date.now()), 2 ** 31 - 1);
  const timer = setTimeout(() => connection.close(CloseCode.unauthorized, 'The invitation has expired.'), ms);
  timer.unref();
  connection.onDetach(() => clearTimeout(timer));
}

function socketOf(raw: WebSocket): SocketLike {
  return {
    send: (data) => {
      // A client that does not read what it is sent would make the server hold it all in memory.
      if (raw.bufferedAmount > maxBufferedBytes) raw.close(CloseCode.rateLimited, 'The connection is not reading what it is sent.');
      else raw.send(data);
    },
    close: (code, reason) => raw.close(code, reason),
    get isOpen() {
      return raw.readyState === raw.OPEN;
    },
  };
}

function onSocketError(connection: Connection | null, error: Error & { code?: string }, app: AppContext): void {
  // ws reports protocol violations (oversized or invalid frames) here and closes the socket itself.
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection?.receiveTooLarge(app.limits.maxMessageBytes);
  else connection?.close(CloseCode.malformed, 'Invalid websocket frame.');
}

function keepAlive(raw: WebSocket, connection: Connection): void {
  let alive = true;
  raw.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) {
      raw.terminate();
      return;
    }
    alive = false;
    raw.ping();
  }, heartbeatMs);
  timer.unref();
  connection.onDetach(() => clearInterval(timer));
}
