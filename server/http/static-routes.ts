/**
 * The built client: assets from dist/client, and index.html for the page routes (/ and /n/:id).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';

/** Serves the client built into `clientDir`; answers 503 with a hint when it has not been built. */
export function staticRoutes(clientDir: string): Hono {
  const routes = new Hono();
  const indexFile = join(clientDir, 'index.html');
  const page = () => (existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : null);
  const servePage = (c: Context) => {
    const html = page();
    return html === null ? c.text('The client is not built yet: run `npm run build` (npm start does it).', 503) : c.html(html);
  };
  routes.get('/', (c) => servePage(c));
  routes.get('/n/*', (c) => servePage(c));
  routes.use('/*', serveStatic({ root: clientDir }));
  return routes;
}
