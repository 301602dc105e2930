/**
 * Who is behind a request or a connection, as the server authenticated it.
 */
import { presenceColor } from '../../shared/protocol/presence-colors.ts';
import { Role, type PresenceUser } from '../../shared/protocol/presence.ts';

/** An authenticated person in one negotiation. */
export interface Identity {
  negotiationId: string;
  role: Role;
  /** Delegation code for role delegation, else null. */
  delegation: string | null;
  /** The invitation the token belongs to (revoking it closes this identity's connections). */
  invitationId: string;
  /** The display name: "Facilitator", the delegation's name, "Observer", with the invitation's label. */
  name: string;
  /** When the invitation expires (ISO 8601), or null. */
  expiresAt: string | null;
}

/** The presence `user` the server stamps on this identity's awareness state. */
export function presenceUser(identity: Identity): PresenceUser {
  return {
    name: identity.name,
    role: identity.role,
    delegation: identity.delegation,
    // A delegation's people share its colour; each facilitator link has its own; observers are grey.
    color: presenceColor(identity.role, identity.delegation ?? identity.invitationId),
  };
}

/** The display name for a role, a delegation's name (when a delegation) and an optional label. */
export function displayName(role: Role, delegationName: string | null, label: string | null): string {
  const base = role === Role.delegation ? (delegationName ?? 'Delegation') : role === Role.facilitator ? 'Facilitator' : 'Observer';
  return label ? `${base} (${label})` : base;
}
