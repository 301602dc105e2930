/**
 * Calls to the server's HTTP API (shapes in shared/protocol/api.ts). Every failure becomes an ApiError
 * carrying the server's own sentence, so the page can show it as it is.
 */
import type {
  CreatedNegotiation,
  NegotiationSummary,
  SessionInfo,
} from '../../shared/protocol/api.ts';
import type { Role } from '../../shared/protocol/presence.ts';

/** A refused or failed API call: `message` is the server's error sentence (or a plain fallback). */
export class ApiError extends Error {
  /** `status` is the HTTP status (0 when the server could not be reached). */
  constructor(
    message: string,
    readonly status: number,
    readonly kind: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An invitation link made by the server. */
export interface Invitation {
  url: string;
  token: string;
}

/** Who an invitation token says this person is (GET /api/session). */
export function fetchSession(token: string): Promise<SessionInfo> {
  return call<SessionInfo>('/api/session', { headers: bearer(token) });
}

/** The negotiations on this server (admin token). */
export function listNegotiations(adminToken: string): Promise<NegotiationSummary[]> {
  return call<NegotiationSummary[]>('/api/negotiations', { headers: bearer(adminToken) });
}

/** A new invitation link to negotiation `id` for `role` (admin token). */
export function createInvitation(adminToken: string, id: string, role: Role): Promise<Invitation> {
  return call<Invitation>(`/api/negotiations/${encodeURIComponent(id)}/invitations`, {
    method: 'POST',
    headers: { ...bearer(adminToken), 'Content-Type': 'application/json' },
    body: JSON.stringify({ role }),
  });
}

/** Imports a zero draft from its plain text; the answer links to the new negotiation (admin token). */
export function importZeroDraft(adminToken: string, text: string): Promise<CreatedNegotiation> {
  return call<CreatedNegotiation>('/api/negotiations', {
    method: 'POST',
    headers: { ...bearer(adminToken), 'Content-Type': 'text/plain; charset=utf-8' },
    body: text,
  });
}

/** The Authorization header for a token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Fetches `path` and parses its JSON; a failure (network or the server's `{ error, kind }`) throws ApiError. */
export async function call<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError('The server could not be reached. Check your connection and try again.', 0, 'network');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body as { error?: unknown; kind?: unknown } | null;
    throw new ApiError(
      typeof error?.error === 'string' ? error.error : `The server answered ${response.status} ${response.statusText}.`,
      response.status,
      typeof error?.kind === 'string' ? error.kind : 'unknown',
    );
  }
  return body as T;
}
