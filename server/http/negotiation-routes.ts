/**
 * /api/negotiations: import a zero draft, list, read (the text with its proposals) and export negotiations
 * (`format=txt`, the text; `format=compilation`, the text with the open proposals under each paragraph).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { InvalidInputError, TooLargeError } from '../../shared/errors.ts';
import type { CreatedNegotiation } from '../../shared/protocol/api.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { linkOrigin, requireAdmin, requireReader } from './access.ts';
import type { AppContext } from '../app-context.ts';
import { exportCompilation, readWithProposals } from './negotiation-reading.ts';
import { exportFormats } from '../../shared/protocol/api.ts';

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
    return c.json(await readWithProposals(app, id));
  });

  routes.get('/:id/export', async (c) => {
    const id = c.req.param('id');
    await requireReader(c, app, id);
    const format = c.req.query('format') ?? 'txt';
    if (!(exportFormats as readonly string[]).includes(format)) {
      throw new InvalidInputError(`Unknown export format "${format}"; available: ${exportFormats.join(', ')}.`);
    }
    const holders = flag(c.req.query('holders'), 'holders', 'write who holds each bracket');
    const all = flag(c.req.query('all'), 'all', 'list decided proposals too, with their status');
    if (all && format !== 'compilation') throw new InvalidInputError('"all" goes with format=compilation only.');
    if (format === 'compilation') {
      const text = await exportCompilation(app, id, { holders, all });
      c.header('Content-Disposition', `inline; filename="${id}-compilation.txt"`);
      return c.text(text);
    }
    if (format === 'docx') {
      const document = await app.negotiations.exportWord(id, { holders });
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      c.header('Content-Disposition', `attachment; filename="${id}.docx"`);
      return c.body(new Uint8Array(document));
    }
    c.header('Content-Disposition', `inline; filename="${id}.txt"`);
    return c.text(await app.negotiations.exportPlainText(id, { holders }));
  });

  return routes;
}

// A query flag: absent or 0 is false, 1 is true, anything else a 400 that says what it means.
function flag(raw: string | undefined, name: string, meaning: string): boolean {
  if (raw !== undefined && raw !== '0' && raw !== '1') throw new InvalidInputError(`"${name}" is 1 (${meaning}) or 0.`);
  return raw === '1';
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInputError('The file is not UTF-8 text. If it is a Word document or a PDF, save it as plain text (.txt) first.');
  }
}
