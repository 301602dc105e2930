/**
 * Invitations: links that let one role (and, for a delegation, one delegation) into one negotiation.
 * Revoking one closes its open connections at once.
 */
import { z } from 'zod';
import { InvalidInputError, NotFoundError } from '../../shared/errors.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import type { InvitationInfo } from '../../shared/protocol/api.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { TokenSigner } from '../auth/invitation-tokens.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import type { InvitationRecord, Storage } from '../storage/storage.ts';

/** The JSON a client sends to create an invitation. */
export const invitationRequest = z.strictObject({
  role: z.enum([Role.facilitator, Role.delegation, Role.observer]),
  delegation: z.string().optional(),
  label: z.string().trim().min(1).max(80).optional(),
  expiresInHours: z.number().positive().max(24 * 365).optional(),
});

/** A parsed invitation request. */
export type InvitationRequest = z.infer<typeof invitationRequest>;

/** An invitation with a signed token and the link that carries it (the wire type). */
export type IssuedInvitation = InvitationInfo;

/** Creates, lists and revokes invitations. */
export class InvitationService {
  /** A service over storage, the token signer and the loaded rooms. */
  constructor(
    private readonly storage: Storage,
    private readonly signer: TokenSigner,
    private readonly registry: RoomRegistry,
  ) {}

  /** Creates an invitation; throws InvalidInputError for a delegation the negotiation does not have. */
  async create(negotiationId: string, request: InvitationRequest, origin: string): Promise<IssuedInvitation> {
    await this.requireNegotiation(negotiationId);
    const delegation = await this.checkDelegation(negotiationId, request);
    const now = new Date();
    const record: InvitationRecord = {
      id: crypto.randomUUID(),
      negotiationId,
      role: request.role,
      delegation,
      label: request.label ?? null,
      createdAt: now.toISOString(),
      expiresAt: request.expiresInHours ? new Date(now.getTime() + request.expiresInHours * 3_600_000).toISOString() : null,
      revokedAt: null,
    };
    await this.storage.createInvitation(record);
    return this.issue(record, origin);
  }

  /** The negotiation's invitations that are not revoked, each with a fresh token and link. */
  async list(negotiationId: string, origin: string): Promise<IssuedInvitation[]> {
    await this.requireNegotiation(negotiationId);
    const records = await this.storage.listInvitations(negotiationId);
    return Promise.all(records.filter((r) => !r.revokedAt).map((record) => this.issue(record, origin)));
  }

  /** Revokes an invitation and closes its connections; throws NotFoundError when it is not this negotiation's. */
  async revoke(negotiationId: string, invitationId: string): Promise<number> {
    const invitation = await this.storage.getInvitation(invitationId);
    if (!invitation || invitation.negotiationId !== negotiationId) throw new NotFoundError(`No invitation "${invitationId}" in this negotiation.`);
    await this.storage.revokeInvitation(invitationId, new Date().toISOString());
    let closed = 0;
    for (const room of await this.registry.loadedRooms()) {
      closed += room.closeWhere((c) => c.identity.invitationId === invitationId, CloseCode.unauthorized, 'This invitation has been revoked.');
    }
    return closed;
  }

  /** Revokes every invitation of a delegation (when it leaves the list); resolves how many were revoked. */
  async revokeDelegation(negotiationId: string, code: string): Promise<number> {
    const records = await this.storage.listInvitations(negotiationId);
    const mine = records.filter((r) => r.delegation === code && !r.revokedAt);
    for (const record of mine) await this.revoke(negotiationId, record.id);
    return mine.length;
  }

  private async issue(record: InvitationRecord, origin: string): Promise<IssuedInvitation> {
    const token = await this.signer.sign({ invitationId: record.id, negotiationId: record.negotiationId }, record.expiresAt);
    return { ...record, token, url: `${origin}/n/${record.negotiationId}?token=${encodeURIComponent(token)}` };
  }

  private async checkDelegation(negotiationId: string, request: InvitationRequest): Promise<string | null> {
    if (request.role !== Role.delegation) {
      if (request.delegation) throw new InvalidInputError(`A ${request.role} invitation has no delegation.`);
      return null;
    }
    const code = request.delegation;
    if (!code) throw new InvalidInputError('A delegation invitation names its delegation: { "role": "delegation", "delegation": "KEN" }.');
    const known = await this.registry.withRoom(negotiationId, (room) => getDelegations(room.doc).has(code));
    if (!known) throw new InvalidInputError(`This negotiation has no delegation "${code}": add it to the list of delegations first.`);
    return code;
  }

  private async requireNegotiation(id: string): Promise<void> {
    if (!(await this.storage.getNegotiation(id))) throw new NotFoundError(`No negotiation with id "${id}".`);
  }
}
