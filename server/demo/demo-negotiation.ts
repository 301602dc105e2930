/**
 * The demo negotiation: created on first start from the sample draft, with a few delegations, a first
 * reading under way (demo-reading.ts) and one invitation per role, so a new user has links to open at once.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDelegations } from '../../shared/model/delegations.ts';
import { Role } from '../../shared/protocol/presence.ts';
import type { AppContext } from '../app-context.ts';
import type { IssuedInvitation } from '../invitations/invitation-service.ts';
import { demoDelegations, demoDraftText } from './demo-draft.ts';
import { demoChairLabel, playDemoReading } from './demo-reading.ts';

/** The demo negotiation's id and its invitation links. */
export interface Demo {
  id: string;
  title: string;
  invitations: IssuedInvitation[];
}

/** Creates the demo on first start (remembered in `dataDir/demo.json`); returns it with links on `origin`. */
export async function ensureDemo(app: AppContext, dataDir: string, origin: string): Promise<Demo | null> {
  const file = join(dataDir, 'demo.json');
  let id = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { id: string }).id : null;
  if (id && !(await app.storage.getNegotiation(id))) id = null;
  if (!id) {
    id = await createDemo(app, origin);
    writeFileSync(file, JSON.stringify({ id }) + '\n');
  }
  const record = await app.storage.getNegotiation(id);
  const invitations = await app.invitations.list(id, origin);
  return record ? { id, title: record.title, invitations } : null;
}

async function createDemo(app: AppContext, origin: string): Promise<string> {
  const { record } = await app.negotiations.createFromText(demoDraftText);
  await app.registry.withRoom(record.id, (room) =>
    room.applyServerChange((doc) => {
      for (const { code, name } of demoDelegations) getDelegations(doc).set(code, { name });
    }),
  );
  await playDemoReading(app, record.id);
  await app.invitations.create(record.id, { role: Role.facilitator, label: demoChairLabel }, origin);
  for (const code of ['G77', 'EU', 'KEN']) await app.invitations.create(record.id, { role: Role.delegation, delegation: code }, origin);
  await app.invitations.create(record.id, { role: Role.observer }, origin);
  return record.id;
}
