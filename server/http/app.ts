/**
 * The Hono application: API routes, the websocket route and the built client, with every error turned
 * into a status and a JSON body in one place, security headers on every response and ids in /api
 * addresses checked before any route.
 */
import { Hono } from 'hono';
import type { AppContext } from '../app-context.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { commandRoutes } from './command-routes.ts';
import { delegationRoutes } from './delegation-routes.ts';
import { httpErrorFor, isServerFault } from '../error-mapping.ts';
import { healthRoutes } from './health-routes.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { negotiationRoutes } from './negotiation-routes.ts';
import { checkPathSegments } from './path-params.ts';
import { securityHeaders } from './security-headers.ts';
import { sessionRoutes } from './session-routes.ts';
import { staticRoutes } from './static-routes.ts';

/** Builds the application over the server's parts. */
export function createApp(app: AppContext): Hono {
  const hono = new Hono();
  hono.onError((error, c) => {
    if (isServerFault(error)) app.logFault(`${c.req.method} ${c.req.path} failed`, error);
    const { status, body } = httpErrorFor(error);
    // The unread rest of an oversized body must not be taken for the next request on this connection.
    if (status === 413) c.header('Connection', 'close');
    return c.json(body, status);
  });
  hono.use(securityHeaders(app.publicUrl));
  hono.use('/api/*', checkPathSegments);
  hono.route('/api/negotiations', negotiationRoutes(app));
  hono.route('/api/negotiations', invitationRoutes(app));
  hono.route('/api/negotiations', delegationRoutes(app));
  hono.route('/api/negotiations', commandRoutes(app));
  hono.route('/api/session', sessionRoutes(app));
  hono.route('/api/health', healthRoutes(app));
  hono.route('/api/delegation-catalog', catalogRoutes());
  hono.all('/api/*', (c) => c.json({ error: `No API route ${c.req.method} ${c.req.path}.`, kind: 'not-found' }, 404));
  hono.route('/', staticRoutes(app.clientDir));
  return hono;
}
