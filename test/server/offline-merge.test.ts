/**
 * Class 9 of issue 6 through a real server: a delegation works offline (words typed into two of its
 * proposals, one of which the facilitators reject meanwhile, and a support written raw by a modified
 * page). Sent as y-websocket sends it on reconnecting, the batch is refused whole (4403). Merged back with
 * shared/offline, each still-allowed intent travels as its own message: the server keeps the words typed
 * into the pending proposal, refuses nothing, and the rejected proposal's words stay as they were decided;
 * the support is listed as not kept (reactions are commands). A facilitator's offline decisions (a status, a
 * move, a source annotation) are never replayed raw: they are listed as not kept, to be taken again as
 * commands; and edits to a paragraph another facilitator agreed meanwhile are dropped with that reason. A
 * facilitator's offline edits to the text of several paragraphs are kept, merged with others' typing,
 * except in the paragraph agreed meanwhile: that one alone is listed.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getOrder, getParagraphs, readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposals, getProposalText, ProposalField } from '../../shared/model/proposal.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { OfflineMerger, reportLines } from '../../shared/offline/merge.ts';
import { mergeNotice } from '../../client/sync/merge-notice.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { addDelegation, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';
import { paragraphPlainText, paragraphXmlText } from '../helpers/paragraph-text.ts';
import { commandOk, proposeByCommand } from '../helpers/hostile-negotiation.ts';
import { proposalXmlText } from '../helpers/test-proposals.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

/** A proposal's words as plain text. */
function words(doc: Y.Doc, proposalId: string): string {
  const fragment = getProposalText(doc, proposalId);
  return fragment ? plainText(readRuns(fragment)) : '';
}

function reactions(doc: Y.Doc, proposalId: string): Record<string, unknown> {
  return (getProposals(doc).get(proposalId)?.get(ProposalField.reactions) as Y.Map<unknown>).toJSON();
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

/** A small draft with a chair and an observer connected, the three links, and the four numbered paragraphs. */
async function chairsAndObserver() {
  const { id } = await importDraft(server, smallDraft);
  const [chairLink, viceLink, observerLink] = await Promise.all([
    invite(server, id, { role: 'facilitator', label: 'Chair' }),
    invite(server, id, { role: 'facilitator', label: 'Vice-chair' }),
    invite(server, id, { role: 'observer' }),
  ]);
  const chair = await client(id, chairLink.token);
  const observer = await client(id, observerLink.token);
  const [first, second, third, fourth] = readOrder(chair.doc).filter((pid) => getParagraphs(chair.doc).get(pid)?.get('kind') === 'paragraph') as [string, string, string, string];
  return { id, chairLink, viceLink, observerLink, chair, observer, first, second, third, fourth };
}

describe('offline work merged back after the server refuses the batch', () => {
  it('keeps the words typed into the pending proposal, drops those in the one rejected meanwhile and the raw support, and the server refuses nothing more', async () => {
    const { id } = await importDraft(server, smallDraft);
    await addDelegation(server, id, 'KEN', 'Kenya');
    await addDelegation(server, id, 'EU', 'European Union');
    const [facilitatorLink, kenLink, euLink] = await Promise.all([
      invite(server, id, { role: 'facilitator' }),
      invite(server, id, { role: 'delegation', delegation: 'KEN' }),
      invite(server, id, { role: 'delegation', delegation: 'EU' }),
    ]);
    const eu = await client(id, euLink.token);
    const ken = await client(id, kenLink.token);
    const [first, second] = readOrder(ken.doc).filter((pid) => getParagraphs(ken.doc).get(pid)?.get('kind') === 'paragraph') as [string, string];
    const euProposal = await proposeByCommand(server, id, euLink.token, eu.doc, 'EU', second, 'EU words');
    const kenProposal = await proposeByCommand(server, id, kenLink.token, ken.doc, 'KEN', second, 'KEN words');
    const kenFirst = await proposeByCommand(server, id, kenLink.token, ken.doc, 'KEN', first, 'KEN words on one');
    await waitFor(ken.doc, () => getProposals(ken.doc).has(euProposal), 5000, 'EU proposal at KEN');

    // KEN goes offline and types into both its proposals; a modified page also writes a support raw.
    ken.provider.disconnect();
    proposalXmlText(ken.doc, kenProposal).insert(0, 'edited offline: ');
    proposalXmlText(ken.doc, kenFirst).insert(0, 'Nairobi: ');
    (getProposals(ken.doc).get(euProposal)?.get(ProposalField.reactions) as Y.Map<unknown>).set('KEN', 'support');
    // Meanwhile the facilitators reject KEN's proposal on ¶2.
    await commandOk(server, id, facilitatorLink.token, { type: 'reject-proposal', proposalId: kenProposal });
    await waitFor(eu.doc, () => getProposals(eu.doc).get(kenProposal)?.get(ProposalField.status) === 'rejected', 5000, 'the rejection');

    // Reconnecting sends the whole batch in one message: refused whole, as today.
    ken.provider.connect();
    await eventually(() => ken.closes.some((close) => close.code === CloseCode.forbidden), 5000, 'the 4403');
    ken.provider.disconnect();
    expect(words(eu.doc, kenFirst)).toBe('KEN words on one');
    expect(reactions(eu.doc, euProposal)).toEqual({});

    // The page's way: a fresh copy from the server, the refused copy's work replayed intent by intent.
    const fresh = await client(id, kenLink.token);
    const origin = Symbol('merge');
    const sent = countSent(fresh.doc, origin);
    const report = new OfflineMerger().merge(ken.doc, fresh.doc, { role: 'delegation', delegation: 'KEN' }, 'the server refused it again', origin);
    expect([...reportLines(report)].sort()).toEqual([
      'Your edits to the words of your proposal on paragraph 1 were kept.',
      'Your edits to the words of your proposal on paragraph 2 were not kept: it was rejected by the facilitators meanwhile.',
      'Your support for the proposal by EU on paragraph 2 was not kept: support and opposition are recorded only online: give it again once online.',
    ]);
    expect(sent.count()).toBe(1);

    // Everyone sees the kept words; the rejected proposal is as the facilitators left it; no refusal.
    await waitFor(eu.doc, () => words(eu.doc, kenFirst) === 'Nairobi: KEN words on one', 5000, 'the kept words at EU');
    expect(words(eu.doc, kenProposal)).toBe('KEN words');
    expect(reactions(eu.doc, euProposal)).toEqual({});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fresh.closes).toEqual([]);

    // It is stored: a new client reads it back.
    const later = await client(id, facilitatorLink.token);
    expect(words(later.doc, kenFirst)).toBe('Nairobi: KEN words on one');
    expect(words(later.doc, kenProposal)).toBe('KEN words');
  });

  it('lists a facilitator’s offline status change, move and source annotations as not kept, drops edits to a paragraph agreed meanwhile, keeps the rest', async () => {
    const { id, chairLink, viceLink, chair, observer, first, second, third, fourth } = await chairsAndObserver();

    // The chair goes offline: marks ¶3 agreed, moves the last paragraph up, edits ¶2 (agreed meanwhile) and ¶1.
    chair.provider.disconnect();
    getParagraphs(chair.doc).get(third)?.set('status', 'agreed');
    chair.doc.transact(() => {
      const order = getOrder(chair.doc);
      const moved = order.get(order.length - 1);
      order.delete(order.length - 1, 1);
      order.insert(0, [moved]);
    });
    paragraphXmlText(chair.doc, second).insert(0, 'Offline words. ');
    getParagraphs(chair.doc).get(second)?.set('source', 'written offline');
    getParagraphs(chair.doc).get(first)?.set('source', 'GCM para 49');
    paragraphXmlText(chair.doc, fourth).insert(0, 'Offline in four. ');
    // Meanwhile the vice-chair marks ¶2 agreed, by a command.
    expect((await sendCommand(server, id, viceLink.token, { type: 'set-status', paragraphId: second, status: 'agreed' })).status).toBe(200);
    await waitFor(observer.doc, () => getParagraphs(observer.doc).get(second)?.get('status') === 'agreed', 5000, 'the agreement');

    // Reconnecting sends the batch in one message: refused whole (it carries decisions).
    chair.provider.connect();
    await eventually(() => chair.closes.some((close) => close.code === CloseCode.forbidden), 5000, 'the 4403');
    chair.provider.disconnect();

    const fresh = await client(id, chairLink.token);
    const origin = Symbol('merge');
    const sent = countSent(fresh.doc, origin);
    const report = new OfflineMerger().merge(chair.doc, fresh.doc, { role: 'facilitator', delegation: null }, 'the server refused it again', origin);
    expect([...reportLines(report)].sort()).toEqual([
      'Your change to the order of paragraphs was not kept: moving paragraphs is a decision: take it again once online.',
      'Your change to the source annotation of paragraph 1 was not kept: source annotations are set online only: set it again once online.',
      'Your change to the source annotation of paragraph 2 was not kept: source annotations are set online only: set it again once online.',
      'Your change to the status of paragraph 3 was not kept: status changes are decisions: take them again once online.',
      'Your edits to the text of paragraph 2 were not kept: paragraph 2 was agreed meanwhile; a facilitator must reopen it before it changes.',
      'Your edits to the text of paragraph 4 were kept.',
    ]);
    expect(sent.count()).toBe(1);

    await waitFor(observer.doc, () => paragraphPlainText(observer.doc, fourth).startsWith('Offline in four. '), 5000, 'the kept text edit');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(getParagraphs(observer.doc).get(first)?.get('source')).not.toBe('GCM para 49');
    expect(fresh.closes).toEqual([]);
    expect(getParagraphs(observer.doc).get(third)?.get('status')).toBe('pending');
    expect(getParagraphs(observer.doc).get(second)?.get('source')).toBe('');
    expect(paragraphXmlText(observer.doc, second).toString()).not.toContain('Offline words');
    expect(readOrder(observer.doc)).toEqual(readOrder(fresh.doc));
  });

  it('keeps a facilitator’s offline text edits in paragraphs still open, with others’ words, and lists only the paragraph agreed meanwhile', async () => {
    const { id, chairLink, viceLink, observerLink, chair, observer, first, second, third } = await chairsAndObserver();
    const vice = await client(id, viceLink.token);
    const secondBefore = paragraphPlainText(observer.doc, second);

    // The chair goes offline and edits the text of ¶1, ¶2 and ¶3.
    chair.provider.disconnect();
    paragraphXmlText(chair.doc, first).insert(0, 'Chair offline one. ');
    paragraphXmlText(chair.doc, second).insert(0, 'Chair offline two. ');
    const chairThird = paragraphXmlText(chair.doc, third);
    chairThird.insert(chairThird.length - 1, ', as the chair wrote offline');
    // Meanwhile the vice-chair marks ¶2 agreed by a command and types at the start of ¶3.
    expect((await sendCommand(server, id, viceLink.token, { type: 'set-status', paragraphId: second, status: 'agreed' })).status).toBe(200);
    vice.doc.transact(() => paragraphXmlText(vice.doc, third).insert(0, 'As the vice-chair typed, '));
    await waitFor(observer.doc, () => getParagraphs(observer.doc).get(second)?.get('status') === 'agreed' && paragraphPlainText(observer.doc, third).startsWith('As the vice-chair typed, '), 5000, 'the agreement and the vice-chair’s words');

    // Reconnecting sends the batch in one message: refused whole (it edits the agreed ¶2).
    chair.provider.connect();
    await eventually(() => chair.closes.some((close) => close.code === CloseCode.forbidden), 5000, 'the 4403');
    chair.provider.disconnect();
    const refusal = chair.closes.find((close) => close.code === CloseCode.forbidden) as { code: number; reason: string };
    expect(paragraphPlainText(observer.doc, first)).not.toContain('Chair offline');

    const fresh = await client(id, chairLink.token);
    const origin = Symbol('merge');
    const sent = countSent(fresh.doc, origin);
    const report = new OfflineMerger().merge(chair.doc, fresh.doc, { role: 'facilitator', delegation: null }, 'the server refused it again', origin);
    const lines = reportLines(report);
    expect(lines).toEqual([
      'Your edits to the text of paragraph 2 were not kept: paragraph 2 was agreed meanwhile; a facilitator must reopen it before it changes.',
      'Your edits to the text of paragraph 1 were kept.',
      'Your edits to the text of paragraph 3 were kept.',
    ]);
    // One message per paragraph kept.
    expect(sent.count()).toBe(2);
    const notice = mergeNotice({ code: refusal.code, reason: refusal.reason, times: 1 }, lines, report.kept.length > 0).split('\n');
    expect(notice[0]).toMatch(/^The server refused a change from this page \(.+\)\. The page loaded the true text and sent again what is still allowed:$/);
    expect(notice).toContain(lines[0]);

    const firstText = 'Chair offline one. We, the representatives of States, meet to agree on cooperation.';
    const thirdText = 'As the vice-chair typed, We will strengthen capacity building in developing countries, as the chair wrote offline.';
    await waitFor(observer.doc, () => paragraphPlainText(observer.doc, first) === firstText && paragraphPlainText(observer.doc, third) === thirdText, 5000, 'the kept text edits');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fresh.closes).toEqual([]);
    expect(paragraphPlainText(observer.doc, second)).toBe(secondBefore);
    expect(paragraphPlainText(vice.doc, third)).toBe(thirdText);

    // Stored: a new client reads the merged text back.
    const later = await client(id, observerLink.token);
    expect([paragraphPlainText(later.doc, first), paragraphPlainText(later.doc, second), paragraphPlainText(later.doc, third)]).toEqual([firstText, secondBefore, thirdText]);
  });
});
