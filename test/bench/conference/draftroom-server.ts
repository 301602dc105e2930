/**
 * Draftroom under test: the real server (test/helpers/server.ts) with the conference text imported through
 * the admin API, a facilitator link for the writers and an observer link for the watchers. Its document's
 * bytes, read by an observer client, are the seed the peers start from: all three serve the same Yjs bytes.
 */
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { importDraft, invite } from '../../helpers/api.ts';
import { startServer, type ServerOptions, type TestServer } from '../../helpers/server.ts';
import { connectClient } from '../../helpers/yjs-client.ts';
import type { BenchServer } from './peer-process.ts';
import { ServerName } from './protocol.ts';
import { conferenceDraftText } from './seed.ts';
import { protocolParam, protocolVersion } from '../../../shared/protocol/version.ts';

/** Limits raised so 500 people (200 on one facilitator link, 300 on one observer link) may join. */
export const conferenceLimits = {
  DRAFTROOM_MAX_CONNECTIONS: '100000',
  DRAFTROOM_MAX_CONNECTIONS_PER_LINK: '100000',
  DRAFTROOM_MAX_NEW_CLIENT_IDS_PER_LINK_PER_HOUR: '1000000',
  DRAFTROOM_IDLE_UNLOAD_MS: '600000',
} as const;

/** A Draftroom server with the conference text, and that text's Yjs bytes as the server holds them. */
export interface DraftroomRun {
  server: BenchServer;
  testServer: TestServer;
  negotiationId: string;
  seed: Uint8Array;
}

/** Reads the negotiation's whole document through an observer client. */
export async function readDocument(server: TestServer, negotiationId: string, token: string, timeoutMs = 30_000): Promise<Y.Doc> {
  const client = connectClient(server, negotiationId, token);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([client.synced, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no first sync in time')), timeoutMs)))]);
  } catch (error) {
    client.destroy();
    client.doc.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  client.destroy();
  client.doc.destroy();
  return doc;
}

/** Starts Draftroom with the conference limits (and `env`), imports the conference text and invites its people. */
export async function launchDraftroom(options: ServerOptions = {}): Promise<DraftroomRun> {
  const testServer = await startServer({ ...options, env: { ...conferenceLimits, ...options.env } });
  try {
    const negotiation = await importDraft(testServer, conferenceDraftText());
    const facilitator = await invite(testServer, negotiation.id, { role: 'facilitator', label: 'writers' });
    const observer = await invite(testServer, negotiation.id, { role: 'observer', label: 'watchers' });
    const seed = Y.encodeStateAsUpdate(await readDocument(testServer, negotiation.id, observer.token));
    const server: BenchServer = {
      name: ServerName.draftroom,
      pid: testServer.pid,
      endpoint: {
        protocol: 'y-websocket',
        url: `ws://127.0.0.1:${testServer.port}/ws`,
        room: negotiation.id,
        writerParams: { token: facilitator.token, [protocolParam]: String(protocolVersion) },
        watcherParams: { token: observer.token, [protocolParam]: String(protocolVersion) },
      },
      output: testServer.output,
      stop: async () => {
        await testServer.stop();
        rmSync(testServer.dataDir, { recursive: true, force: true });
      },
    };
    return { server, testServer, negotiationId: negotiation.id, seed };
  } catch (error) {
    await testServer.stop();
    throw error;
  }
}
