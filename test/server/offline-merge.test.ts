/**
 * Class 9 of issue 6 through a real server: a delegation works offline (a new proposal, a support mark,
 * an edit to its proposal that the facilitators accept meanwhile). Sent as y-websocket sends it on
 * reconnecting, the batch is refused whole (4403). Merged back with shared/offline, each still-allowed
 * intent travels as its own message: the server keeps the proposal and the mark, refuses nothing, and the
 * accepted proposal stays as the facilitators left it.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readOrder, getParagraphs } from '../../shared/model/negotiation-doc.ts';
import { addProposal, getProposals, ProposalKind, setMark, type NewProposal } from '../../shared/model/proposal.ts';
import { OfflineMerger, reportLines } from '../../shared/offline/merge.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { addDelegation, importDraft, invite, smallDraft } from '../helpers/api.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

function proposal(delegation: string, paragraphId: string, text: string): NewProposal {
  return { paragraphId, afterParagraphId: null, delegation, kind: ProposalKind.replaceText, text, basedOn: '', rationale: '' };
}

async function client(negotiationId: string, token: string, doc?: Y.Doc): Promise<YClient> {
  const connected = connectClient(server, negotiationId, token, doc);
  cleanups.push(() => connected.destroy());
  await connected.synced;
  return connected;
}

/** Counts the messages the provider sends (one per local transaction while connected). */
function countSent(doc: Y.Doc, origin: unknown): { count: () => number } {
  let sent = 0;
  doc.on('update', (_update: Uint8Array, from: unknown) => {
    if (from === origin) sent += 1;
  });
  return { count: () => sent };
}

describe('offline work merged back after the server refuses the batch', () => {
  it('keeps the new proposal and the mark, drops the edit to the accepted proposal, and the server refuses nothing more', async () => {
    const { id } = await importDraft(server, smallDraft);
    await addDelegation(server, id, 'KEN', 'Kenya');
    await addDelegation(server, id, 'EU', 'European Union');
    const [facilitatorLink, kenLink, euLink] = await Promise.all([
      invite(server, id, { role: 'facilitator' }),
      invite(server, id, { role: 'delegation', delegation: 'KEN' }),
      invite(server, id, { role: 'delegation', delegation: 'EU' }),
    ]);
    const facilitator = await client(id, facilitatorLink.token);
    const eu = await client(id, euLink.token);
    const ken = await client(id, kenLink.token);
    const [first, second] = readOrder(ken.doc).filter((pid) => getParagraphs(ken.doc).get(pid)?.get('kind') === 'paragraph') as [string, string];
    const euProposal = addProposal(eu.doc, proposal('EU', second, 'EU words'));
    const kenProposal = addProposal(ken.doc, proposal('KEN', second, 'KEN words'));
    await waitFor(facilitator.doc, () => getProposals(facilitator.doc).has(euProposal) && getProposals(facilitator.doc).has(kenProposal), 5000, 'both proposals');
    await waitFor(ken.doc, () => getProposals(ken.doc).has(euProposal), 5000, 'EU proposal at KEN');

    // KEN goes offline and works.
    ken.provider.disconnect();
    addProposal(ken.doc, proposal('KEN', first, 'new words written offline'), 'r-offline-ken');
    setMark(ken.doc, euProposal, 'KEN', 'support');
    getProposals(ken.doc).get(kenProposal)?.set('text', 'edited offline');
    // Meanwhile the facilitators accept KEN's proposal.
    getProposals(facilitator.doc).get(kenProposal)?.set('status', 'accepted');
    await waitFor(eu.doc, () => getProposals(eu.doc).get(kenProposal)?.get('status') === 'accepted', 5000, 'the acceptance');

    // Reconnecting sends the whole batch in one message: refused whole, as today.
    ken.provider.connect();
    await eventually(() => ken.closes.some((close) => close.code === CloseCode.forbidden), 5000, 'the 4403');
    ken.provider.disconnect();
    expect(getProposals(eu.doc).has('r-offline-ken')).toBe(false);
    expect((getProposals(eu.doc).get(euProposal)?.get('marks') as Y.Map<unknown>).toJSON()).toEqual({});

    // The page's way: a fresh copy from the server, the refused copy's work replayed intent by intent.
    const fresh = await client(id, kenLink.token);
    const origin = Symbol('merge');
    const sent = countSent(fresh.doc, origin);
    const report = new OfflineMerger().merge(ken.doc, fresh.doc, { role: 'delegation', delegation: 'KEN' }, 'the server refused it again', origin);
    expect(reportLines(report)).toEqual([
      'Your edit to your proposal on paragraph 2 was not kept: it was accepted by the facilitators meanwhile.',
      'Your new proposal on paragraph 1 was kept.',
      'Your support for the proposal by EU on paragraph 2 was kept.',
    ]);
    expect(sent.count()).toBe(2);

    // Everyone sees the kept work; the accepted proposal is as the facilitators left it; no refusal.
    await waitFor(eu.doc, () => getProposals(eu.doc).get('r-offline-ken')?.get('text') === 'new words written offline', 5000, 'the new proposal at EU');
    await waitFor(eu.doc, () => (getProposals(eu.doc).get(euProposal)?.get('marks') as Y.Map<unknown>).get('KEN') === 'support', 5000, 'the mark at EU');
    expect(getProposals(eu.doc).get(kenProposal)?.toJSON()).toMatchObject({ text: 'KEN words', status: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fresh.closes).toEqual([]);

    // It is stored: a new client after the room was unloaded reads it from disk.
    const later = await client(id, facilitatorLink.token);
    expect(getProposals(later.doc).get('r-offline-ken')?.get('delegation')).toBe('KEN');
    expect((getProposals(later.doc).get(euProposal)?.get('marks') as Y.Map<unknown>).get('KEN')).toBe('support');
  });
});
