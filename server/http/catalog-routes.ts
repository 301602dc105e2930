/**
 * /api/delegation-catalog: the ready list of delegations (negotiating groups, UN Member States, observer
 * States) that facilitators pick from. Public, the same for everyone and static, so browsers may cache it.
 */
import { Hono } from 'hono';
import { catalog } from '../../shared/delegation-catalog.ts';

/** The catalog routes: GET / answers `catalog()` as JSON with `Cache-Control: public, max-age=86400`; no token needed. */
export function catalogRoutes(): Hono {
  const routes = new Hono();

  routes.get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json(catalog());
  });

  return routes;
}
