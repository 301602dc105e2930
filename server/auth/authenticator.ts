/**
 * Turns credentials into identities: the admin token (full control of every negotiation, for the API and
 * scripts) and invitation tokens (one role in one negotiation, checked against their invitation record
 * on every request so a revoked link stops working at once).
 */
import { timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../../shared/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { displayName, type Identity } from './identity.ts';
import type { TokenSigner } from './invitation-tokens.ts';

/** Looks up a delegation's display name in a negotiation (null when unknown). */
export type DelegationNamer = (negotiationId: string, code: string) => Promise<string | null>;

/** Checks admin and invitation tokens. */
export interface Authenticator {
  /** True when `token` is the admin token. */
  isAdmin(token: string | undefined | null): boolean;
  /** The identity of a valid, unrevoked, unexpired invitation token; throws UnauthorizedError otherwise. */
  authenticate(token: string | undefined | null): Promise<Identity>;
  /** Throws UnauthorizedError when the identity's invitation has been revoked or has expired since. */
  recheck(identity: Identity): Promise<void>;
}

/** An authenticator over the admin token, the token signer and the invitation records. */
export function createAuthenticator(adminToken: string, signer: TokenSigner, storage: Storage, nameOf: DelegationNamer): Authenticator {
  const adminBytes = Buffer.from(adminToken);
  return {
    isAdmin(token) {
      if (!token) return false;
      const given = Buffer.from(token);
      return given.length === adminBytes.length && timingSafeEqual(given, adminBytes);
    },
    async recheck(identity) {
      await validInvitation(storage, identity.invitationId, identity.negotiationId);
    },
    async authenticate(token) {
      const claims = await signer.verify(token);
      const invitation = await validInvitation(storage, claims.invitationId, claims.negotiationId);
      const delegationName = invitation.delegation ? await nameOf(invitation.negotiationId, invitation.delegation) : null;
      return {
        negotiationId: invitation.negotiationId,
        role: invitation.role,
        delegation: invitation.delegation,
        invitationId: invitation.id,
        name: displayName(invitation.role, delegationName ?? invitation.delegation, invitation.label),
        expiresAt: invitation.expiresAt,
      };
    },
  };
}

async function validInvitation(storage: Storage, invitationId: string, negotiationId: string) {
  const invitation = await storage.getInvitation(invitationId);
  if (!invitation || invitation.negotiationId !== negotiationId) {
    throw new UnauthorizedError('This invitation does not exist (any more).');
  }
  if (invitation.revokedAt) throw new UnauthorizedError('This invitation has been revoked by the facilitators.');
  if (invitation.expiresAt && Date.parse(invitation.expiresAt) <= Date.now()) {
    throw new UnauthorizedError('The invitation has expired.');
  }
  return invitation;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
