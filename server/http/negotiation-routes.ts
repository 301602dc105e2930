/**
 * /api/negotiations: import a zero draft, list, read and export negotiations.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { InvalidInputError, TooLargeError } from '../../shared/errors.ts';
import type { CreatedNegotiation, NegotiationResponse } from '../../shared/protocol/api.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { linkOrigin, requireAdmin, requireReader } from './access.ts';
import type { AppContext } from './app-context.ts';

const exportFormats = ['txt'] as const;

/** The negotiation routes. */
export function negotiationRoutes(app: AppContext): Hono {
  const routes = new Hono();

  routes.get('/', async (c) => {
    requireAdmin(c, app);
    return c.json(await app.negotiations.list());
  });

  routes.post(
    '/',
    bodyLimit({
      maxSize: app.limits.maxImportBytes,
      onError: () => {
        throw new TooLargeError(`The text is larger than ${Math.round(app.limits.maxImportBytes / 1024)} KiB.`);
      },
    }),
    async (c) => {
      requireAdmin(c, app);
      const type = c.req.header('content-type') ?? 'text/plain';
      if (!/^text\/(plain|markdown)\b/i.test(type)) {
        throw new InvalidInputError(`Send the zero draft as plain text (Content-Type: text/plain), not ${type}.`);
      }
      const text = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
      const created = await app.negotiations.createFromText(text);
      const invitation = await app.invitations.create(created.record.id, { role: Role.facilitator, label: 'Secretariat' }, linkOrigin(c, app));
      const body: CreatedNegotiation = { id: created.record.id, title: created.record.title, paragraphs: created.paragraphs, headings: created.headings, url: invitation.url };
      return c.json(body, 201);
    },
  );

  routes.get('/:id', async (c) => {
    const id = c.req.param('id');
    await requireReader(c, app, id);
    const body: NegotiationResponse = { id, ...(await app.negotiations.read(id)) };
    return c.json(body);
  });

  routes.get('/:id/export', async (c) => {
    const id = c.req.param('id');
    await requireReader(c, app, id);
    const format = c.req.query('format') ?? 'txt';
    if (!(exportFormats as readonly string[]).includes(format)) {
      throw new InvalidInputError(`Unknown export format "${format}"; available: ${exportFormats.join(', ')}.`);
    }
    const holders = c.req.query('holders');
    if (holders !== undefined && holders !== '0' && holders !== '1') throw new InvalidInputError('"holders" is 1 (write who holds each bracket) or 0.');
    c.header('Content-Disposition', `inline; filename="${id}.txt"`);
    return c.text(await app.negotiations.exportPlainText(id, { holders: holders === '1' }));
  });

  return routes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError('The file is not UTF-8 text. If it is a Word document or a PDF, save it as plain text (.txt) first.');
  }
}
