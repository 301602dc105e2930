/**
 * /api/negotiations/:id/commands and /activity: decisions over HTTP (the page and scripts alike) and the
 * record of who did what. A refused command answers 403 (the role may not), 409 (the text changed
 * meanwhile) or 400 (malformed), with the reason; the sender's websocket is not touched.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { InvalidInputError, TooLargeError } from '../../shared/errors.ts';
import type { CommandActor } from '../../shared/commands/decision.ts';
import type { ActivityPage } from '../../shared/protocol/activity.ts';
import { commandSchema, type CommandAnswer } from '../../shared/protocol/commands.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { requireReader, type Access } from './access.ts';
import type { AppContext } from '../app-context.ts';
import { readJson } from './read-json.ts';

const maxCommandBytes = 64 * 1024;
const defaultPage = 50;
const maxPage = 200;

/** The command and activity routes. */
export function commandRoutes(app: AppContext): Hono {
  const routes = new Hono();

  routes.post(
    '/:id/commands',
    bodyLimit({
      maxSize: maxCommandBytes,
      onError: () => {
        throw new TooLargeError(`A command is at most ${maxCommandBytes / 1024} KiB.`);
      },
    }),
    async (c) => {
      const id = c.req.param('id');
      const access = await requireReader(c, app, id);
      const parsed = commandSchema.safeParse(await readJson(c));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InvalidInputError(`Not a command: ${issue ? `${issue.message}${issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''}` : 'invalid'}.`);
      }
      const { result } = await app.negotiations.command(id, actorOf(access), parsed.data);
      const body: CommandAnswer = { ok: true, result };
      return c.json(body);
    },
  );

  routes.get('/:id/activity', async (c) => {
    const id = c.req.param('id');
    await requireReader(c, app, id);
    const limit = boundedInteger(c.req.query('limit'), 'limit', 1, maxPage) ?? defaultPage;
    const before = boundedInteger(c.req.query('before'), 'before', 1, Number.MAX_SAFE_INTEGER);
    const paragraphId = c.req.query('paragraph');
    if (paragraphId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(paragraphId)) throw new InvalidInputError('"paragraph" is a paragraph id.');
    const entries = await app.negotiations.activity(id, { limit: limit + 1, ...(before !== undefined ? { before } : {}), ...(paragraphId ? { paragraphId } : {}) });
    const page: ActivityPage = { entries: entries.slice(0, limit), next: entries.length > limit ? (entries[limit - 1]?.id ?? null) : null };
    return c.json(page);
  });

  return routes;
}

/** Who takes a decision: the invitation's identity, or the admin acting as the secretariat. */
function actorOf(access: Access): CommandActor {
  if (access.admin) return { role: Role.facilitator, delegation: null, name: 'Secretariat' };
  const { role, delegation, name } = access.identity;
  return { role, delegation, name };
}

function boundedInteger(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidInputError(`"${name}" is a whole number from ${min} to ${max}.`);
  return value;
}
