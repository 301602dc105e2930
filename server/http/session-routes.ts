/**
 * /api/session: who an invitation token says you are, for the page to show.
 */
import { Hono } from 'hono';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import { presenceUser } from '../auth/identity.ts';
import { requestToken } from './access.ts';
import type { AppContext } from '../app-context.ts';

/** The session route. */
export function sessionRoutes(app: AppContext): Hono {
  const routes = new Hono();
  routes.get('/', async (c) => {
    const identity = await app.auth.authenticate(requestToken(c));
    const record = await app.storage.getNegotiation(identity.negotiationId);
    const body: SessionInfo = {
      negotiationId: identity.negotiationId,
      title: record?.title ?? '',
      role: identity.role,
      delegation: identity.delegation,
      name: identity.name,
      invitationId: identity.invitationId,
      color: presenceUser(identity).color,
    };
    return c.json(body);
  });
  return routes;
}
