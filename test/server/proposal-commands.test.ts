/**
 * Proposals over HTTP against a real server: a delegation tables an amendment, another supports it, a
 * facilitator accepts it and everyone sees the text change with the activity recorded; hostile senders
 * (marking as another delegation, withdrawing another's proposal, a delegation accepting, an observer
 * proposing) get 403 and change nothing; a proposal on an agreed paragraph is 409; a clashing acceptance is
 * 409 with where it clashes, then 200 with the clash resolved; an accepted deletion undone brings the
 * paragraph back to everyone as it was.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { anchorRange } from '../../shared/model/bracket.ts';
import { getParagraphText, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { getProposal, getProposalText, readProposal, type ProposalSnapshot } from '../../shared/model/proposal.ts';
import type { ActivityPage } from '../../shared/protocol/activity.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { paragraphPlainText, paragraphXmlText } from '../helpers/paragraph-text.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { storedState } from '../helpers/stored-state.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

async function room() {
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'EU', 'European Union');
  await addDelegation(server, id, 'G77', 'G77 and China');
  const [facilitator, observer, eu, g77] = await Promise.all([
    invite(server, id, { role: Role.facilitator, label: 'Chair' }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'EU' }),
    invite(server, id, { role: Role.delegation, delegation: 'G77' }),
  ]);
  const chair = client(id, facilitator.token);
  const watcher = client(id, observer.token);
  await Promise.all([chair.synced, watcher.synced]);
  const numbered = new Map(readNegotiation(chair.doc).paragraphs.map((p) => [p.number, p.id]));
  const para = (number: string) => numbered.get(number) as string;
  const tokens = { facilitator: facilitator.token, observer: observer.token, eu: eu.token, g77: g77.token };
  const send = (token: string, command: unknown) => sendCommand(server, id, token, command);
  return { id, tokens, chair, watcher, para, send };
}

function client(id: string, token: string): YClient {
  const c = connectClient(server, id, token);
  cleanups.push(() => c.destroy());
  return c;
}

function proposalIn(doc: Y.Doc, id: string): ProposalSnapshot | null {
  const map = getProposal(doc, id);
  return map ? readProposal(id, map) : null;
}

describe('proposals over HTTP', () => {
  it('a delegation proposes, another supports, a facilitator accepts: everyone sees it, the activity records each step', async () => {
    const r = await room();
    const three = r.para('3');
    const original = paragraphPlainText(r.chair.doc, three);
    const proposed = original.replace('capacity building', 'capacity building and technology transfer');
    const tabled = await r.send(r.tokens.eu, { type: 'propose', paragraphId: three, kind: 'replace-text', text: proposed, rationale: 'As in the 2030 Agenda.' });
    expect(tabled.status).toBe(200);
    const proposalId = tabled.body.result?.proposalId as string;
    expect(proposalId).toMatch(/^a/);
    expect((await r.send(r.tokens.g77, { type: 'react-to-proposal', proposalId, reaction: 'support' })).status).toBe(200);
    await waitFor(r.watcher.doc, () => proposalIn(r.watcher.doc, proposalId)?.supporters.includes('G77') === true, 5000, 'the proposal and its support');
    expect(proposalIn(r.watcher.doc, proposalId)).toMatchObject({ delegation: 'EU', text: proposed, basedOn: original, status: 'pending', rationale: 'As in the 2030 Agenda.' });

    const accepted = await r.send(r.tokens.facilitator, { type: 'accept-proposal', proposalId });
    expect(accepted).toEqual({ status: 200, body: { ok: true, result: { proposalId } } });
    await waitFor(r.watcher.doc, () => paragraphPlainText(r.watcher.doc, three) === proposed, 5000, 'the accepted text');
    expect(proposalIn(r.watcher.doc, proposalId)?.status).toBe('accepted');

    await eventually(async () => (await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${three}`, r.tokens.observer)).body.entries.length === 3, 5000, 'three entries');
    const { body } = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${three}`, r.tokens.observer);
    const entries = [...body.entries].reverse();
    expect(entries.map((e) => [e.action, e.actor.role, e.actor.delegation, e.summary])).toEqual([
      ['propose', 'delegation', 'EU', 'EU proposed to replace the text of paragraph 3'],
      ['react-to-proposal', 'delegation', 'G77', 'G77 supported EU’s proposal to amend paragraph 3'],
      ['accept-proposal', 'facilitator', null, 'accepted EU’s proposal to amend paragraph 3'],
    ]);
    expect(entries[2]).toMatchObject({ before: original, after: proposed });
  });

  it('hostile senders are refused with 403 and nothing changes', async () => {
    const r = await room();
    const two = r.para('2');
    const proposalId = (await r.send(r.tokens.eu, { type: 'propose', paragraphId: two, kind: 'retain' })).body.result?.proposalId as string;
    await waitFor(r.watcher.doc, () => proposalIn(r.watcher.doc, proposalId) !== null, 5000, 'the proposal');
    const before = await storedState(server, r.id);
    const attempts: [string, unknown, RegExp][] = [
      [r.tokens.g77, { type: 'react-to-proposal', proposalId, reaction: 'oppose', delegation: 'EU' }, /speaks for G77 only/],
      [r.tokens.g77, { type: 'propose', paragraphId: two, kind: 'delete-paragraph', delegation: 'EU' }, /speaks for G77 only/],
      [r.tokens.g77, { type: 'withdraw-proposal', proposalId }, /only EU or a facilitator may/],
      [r.tokens.eu, { type: 'accept-proposal', proposalId }, /only facilitators may/],
      [r.tokens.eu, { type: 'undo-decision', proposalId }, /only facilitators may/],
      [r.tokens.observer, { type: 'propose', paragraphId: two, kind: 'retain' }, /only facilitators and delegations may/],
      [r.tokens.observer, { type: 'react-to-proposal', proposalId, reaction: 'support' }, /only facilitators and delegations may/],
    ];
    for (const [token, command, reason] of attempts) {
      const answer = await r.send(token, command);
      expect(answer.status, JSON.stringify(command)).toBe(403);
      expect(answer.body.error).toMatch(reason);
    }
    expect(await storedState(server, r.id)).toEqual(before);
    expect(proposalIn(r.watcher.doc, proposalId)).toMatchObject({ status: 'pending', supporters: [], opponents: [] });
  });

  it('a proposal on an agreed paragraph is 409', async () => {
    const r = await room();
    const one = r.para('1');
    expect((await r.send(r.tokens.facilitator, { type: 'set-status', paragraphId: one, status: 'agreed' })).status).toBe(200);
    const answer = await r.send(r.tokens.eu, { type: 'propose', paragraphId: one, kind: 'replace-text' });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatch(/paragraph 1 is agreed: it takes no proposals until a facilitator reopens it/);
  });

  it('an accepted deletion undone: everyone sees the paragraph back under its id, as it was, and the activity records it', async () => {
    const r = await room();
    const two = r.para('2');
    // Paragraph 2 carries a footnote marker; it gets italic words from the chair's editor, a source and a bracket held by two delegations.
    const text = paragraphXmlText(r.chair.doc, two);
    r.chair.doc.transact(() => text.format(3, 'commit'.length, { italic: {} }));
    expect((await r.send(r.tokens.facilitator, { type: 'set-source', paragraphId: two, source: 'test report, para 2' })).status).toBe(200);
    const at = paragraphPlainText(r.chair.doc, two).indexOf('sharing data');
    const holders = [{ delegation: 'EU', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }];
    expect((await r.send(r.tokens.facilitator, { type: 'add-bracket', paragraphId: two, ...anchorRange(text, at, at + 'sharing data'.length), holders })).status).toBe(200);
    const read = (doc: Y.Doc) => readNegotiation(doc).paragraphs.find((p) => p.id === two);
    await waitFor(r.watcher.doc, () => read(r.watcher.doc)?.brackets?.length === 1 && read(r.watcher.doc)?.source !== '' && read(r.watcher.doc)?.runs.length === 3, 5000, 'the dressed paragraph');
    const before = read(r.watcher.doc);
    expect(before).toMatchObject({ number: '2', footnotes: [{ marker: '1' }], runs: [{ text: 'We ' }, { text: 'commit', marks: ['italic'] }, {}] });
    const order = readNegotiation(r.watcher.doc).paragraphs.map((p) => p.id);

    const proposalId = (await r.send(r.tokens.eu, { type: 'propose', paragraphId: two, kind: 'delete-paragraph' })).body.result?.proposalId as string;
    expect((await r.send(r.tokens.facilitator, { type: 'accept-proposal', proposalId })).status).toBe(200);
    await waitFor(r.watcher.doc, () => read(r.watcher.doc) === undefined, 5000, 'the deletion');
    const undone = await r.send(r.tokens.facilitator, { type: 'undo-decision', proposalId });
    expect(undone).toEqual({ status: 200, body: { ok: true, result: { proposalId, paragraphId: two } } });
    await waitFor(r.watcher.doc, () => read(r.watcher.doc) !== undefined, 5000, 'the paragraph back');
    expect(read(r.watcher.doc)).toEqual(before);
    expect(readNegotiation(r.watcher.doc).paragraphs.map((p) => p.id)).toEqual(order);
    expect(proposalIn(r.watcher.doc, proposalId)).toMatchObject({ status: 'pending', decision: null });
    // A second undo is refused: the proposal is pending again.
    expect((await r.send(r.tokens.facilitator, { type: 'undo-decision', proposalId })).status).toBe(409);

    await eventually(async () => (await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${two}`, r.tokens.observer)).body.entries.some((e) => e.action === 'undo-decision'), 5000, 'the undo entry');
    const { body } = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${two}`, r.tokens.observer);
    expect(body.entries.find((e) => e.action === 'undo-decision')).toMatchObject({
      summary: 'undid the acceptance of EU’s proposal to delete paragraph 2: put it back',
      before: '',
      after: paragraphPlainText(r.watcher.doc, two),
    });
  });

  it('a proposal that only italicises words, accepted: the observer’s copy shows them italic, the activity says so; undone, plain again', async () => {
    const r = await room();
    const three = r.para('3');
    const runs = (doc: Y.Doc) => readRuns(getParagraphText(doc, three) as Y.XmlFragment);
    const original = runs(r.watcher.doc);
    const proposalId = (await r.send(r.tokens.eu, { type: 'propose', paragraphId: three, kind: 'replace-text' })).body.result?.proposalId as string;
    // EU's delegate italicises two words in the proposal's editor, over the wire.
    const delegate = client(r.id, r.tokens.eu);
    await delegate.synced;
    await waitFor(delegate.doc, () => getProposalText(delegate.doc, proposalId) !== undefined, 5000, 'the proposal at EU');
    const words = ((getProposalText(delegate.doc, proposalId) as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = paragraphPlainText(delegate.doc, three).indexOf('capacity building');
    delegate.doc.transact(() => words.format(at, 'capacity building'.length, { italic: {} }));
    await waitFor(r.watcher.doc, () => proposalIn(r.watcher.doc, proposalId)?.runs.length === 3, 5000, 'the italicised proposal');

    expect((await r.send(r.tokens.facilitator, { type: 'accept-proposal', proposalId })).status).toBe(200);
    await waitFor(r.watcher.doc, () => runs(r.watcher.doc).length === 3, 5000, 'the italicised paragraph');
    expect(runs(r.watcher.doc)).toEqual([{ text: 'We will strengthen ' }, { text: 'capacity building', marks: ['italic'] }, { text: ' in developing countries.' }]);
    await eventually(async () => (await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${three}`, r.tokens.observer)).body.entries.some((e) => e.action === 'accept-proposal'), 5000, 'the acceptance entry');
    const { body } = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${three}`, r.tokens.observer);
    expect(body.entries.find((e) => e.action === 'accept-proposal')?.summary).toBe('accepted EU’s proposal to amend paragraph 3: italic added to “capacity building”');

    expect((await r.send(r.tokens.facilitator, { type: 'undo-decision', proposalId })).status).toBe(200);
    await waitFor(r.watcher.doc, () => runs(r.watcher.doc).length === 1, 5000, 'the plain paragraph');
    expect(runs(r.watcher.doc)).toEqual(original);
  });

  it('accepting a proposal that clashes with an edit made since is 409 with the clash, then 200 with it resolved', async () => {
    const r = await room();
    const two = r.para('2');
    const original = paragraphPlainText(r.chair.doc, two);
    const proposalId = (await r.send(r.tokens.eu, { type: 'propose', paragraphId: two, kind: 'replace-text', text: original.replace('sharing data', 'sharing statistics') })).body.result?.proposalId as string;
    // The chair edits the same words in the text meanwhile.
    const text = paragraphXmlText(r.chair.doc, two);
    const at = original.indexOf('data');
    r.chair.doc.transact(() => {
      text.delete(at, 'data'.length);
      text.insert(at, 'information');
    });
    await waitFor(r.watcher.doc, () => paragraphPlainText(r.watcher.doc, two).includes('sharing information'), 5000, 'the edit');
    const clash = await r.send(r.tokens.facilitator, { type: 'accept-proposal', proposalId });
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatch(/where it read “data”, paragraph 2 now reads “information” and EU proposes “statistics”/);
    const resolved = await r.send(r.tokens.facilitator, { type: 'accept-proposal', proposalId, resolutions: ['proposal'] });
    expect(resolved.status).toBe(200);
    await waitFor(r.watcher.doc, () => paragraphPlainText(r.watcher.doc, two).includes('sharing statistics on a voluntary basis'), 5000, 'the resolved text');
  });
});
