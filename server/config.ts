/**
 * The server's configuration, read once from the environment (see README "Configuration").
 */
import { resolve } from 'node:path';
import { InvalidInputError } from '../shared/errors.ts';
import { defaultProposalQuota } from '../shared/permissions/proposal-ledger.ts';
import { defaultMaxStructs } from '../shared/permissions/update-decoding.ts';
import { defaultClientIdLimits } from './rooms/client-id-budget.ts';
import { defaultRoomPolicy, type RoomPolicy } from './rooms/room.ts';
import type { Limits } from './app-context.ts';

/** Everything the server is configured with. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string | undefined;
  signingKey: string | undefined;
  publicUrl: string | null;
  /** SQLite durability: 'normal' survives a process crash, 'full' also a power cut. */
  synchronous: 'normal' | 'full';
  /** Create and print the demo negotiation on first start. */
  demo: boolean;
  limits: Limits;
  /** New client ids per connection and per invitation per hour, when a page may take over its old id, relay batching. */
  room: RoomPolicy;
  idleUnloadMs: number;
  compactEvery: number;
  clientDir: string;
}

/** Reads the configuration from `env`; throws InvalidInputError naming the variable that is wrong. */
export function readConfig(env: NodeJS.ProcessEnv, projectRoot: string): Config {
  const maxMessageBytes = integer(env, 'DRAFTROOM_MAX_MESSAGE_BYTES', 4 * 1024 * 1024, 1024, 256 * 1024 * 1024);
  const messagesPerSecond = integer(env, 'DRAFTROOM_MESSAGES_PER_SECOND', 300, 1, 100_000);
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    adminToken: env.DRAFTROOM_ADMIN_TOKEN || undefined,
    signingKey: env.DRAFTROOM_SIGNING_KEY || undefined,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    synchronous: env.DRAFTROOM_SQLITE_SYNC === 'full' ? 'full' : 'normal',
    demo: env.DRAFTROOM_DEMO !== 'off',
    limits: {
      maxMessageBytes,
      maxImportBytes: integer(env, 'DRAFTROOM_MAX_IMPORT_BYTES', 5 * 1024 * 1024, 1024, 256 * 1024 * 1024),
      maxMessagesBeforeReady: 64,
      awarenessPerSecond: integer(env, 'DRAFTROOM_AWARENESS_PER_SECOND', 20, 1, 10_000),
      awarenessBurst: 40,
      messagesPerSecond,
      messagesBurst: 2 * messagesPerSecond,
      bytesPerSecond: integer(env, 'DRAFTROOM_BYTES_PER_SECOND', 1024 * 1024, 1024, 1024 * 1024 * 1024),
      // A page's first sync may send its whole document: two of the largest messages pass at once.
      bytesBurst: 2 * maxMessageBytes,
      maxConnections: integer(env, 'DRAFTROOM_MAX_CONNECTIONS', 2000, 1, 1_000_000),
      maxConnectionsPerInvitation: integer(env, 'DRAFTROOM_MAX_CONNECTIONS_PER_LINK', 50, 1, 1_000_000),
      sendBudgetBytes: integer(env, 'DRAFTROOM_SEND_BUDGET_BYTES', 128 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024 * 1024),
      socketBufferBytes: integer(env, 'DRAFTROOM_SOCKET_BUFFER_BYTES', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      proposalQuota: {
        maxProposals: integer(env, 'DRAFTROOM_MAX_PROPOSALS_PER_DELEGATION', defaultProposalQuota.maxProposals, 1, 1_000_000),
        maxBytes: integer(env, 'DRAFTROOM_MAX_PROPOSAL_BYTES_PER_DELEGATION', defaultProposalQuota.maxBytes, 1024, 1024 * 1024 * 1024),
      },
      maxChangesPerUpdate: integer(env, 'DRAFTROOM_MAX_CHANGES_PER_UPDATE', defaultMaxStructs, 100, 10_000_000),
    },
    room: {
      limits: {
        perConnection: integer(env, 'DRAFTROOM_MAX_NEW_CLIENT_IDS_PER_CONNECTION', defaultClientIdLimits.perConnection, 1, 1_000),
        perInvitationPerHour: integer(env, 'DRAFTROOM_MAX_NEW_CLIENT_IDS_PER_LINK_PER_HOUR', defaultClientIdLimits.perInvitationPerHour, 1, 1_000_000),
      },
      silentHolderMs: integer(env, 'DRAFTROOM_SILENT_HOLDER_MS', defaultRoomPolicy.silentHolderMs, 0, 3_600_000),
      relayBatchMs: integer(env, 'DRAFTROOM_RELAY_BATCH_MS', defaultRoomPolicy.relayBatchMs, 0, 1_000),
      proposalQuota: {
        maxProposals: integer(env, 'DRAFTROOM_MAX_PROPOSALS_PER_DELEGATION', defaultProposalQuota.maxProposals, 1, 1_000_000),
        maxBytes: integer(env, 'DRAFTROOM_MAX_PROPOSAL_BYTES_PER_DELEGATION', defaultProposalQuota.maxBytes, 1024, 1024 * 1024 * 1024),
      },
    },
    idleUnloadMs: integer(env, 'DRAFTROOM_IDLE_UNLOAD_MS', 10_000, 0, 86_400_000),
    compactEvery: integer(env, 'DRAFTROOM_COMPACT_EVERY', 500, 1, 1_000_000),
    clientDir: resolve(projectRoot, 'dist/client'),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}
