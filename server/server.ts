/**
 * Assembles and starts the server: storage, rooms, authentication, services, the HTTP app and the
 * websocket server with our own payload limit.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { createAuthenticator } from './auth/authenticator.ts';
import { createTokenSigner } from './auth/invitation-tokens.ts';
import { loadOrCreateSecret, type Secret } from './auth/secrets.ts';
import { getDelegations } from '../shared/model/delegations.ts';
import type { Config } from './config.ts';
import { createFaultLogger } from './fault-log.ts';
import type { AppContext } from './app-context.ts';
import { createApp } from './http/app.ts';
import { InvitationService } from './invitations/invitation-service.ts';
import { NegotiationService } from './negotiations/negotiation-service.ts';
import { RoomRegistry } from './rooms/room-registry.ts';
import { openSqliteStorage } from './storage/sqlite-storage.ts';
import { ConnectionCaps } from './ws/connection-caps.ts';
import { SendBudget } from './ws/send-budget.ts';
import { closeGracefully, wsUpgradeListener } from './ws/ws-route.ts';

/** A started server. */
export interface RunningServer {
  app: AppContext;
  port: number;
  adminToken: Secret;
  /** Stops accepting, closes connections, folds logs into snapshots and closes storage. */
  stop(): Promise<void>;
}

/** Starts the server described by `config`; resolves once it listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const adminToken = loadOrCreateSecret(config.adminToken, config.dataDir, 'admin-token', 'DRAFTROOM_ADMIN_TOKEN');
  const signingKey = loadOrCreateSecret(config.signingKey, config.dataDir, 'signing-key', 'DRAFTROOM_SIGNING_KEY');
  const logFault = createFaultLogger();
  const storage = openSqliteStorage(join(config.dataDir, 'draftroom.sqlite'), {
    synchronous: config.synchronous,
    onCheckpointError: (message) => logFault('a WAL checkpoint failed (the log grows until one succeeds; nothing is lost)', new Error(message)),
  });
  const registry = new RoomRegistry(storage, { compaction: { maxUpdates: config.compactEvery }, idleUnloadMs: config.idleUnloadMs, policy: config.room });
  const signer = createTokenSigner(signingKey.value);
  const auth = createAuthenticator(adminToken.value, signer, storage, (negotiationId, code) =>
    registry.withRoom(negotiationId, (room) => getDelegations(room.doc).get(code)?.name ?? null),
  );
  const app: AppContext = {
    storage,
    registry,
    auth,
    negotiations: new NegotiationService(storage, registry),
    invitations: new InvitationService(storage, signer, registry),
    limits: config.limits,
    connectionCaps: new ConnectionCaps(config.limits),
    sendBudget: new SendBudget(config.limits),
    publicUrl: config.publicUrl,
    clientDir: config.clientDir,
    logFault,
  };
  // No compression: the relay's frames are framed once and written to the sockets as they are (ws-route.ts).
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes, perMessageDeflate: false });
  const server = createAdaptorServer({ fetch: createApp(app).fetch });
  // Websocket upgrades go straight to ws, not through the HTTP app: nothing of the request is kept per socket.
  server.on('upgrade', wsUpgradeListener(app, wss));
  server.on('close', () => wss.close());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    app,
    port,
    adminToken,
    async stop() {
      // A socket that does not read would never answer the close frame: it is destroyed after a second.
      for (const client of wss.clients) closeGracefully(client, 1001, 'The server is shutting down.', 1000);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.negotiations.close();
      await registry.closeAll();
      await storage.close();
    },
  };
}
