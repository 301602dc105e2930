/**
 * /api/negotiations/:id/delegations: the list of delegations, managed by facilitators. The list lives in
 * the document, so every participant sees a change at once.
 */
import { Hono } from 'hono';
import { NotFoundError } from '../../shared/errors.ts';
import { getDelegations, readDelegations, validateDelegation } from '../../shared/model/delegations.ts';
import { requireFacilitator, requireReader } from './access.ts';
import type { AppContext } from '../app-context.ts';
import { readJson } from './read-json.ts';

/** The delegation routes, mounted under /api/negotiations. */
export function delegationRoutes(app: AppContext): Hono {
  const routes = new Hono();

  routes.get('/:id/delegations', async (c) => {
    const id = c.req.param('id');
    await requireReader(c, app, id);
    return c.json(await app.registry.withRoom(id, (room) => readDelegations(room.doc)));
  });

  routes.put('/:id/delegations/:code', async (c) => {
    const id = c.req.param('id');
    await requireFacilitator(c, app, id);
    const body = (await readJson(c)) as { name?: unknown } | null;
    const delegation = validateDelegation(c.req.param('code'), body?.name);
    await app.registry.withRoom(id, (room) =>
      room.applyServerChange((doc) => getDelegations(doc).set(delegation.code, { name: delegation.name })),
    );
    return c.json(delegation);
  });

  routes.delete('/:id/delegations/:code', async (c) => {
    const id = c.req.param('id');
    await requireFacilitator(c, app, id);
    const code = c.req.param('code');
    const known = await app.registry.withRoom(id, (room) => getDelegations(room.doc).has(code));
    if (!known) throw new NotFoundError(`This negotiation has no delegation "${code}".`);
    // Links first: a failure in between must not leave working links to a delegation that is gone.
    const revoked = await app.invitations.revokeDelegation(id, code);
    await app.registry.withRoom(id, (room) => room.applyServerChange((doc) => getDelegations(doc).delete(code)));
    return c.json({ removed: code, revokedInvitations: revoked });
  });

  return routes;
}
