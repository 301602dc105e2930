/**
 * The facilitator's calls for delegations and invitation links (README "HTTP API"). Every call takes the
 * page's invitation token as the Bearer token; every failure is an ApiError carrying the server's own
 * sentence, so the panel can show it beside the control that caused it.
 */
import type { CatalogEntry } from '../../shared/delegation-catalog.ts';
import type { Delegation } from '../../shared/model/delegations.ts';
import type { InvitationInfo } from '../../shared/protocol/api.ts';
import type { Role } from '../../shared/protocol/presence.ts';
import { bearer, call } from './http-api.ts';


/** What a new link is for: the body of POST /api/negotiations/:id/invitations. */
export interface InvitationRequest {
  role: Role;
  delegation?: string;
  label?: string;
  expiresInHours?: number;
}

let catalogRequest: Promise<CatalogEntry[]> | null = null;

/** The ready list of delegations (GET /api/delegation-catalog, no token); fetched once per page, retried after a failure. */
export function fetchCatalog(): Promise<CatalogEntry[]> {
  catalogRequest ??= call<CatalogEntry[]>('/api/delegation-catalog', {}).catch((error: unknown) => {
    catalogRequest = null;
    throw error;
  });
  return catalogRequest;
}

/** Adds delegation `code` with `name`, or renames it when the negotiation already has it. */
export function putDelegation(token: string, negotiationId: string, code: string, name: string): Promise<Delegation> {
  return call<Delegation>(`${negotiationPath(negotiationId)}/delegations/${encodeURIComponent(code)}`, {
    method: 'PUT',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
}

/** Removes delegation `code`; the server revokes its links too and says how many. */
export function deleteDelegation(token: string, negotiationId: string, code: string): Promise<{ revokedInvitations: number }> {
  return call<{ revokedInvitations: number }>(`${negotiationPath(negotiationId)}/delegations/${encodeURIComponent(code)}`, {
    method: 'DELETE',
    headers: bearer(token),
  });
}

/** The negotiation's links that are not revoked (expired ones included), oldest first. */
export function listInvitations(token: string, negotiationId: string): Promise<InvitationInfo[]> {
  return call<InvitationInfo[]>(`${negotiationPath(negotiationId)}/invitations`, { headers: bearer(token) });
}

/** Creates a link; the answer carries its `url`. */
export function issueInvitation(token: string, negotiationId: string, request: InvitationRequest): Promise<InvitationInfo> {
  return call<InvitationInfo>(`${negotiationPath(negotiationId)}/invitations`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
}

/** Revokes a link: whoever is connected with it is disconnected at once. */
export function revokeInvitation(token: string, negotiationId: string, invitationId: string): Promise<{ closedConnections: number }> {
  return call<{ closedConnections: number }>(`${negotiationPath(negotiationId)}/invitations/${encodeURIComponent(invitationId)}`, {
    method: 'DELETE',
    headers: bearer(token),
  });
}

/** The calls above bound to one token and one negotiation, as the panel passes them down. */
export interface PeopleClient {
  putDelegation(code: string, name: string): Promise<Delegation>;
  deleteDelegation(code: string): Promise<{ revokedInvitations: number }>;
  listInvitations(): Promise<InvitationInfo[]>;
  issueInvitation(request: InvitationRequest): Promise<InvitationInfo>;
  revokeInvitation(invitationId: string): Promise<{ closedConnections: number }>;
}

/** A PeopleClient for `token` in negotiation `negotiationId`. */
export function peopleClient(token: string, negotiationId: string): PeopleClient {
  return {
    putDelegation: (code, name) => putDelegation(token, negotiationId, code, name),
    deleteDelegation: (code) => deleteDelegation(token, negotiationId, code),
    listInvitations: () => listInvitations(token, negotiationId),
    issueInvitation: (request) => issueInvitation(token, negotiationId, request),
    revokeInvitation: (invitationId) => revokeInvitation(token, negotiationId, invitationId),
  };
}

function negotiationPath(id: string): string {
  return `/api/negotiations/${encodeURIComponent(id)}`;
}
