/**
 * /api/negotiations/:id/invitations: facilitators (or the admin) create, list and revoke invitation links.
 */
import { Hono } from 'hono';
import { InvalidInputError } from '../../shared/errors.ts';
import { invitationRequest } from '../invitations/invitation-service.ts';
import { linkOrigin, requireFacilitator } from './access.ts';
import type { AppContext } from '../app-context.ts';
import { readJson } from './read-json.ts';

/** The invitation routes, mounted under /api/negotiations/:id/invitations. */
export function invitationRoutes(app: AppContext): Hono {
  const routes = new Hono();

  routes.get('/:id/invitations', async (c) => {
    const id = c.req.param('id');
    await requireFacilitator(c, app, id);
    return c.json(await app.invitations.list(id, linkOrigin(c, app)));
  });

  routes.post('/:id/invitations', async (c) => {
    const id = c.req.param('id');
    await requireFacilitator(c, app, id);
    const parsed = invitationRequest.safeParse(await readJson(c));
    if (!parsed.success) {
      throw new InvalidInputError(`Invalid invitation: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}.`);
    }
    const issued = await app.invitations.create(id, parsed.data, linkOrigin(c, app));
    return c.json(issued, 201);
  });

  routes.delete('/:id/invitations/:invitationId', async (c) => {
    const id = c.req.param('id');
    await requireFacilitator(c, app, id);
    const closed = await app.invitations.revoke(id, c.req.param('invitationId'));
    return c.json({ revoked: true, closedConnections: closed });
  });

  return routes;
}
