/**
 * What the HTTP and websocket layers are built over, assembled once in server/main.ts (and in tests).
 */
import type { Authenticator } from './auth/authenticator.ts';
import type { InvitationService } from './invitations/invitation-service.ts';
import type { NegotiationService } from './negotiations/negotiation-service.ts';
import type { RoomRegistry } from './rooms/room-registry.ts';
import type { Storage } from './storage/storage.ts';
import type { ConnectionCapLimits, ConnectionCaps } from './ws/connection-caps.ts';
import type { FaultLogger } from './fault-log.ts';
import type { ConnectionLimits } from './ws/connection.ts';
import type { SendBudget, SendBudgetLimits } from './ws/send-budget.ts';

/** Size limits for requests and messages, caps on connections and the budget for unsent bytes. */
export interface Limits extends ConnectionLimits, ConnectionCapLimits, SendBudgetLimits {
  /** Largest websocket message, bytes. */
  maxMessageBytes: number;
  /** Largest imported text, bytes. */
  maxImportBytes: number;
}

/** The server's parts. */
export interface AppContext {
  storage: Storage;
  registry: RoomRegistry;
  auth: Authenticator;
  negotiations: NegotiationService;
  invitations: InvitationService;
  limits: Limits;
  /** Open websockets, counted against the caps in `limits`. */
  connectionCaps: ConnectionCaps;
  /** Bytes sent to websockets and not yet taken by the network, against the budget in `limits`. */
  sendBudget: SendBudget;
  /** The origin links are built on ("https://draftroom.example.org"), or null to use the request's. */
  publicUrl: string | null;
  /** The built client (dist/client). */
  clientDir: string;
  logFault: FaultLogger;
}
