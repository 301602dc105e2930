/**
 * Who may call an API route: the admin token, or an invitation token of the right role for the
 * negotiation in the path. Tokens come as `Authorization: Bearer <token>` or `?token=` (for links).
 */
import type { Context } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { bearerToken } from '../auth/authenticator.ts';
import type { Identity } from '../auth/identity.ts';
import type { AppContext } from '../app-context.ts';

/** The caller: the admin, or a person with an invitation. */
export type Access = { admin: true } | { admin: false; identity: Identity };

/** The token a request carries, from the Authorization header or the `token` query parameter. */
export function requestToken(c: Context): string | undefined {
  return bearerToken(c.req.header('authorization')) ?? c.req.query('token') ?? undefined;
}

/** Requires the admin token; throws UnauthorizedError. */
export function requireAdmin(c: Context, app: AppContext): void {
  if (!app.auth.isAdmin(requestToken(c))) throw new UnauthorizedError('This needs the admin token (Authorization: Bearer <admin token>).');
}

/** Requires the admin or any invitation to negotiation `id`; throws UnauthorizedError. */
export async function requireReader(c: Context, app: AppContext, id: string): Promise<Access> {
  const token = requestToken(c);
  if (app.auth.isAdmin(token)) return { admin: true };
  const identity = await app.auth.authenticate(token);
  if (identity.negotiationId !== id) throw new UnauthorizedError('This invitation is for another negotiation.');
  return { admin: false, identity };
}

/** Requires the admin or a facilitator of negotiation `id`; throws UnauthorizedError or ForbiddenError. */
export async function requireFacilitator(c: Context, app: AppContext, id: string): Promise<Access> {
  const access = await requireReader(c, app, id);
  if (!access.admin && access.identity.role !== Role.facilitator) {
    throw new ForbiddenError(`Only facilitators may do this; this link is for ${access.identity.name}.`);
  }
  return access;
}

/** The origin to build links on: the configured public URL, else the request's own. */
export function linkOrigin(c: Context, app: AppContext): string {
  return app.publicUrl ?? new URL(c.req.url).origin;
}
