/**
 * `npm start`'s demo negotiation: a first reading under way, played through commands on first start and
 * never again on a restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NegotiationResponse } from '../../shared/protocol/api.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer | undefined;
afterAll(async () => server?.stop());

async function demo(running: TestServer): Promise<{ id: string; body: NegotiationResponse }> {
  await expect.poll(() => running.output(), { timeout: 30_000 }).toContain('Demo negotiation');
  const { id } = JSON.parse(readFileSync(join(running.dataDir, 'demo.json'), 'utf8')) as { id: string };
  const response = await fetch(`${running.url}/api/negotiations/${id}`, { headers: { authorization: `Bearer ${running.adminToken}` } });
  expect(response.status).toBe(200);
  return { id, body: (await response.json()) as NegotiationResponse };
}

describe('the demo negotiation', () => {
  it('starts with proposals, reactions, a bracket, statuses and the floor, each recorded as a decision', async () => {
    server = await startServer({ env: { DRAFTROOM_DEMO: 'on' } });
    const { id, body } = await demo(server);
    const byNumber = new Map(body.paragraphs.map((p) => [p.number, p]));
    expect(byNumber.get('1')?.status).toBe('agreed');
    expect(byNumber.get('2')?.status).toBe('agreed-ad-ref');
    expect(body.floor).toBe(byNumber.get('7')?.id);
    expect(byNumber.get('8')?.brackets?.map((b) => [b.text, b.holders.map((h) => `${h.delegation} ${h.stance}`)])).toEqual([
      ['so that every person is protected by 2027', ['USA delete', 'AOSIS retain']],
    ]);
    const proposals = body.proposals.map((p) => ({ delegation: p.delegation, kind: p.kind, status: p.status, supporters: p.supporters, opponents: p.opponents }));
    expect(proposals).toEqual([
      { delegation: 'EU', kind: 'replace-text', status: 'pending', supporters: ['AOSIS', 'NOR'], opponents: ['USA'] },
      { delegation: 'G77', kind: 'replace-text', status: 'pending', supporters: ['KEN'], opponents: [] },
      { delegation: 'USA', kind: 'retain', status: 'pending', supporters: [], opponents: [] },
      { delegation: 'KEN', kind: 'comment', status: 'pending', supporters: [], opponents: [] },
    ]);
    expect(body.proposals[0]?.text).toContain('adequate and predictable finance');
    const activity = await fetch(`${server.url}/api/negotiations/${id}/activity?limit=200`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const { entries } = (await activity.json()) as { entries: { actor: { name: string; role: string } }[] };
    expect(entries).toHaveLength(12);
    expect(entries.some((entry) => entry.actor.name === 'European Union' && entry.actor.role === 'delegation')).toBe(true);
    // The chair's steps carry the name its facilitator link shows in the room, not a second one.
    const chair = new Set(entries.filter((entry) => entry.actor.role === 'facilitator').map((entry) => entry.actor.name));
    expect([...chair]).toEqual(['Facilitator (Co-facilitator)']);
  }, 60_000);

  it('is not played again on a restart', async () => {
    const dataDir = (server as TestServer).dataDir;
    await server?.stop();
    server = await startServer({ dataDir, env: { DRAFTROOM_DEMO: 'on' } });
    const { body } = await demo(server);
    expect(body.proposals).toHaveLength(4);
  }, 60_000);
});
