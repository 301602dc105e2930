/**
 * /api/health: whether the server answers, and how much it holds in memory (for operators and tests).
 */
import { Hono } from 'hono';
import type { AppContext } from '../app-context.ts';

/** The health route. */
export function healthRoutes(app: AppContext): Hono {
  const routes = new Hono();
  routes.get('/', async (c) => {
    const rooms = await app.registry.loadedRooms();
    return c.json({
      ok: true,
      roomsLoaded: app.registry.size,
      connections: rooms.reduce((sum, room) => sum + room.connections.size, 0),
      // Open websockets (including those closing) and the bytes they hold unsent, against the budget.
      sockets: app.connectionCaps.total,
      unsentBytes: app.sendBudget.unsentBytes,
      sendBudgetBytes: app.limits.sendBudgetBytes,
      // Where the process's memory is: resident, the JavaScript heap, and buffers outside it.
      memory: (({ rss, heapTotal, heapUsed, external, arrayBuffers }) => ({ rss, heapTotal, heapUsed, external, arrayBuffers }))(process.memoryUsage()),
    });
  });
  return routes;
}
