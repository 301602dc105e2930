/**
 * The websocket route /ws/:negotiationId?token=… speaking y-websocket, served from the HTTP server's
 * 'upgrade' event straight into ws (no web Request or router context is built, or kept, per socket). The
 * token is checked before the upgrade and before any document byte is sent: a bad token gets the upgrade and
 * then close code 4401 with the reason, so the page can tell the person why (a refused HTTP upgrade reaches
 * the browser without one). The same way, a socket over a connection cap is closed with 4503. Every send is
 * counted against the process's budget for unsent bytes (send-budget.ts), which closes slow readers.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { OutdatedError, UnauthorizedError } from '../../shared/errors.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { protocolParam, protocolVersion } from '../../shared/protocol/version.ts';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../app-context.ts';
import { closeFor, isServerFault } from '../error-mapping.ts';
import { Connection, type SocketLike } from './connection.ts';
import { JoinPacer } from './join-pacer.ts';
import type { SendAccount, SocketCloser } from './send-budget.ts';
import { sharedObjectOf, wireOf } from './wire-frames.ts';

const heartbeatMs = 30_000;
/** How long a closed socket may take to answer the close frame before it is destroyed (ws waits 30 s). */
const closeGraceMs = 5_000;
const wsPath = /^\/ws\/([^/]+)$/;

/**
 * The listener for the HTTP server's 'upgrade' event: GET /ws/:negotiationId with `Upgrade: websocket` is
 * authenticated, then handed to `wss` (created with noServer); any other upgrade is refused (404, or 400
 * for an upgrade to something other than a websocket).
 */
export function wsUpgradeListener(app: AppContext, wss: WebSocketServer, pacer = new JoinPacer()): (request: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (request, socket, head) => {
    void upgrade(app, wss, pacer, request, socket, head);
  };
}

async function upgrade(app: AppContext, wss: WebSocketServer, pacer: JoinPacer, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const target = parseTarget(request.url);
  if (!target) return refuseUpgrade(socket, 404);
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return refuseUpgrade(socket, 400);
  // A peer that goes away while waiting or while the token is checked must not crash the process.
  const ignoreError = () => {};
  socket.on('error', ignoreError);
  const { negotiationId, version, token } = target;
  const outcome = await (version === String(protocolVersion)
    ? authenticate(app, token, negotiationId)
    : Promise.reject(new OutdatedError(`This page speaks version ${version ?? 'none'}; the server speaks ${protocolVersion}. Reload the page.`))
  ).then(
    (identity) => ({ identity, error: null }),
    (error: unknown) => ({ identity: null, error }),
  );
  // Only those let in wait their turn: a flood of bad tokens is refused at once and holds up no honest joiner.
  if (outcome.identity) await pacer.turn();
  if (socket.destroyed) return;
  // ws checks the handshake itself (method, key, version) and answers a bad one with its HTTP status.
  wss.handleUpgrade(request, socket, head, (raw) => {
    socket.off('error', ignoreError);
    open(app, raw, outcome.identity, outcome.error, negotiationId);
  });
}

/** The negotiation, protocol version and token an upgrade asks for; null when its path is not /ws/:negotiationId. */
function parseTarget(url: string | undefined): { negotiationId: string; version: string | undefined; token: string | undefined } | null {
  const query = url?.indexOf('?') ?? -1;
  const path = url === undefined ? '' : query < 0 ? url : url.slice(0, query);
  const match = wsPath.exec(path);
  if (!match) return null;
  const params = new URLSearchParams(query < 0 ? '' : (url as string).slice(query + 1));
  return { negotiationId: decodeSegment(match[1] as string), version: params.get(protocolParam) ?? undefined, token: params.get('token') ?? undefined };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function refuseUpgrade(socket: Duplex, status: 400 | 404): void {
  if (socket.destroyed) return;
  const text = status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Serves an upgraded socket: closes it with the refusal's code, or joins it to the negotiation's room. */
function open(app: AppContext, raw: WebSocket, identity: Identity | null, refusal: unknown, negotiationId: string): void {
  let connection: Connection | null = null;
  raw.on('error', (error: Error & { code?: string }) => onSocketError(connection, error, app));
  const admitted = identity ? admit(app, raw, identity) : { refused: refusal };
  if ('refused' in admitted) {
    const { code, reason } = closeFor(admitted.refused);
    closeGracefully(raw, code, reason);
    return;
  }
  const admittedConnection = admitted.connection;
  connection = admittedConnection;
  raw.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) admittedConnection.receiveText();
    // A copy: ws may hand a view into the whole chunk the network delivered, which the room must not keep alive.
    else admittedConnection.receive(new Uint8Array(bytesOf(data)));
  });
  raw.once('close', () => admittedConnection.detach());
  keepAlive(raw, admittedConnection);
  void attach(app, admittedConnection, negotiationId);
}

/** The bytes of a binary message, whatever form ws delivered them in. */
function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/** A Connection for the socket, counted against the caps and the send budget, or the error refusing it. */
function admit(app: AppContext, raw: WebSocket, identity: Identity): { connection: Connection } | { refused: unknown } {
  let release: () => void;
  try {
    release = app.connectionCaps.admit(identity.invitationId);
  } catch (error) {
    return { refused: error };
  }
  const closer: SocketCloser = (error, graceful) => {
    const { code, reason } = closeFor(error);
    if (graceful) closeGracefully(raw, code, reason);
    else raw.terminate();
  };
  const account = app.sendBudget.open(closer);
  raw.once('close', () => {
    release();
    account.end();
  });
  return { connection: new Connection(identity, socketOf(raw, account), app.limits, app.logFault) };
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

/**
 * The socket as a Connection uses it: every send is counted against the budget until the network takes it,
 * and the messages of one send leave in one write of bytes framed once however many sockets they go to
 * (wire-frames.ts). The frames go straight to the TCP socket, past ws's sender, which would only frame them
 * the same way: ws queues nothing of its own while compression is off (server.ts), so frames never interleave.
 */
function socketOf(raw: WebSocket, account: SendAccount): SocketLike {
  const stream = (raw as unknown as { _socket: { write(data: Buffer, done?: () => void): boolean; cork(): void; uncork(): void } })._socket;
  // What each write in flight counted, in order: the network takes writes in order, and one callback made
  // here (not one per send: tsx names every closure it makes, at a cost per send) pops them.
  const inFlight: { bytes: number; shared: object }[] = [];
  const onSent = () => {
    const sent = inFlight.shift();
    if (sent) account.sent(sent.bytes, sent.shared);
  };
  return {
    send: (messages) => {
      if (messages.length === 0) return;
      // A list or a message shared by many sockets is held once in memory: the budget counts it once.
      const shared = sharedObjectOf(messages);
      const wire = wireOf(messages);
      let bytes = 0;
      for (const piece of wire) bytes += piece.byteLength;
      // The budget may refuse (and close this socket, or drop slower ones) rather than hold it all in memory.
      if (raw.readyState !== raw.OPEN || !account.reserve(bytes, shared)) return;
      inFlight.push({ bytes, shared });
      if (wire.length === 1) {
        stream.write(wire[0] as Buffer, onSent);
        return;
      }
      stream.cork();
      for (let i = 0; i < wire.length; i++) stream.write(wire[i] as Buffer, i === wire.length - 1 ? onSent : undefined);
      stream.uncork();
    },
    close: (code, reason) => closeGracefully(raw, code, reason),
    get isOpen() {
      return raw.readyState === raw.OPEN;
    },
  };
}

/** Sends the close frame and destroys the socket if the peer has not answered within `graceMs` (a non-reader never will). */
export function closeGracefully(raw: WebSocket, code: number, reason: string, graceMs = closeGraceMs): void {
  if (raw.readyState === raw.CLOSING || raw.readyState === raw.CLOSED) return;
  raw.close(code, reason);
  const timer = setTimeout(() => raw.terminate(), graceMs);
  timer.unref();
  raw.once('close', () => clearTimeout(timer));
}

function onSocketError(connection: Connection | null, error: Error & { code?: string }, app: AppContext): void {
  // ws reports protocol violations (oversized or invalid frames) here and closes the socket itself.
  if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') connection?.receiveTooLarge(app.limits.maxMessageBytes);
  else connection?.close(CloseCode.malformed, 'Invalid websocket frame.');
}

function keepAlive(raw: WebSocket, connection: Connection): void {
  let alive = true;
  raw.on('pong', () => {
    alive = true;
    connection.heard();
  });
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
