/**
 * Proposals over HTTP against a real server: delegations propose and react with commands, GET
 * /api/negotiations/:id lists every proposal with its fields for any reader, and `format=compilation`
 * exports the text with the open proposals under each paragraph in the conventional form (identical ones
 * once with every name), the decided ones too with `all=1`; a bad query is a 400 that says what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { plainText } from '../../shared/model/text-run.ts';
import type { NegotiationResponse, ProposalInfo } from '../../shared/protocol/api.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';

let server: TestServer;
serverPerFile((started) => (server = started));

/** A negotiation of the small draft with EU, NOR, G77 and KEN, a facilitator and an observer, and four proposals. */
async function negotiationWithProposals() {
  const { id } = await importDraft(server, smallDraft);
  const codes = ['EU', 'NOR', 'G77', 'KEN'] as const;
  for (const code of codes) await addDelegation(server, id, code, `Delegation ${code}`);
  const [facilitator, observer, ...delegations] = await Promise.all([
    invite(server, id, { role: Role.facilitator, label: 'Chair' }),
    invite(server, id, { role: Role.observer }),
    ...codes.map((code) => invite(server, id, { role: Role.delegation, delegation: code })),
  ]);
  const token = Object.fromEntries(codes.map((code, i) => [code, delegations[i]?.token ?? ''])) as Record<(typeof codes)[number], string>;
  const before = await getJson<NegotiationResponse>(server, `/api/negotiations/${id}`, observer.token);
  const [first, , second, third] = before.body.paragraphs;
  if (!first || !second || !third) throw new Error('the small draft has a heading and four paragraphs');
  const secondText = plainText(second.runs);

  const command = async (who: string, body: Record<string, unknown>) => {
    const answer = await sendCommand(server, id, who, body);
    expect(answer.status, answer.body.error).toBe(200);
    return answer.body.result ?? {};
  };
  const open = secondText.replace('sharing data', 'sharing open data');
  const eu = (await command(token.EU, { type: 'propose', paragraphId: second.id, kind: 'replace-text', text: open, rationale: 'Data should be open.' })).proposalId as string;
  const nor = (await command(token.NOR, { type: 'propose', paragraphId: second.id, kind: 'replace-text', text: open })).proposalId as string;
  const g77 = (await command(token.G77, { type: 'propose', paragraphId: third.id, kind: 'delete-paragraph' })).proposalId as string;
  const ken = (await command(token.KEN, { type: 'propose', paragraphId: null, afterParagraphId: third.id, kind: 'insert-paragraph', text: 'We will review progress every two years.' })).proposalId as string;
  await command(token.G77, { type: 'react-to-proposal', proposalId: eu, reaction: 'oppose' });
  await command(token.KEN, { type: 'react-to-proposal', proposalId: eu, reaction: 'support' });
  await command(token.EU, { type: 'react-to-proposal', proposalId: nor, reaction: 'support' });
  return { id, tokens: { facilitator: facilitator.token, observer: observer.token, ...token }, paragraphs: { first, second, third }, secondText, open, ids: { eu, nor, g77, ken } };
}

async function exportText(id: string, query: string, token: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${server.url}/api/negotiations/${id}/export?${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('proposals over HTTP', () => {
  it('GET /api/negotiations/:id lists every proposal with its fields, oldest first, for any reader', async () => {
    const n = await negotiationWithProposals();
    const { status, body } = await getJson<NegotiationResponse>(server, `/api/negotiations/${n.id}`, n.tokens.observer);
    expect(status).toBe(200);
    expect(body.proposals.map((p) => p.id)).toEqual([n.ids.eu, n.ids.nor, n.ids.g77, n.ids.ken]);
    const eu = body.proposals[0] as ProposalInfo;
    expect(Object.keys(eu).sort()).toEqual(['afterParagraphId', 'basedOn', 'createdAt', 'decision', 'delegation', 'id', 'kind', 'opponents', 'paragraphId', 'rationale', 'status', 'supporters', 'text'].sort());
    expect(eu).toMatchObject({
      paragraphId: n.paragraphs.second.id,
      afterParagraphId: null,
      delegation: 'EU',
      kind: 'replace-text',
      text: n.open,
      basedOn: n.secondText,
      status: 'pending',
      supporters: ['KEN'],
      opponents: ['G77'],
      rationale: 'Data should be open.',
      decision: null,
    });
    expect(Number.isNaN(Date.parse(eu.createdAt))).toBe(false);
    expect(body.proposals[3]).toMatchObject({ paragraphId: null, afterParagraphId: n.paragraphs.third.id, delegation: 'KEN', kind: 'insert-paragraph', text: 'We will review progress every two years.' });
    // The same answer for a delegation and the admin.
    const asKenya = await getJson<NegotiationResponse>(server, `/api/negotiations/${n.id}`, n.tokens.KEN);
    expect(asKenya.body.proposals).toEqual(body.proposals);
    // A negotiation without proposals lists none.
    const { id } = await importDraft(server, smallDraft);
    expect((await getJson<NegotiationResponse>(server, `/api/negotiations/${id}`)).body.proposals).toEqual([]);
  });

  it('exports the compilation: each paragraph, its open proposals under it, identical ones once with every name', async () => {
    const n = await negotiationWithProposals();
    const { status, text, type } = await exportText(n.id, 'format=compilation', n.tokens.observer);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain/);
    const blocks = text.trimEnd().split('\n\n');
    // A heading and four paragraphs, nothing more: no title block in a compilation.
    expect(blocks).toHaveLength(5);
    expect(blocks[0]).toMatch(/^1\. We, the representatives of States/);
    expect(blocks[2]?.split('\n').slice(1)).toEqual(['EU, NOR: insert "open" after "sharing" (supported by KEN; opposed by G77)']);
    expect(blocks[3]).toBe(['3. We will strengthen capacity building in developing countries.', 'G77: delete', 'KEN: insert after: "We will review progress every two years."'].join('\n'));
    expect(blocks[4]?.split('\n')).toHaveLength(1);
  });

  it('leaves decided proposals out unless all=1, which lists them with their status', async () => {
    const n = await negotiationWithProposals();
    expect((await sendCommand(server, n.id, n.tokens.facilitator, { type: 'reject-proposal', proposalId: n.ids.g77 })).status).toBe(200);
    expect((await sendCommand(server, n.id, n.tokens.KEN, { type: 'withdraw-proposal', proposalId: n.ids.ken })).status).toBe(200);
    const open = await exportText(n.id, 'format=compilation', n.tokens.EU);
    expect(open.text).toContain('3. We will strengthen capacity building in developing countries.\n\n');
    const all = await exportText(n.id, 'format=compilation&all=1', n.tokens.EU);
    expect(all.text).toContain(
      ['3. We will strengthen capacity building in developing countries.', 'G77: delete — rejected', 'KEN: insert after: "We will review progress every two years." — withdrawn'].join('\n'),
    );
    const listed = await getJson<NegotiationResponse>(server, `/api/negotiations/${n.id}`, n.tokens.observer);
    expect(listed.body.proposals.find((p) => p.id === n.ids.g77)).toMatchObject({ status: 'rejected', decision: { status: 'rejected' } });
  });

  it('refuses a bad export query with a 400 that says what is wrong, and a stranger with a 401', async () => {
    const n = await negotiationWithProposals();
    const unknown = await exportText(n.id, 'format=pdf', n.tokens.observer);
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).error).toMatch(/available: txt, compilation/);
    const badAll = await exportText(n.id, 'format=compilation&all=yes', n.tokens.observer);
    expect(badAll.status).toBe(400);
    expect(JSON.parse(badAll.text).error).toBe('"all" is 1 (list decided proposals too, with their status) or 0.');
    const allOnText = await exportText(n.id, 'format=txt&all=1', n.tokens.observer);
    expect(allOnText.status).toBe(400);
    expect(JSON.parse(allOnText.text).error).toMatch(/format=compilation only/);
    expect((await exportText(n.id, 'format=compilation', 'forged.token.value')).status).toBe(401);
  });
});
