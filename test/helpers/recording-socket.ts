/**
 * For driving a server Connection without a network: generous limits, and a socket that records what the
 * connection sends and how it closes.
 */
import { defaultProposalQuota } from '../../shared/permissions/proposal-ledger.ts';
import { defaultMaxStructs } from '../../shared/permissions/update-decoding.ts';
import type { ConnectionLimits, SocketLike } from '../../server/ws/connection.ts';

/** Limits that leave room for a test's bursts; at most 8 messages before the room is ready. */
export const testConnectionLimits: ConnectionLimits = {
  maxMessagesBeforeReady: 8,
  awarenessPerSecond: 20,
  awarenessBurst: 40,
  messagesPerSecond: 1000,
  messagesBurst: 1000,
  bytesPerSecond: 1024 * 1024,
  bytesBurst: 8 * 1024 * 1024,
  proposalQuota: defaultProposalQuota,
  maxChangesPerUpdate: defaultMaxStructs,
};

/** A socket that keeps every message sent through it and every close. */
export function recordingSocket(): { socket: SocketLike; sent: Uint8Array[]; closes: { code: number; reason: string }[] } {
  const sent: Uint8Array[] = [];
  const closes: { code: number; reason: string }[] = [];
  const socket: SocketLike = { send: (messages) => void sent.push(...messages), close: (code, reason) => void closes.push({ code, reason }), isOpen: true };
  return { socket, sent, closes };
}
