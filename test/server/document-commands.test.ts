/**
 * The title block, source annotations and footnotes through a real server on a loopback port (issue 8):
 * a facilitator's set-title-block, set-source and set-footnote over HTTP change the document for everyone
 * (a second client sees each over its websocket) and are recorded with the text before and after; a
 * delegation and an observer are refused (403) and nothing changes; and the same changes sent raw, as a
 * Yjs update over the websocket, are refused from a facilitator too (4403) and change nothing stored.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getMeta, getParagraphs, readNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import type { ActivityPage } from '../../shared/protocol/activity.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { connectSynced } from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { storedState } from '../helpers/stored-state.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

/** The small draft with a facilitator, Kenya and an observer; the chair and the watcher are connected. */
async function room() {
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'KEN', 'Kenya');
  const [facilitator, observer, ken] = await Promise.all([
    invite(server, id, { role: Role.facilitator, label: 'Chair' }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'KEN' }),
  ]);
  const chair = client(id, facilitator.token);
  const watcher = client(id, observer.token);
  await Promise.all([chair.synced, watcher.synced]);
  // The small draft: ¶1 (source "based on test report, para 1"), a heading, ¶2 (footnote 1), ¶3, ¶4.
  const [first, , second, third] = readOrder(chair.doc) as [string, string, string, string];
  return { id, tokens: { facilitator: facilitator.token, observer: observer.token, ken: ken.token }, chair, watcher, first, second, third };
}

function client(id: string, token: string): YClient {
  const c = connectClient(server, id, token);
  cleanups.push(() => c.destroy());
  return c;
}

const field = (doc: Y.Doc, id: string, name: string): unknown => getParagraphs(doc).get(id)?.get(name);

describe('editing the document’s metadata by command', () => {
  it('a facilitator sets the title block: a second client sees it live, the activity holds before and after', async () => {
    const r = await room();
    const answer = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-title-block', title: 'Test Declaration on Cooperation', lines: ['Rev.1', '2 December 2026'] });
    expect(answer).toEqual({ status: 200, body: { ok: true, result: {} } });
    await waitFor(r.watcher.doc, () => readNegotiation(r.watcher.doc).titleBlock.join('|') === 'Rev.1|2 December 2026', 5000, 'the title block at the observer');
    expect(readNegotiation(r.watcher.doc).title).toBe('Test Declaration on Cooperation');
    const api = await getJson<{ title: string; titleBlock: string[] }>(server, `/api/negotiations/${r.id}`, r.tokens.observer);
    expect(api.body).toMatchObject({ title: 'Test Declaration on Cooperation', titleBlock: ['Rev.1', '2 December 2026'] });
    await eventually(() => r.watcher.activity.some((entry) => entry.action === 'set-title-block'), 5000, 'the live activity push');
    const page = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity`, r.tokens.observer);
    expect(page.body.entries.find((entry) => entry.action === 'set-title-block')).toMatchObject({
      paragraphId: null,
      summary: 'changed the lines under the title',
      before: 'Test Declaration on Cooperation\nZero draft',
      after: 'Test Declaration on Cooperation\nRev.1\n2 December 2026',
      actor: { role: 'facilitator' },
    });
    // The same again is news to nobody: 409 with the reason.
    const again = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-title-block', title: 'Test Declaration on Cooperation', lines: ['Rev.1', '2 December 2026'] });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already reads/);
  });

  it('a facilitator sets, then removes, a source annotation; a second client sees each', async () => {
    const r = await room();
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-source', paragraphId: r.third, source: '[GCM para 49]' })).status).toBe(200);
    await waitFor(r.watcher.doc, () => field(r.watcher.doc, r.third, 'source') === 'GCM para 49', 5000, 'the source at the observer');
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-source', paragraphId: r.first, source: '' })).status).toBe(200);
    await waitFor(r.watcher.doc, () => field(r.watcher.doc, r.first, 'source') === '', 5000, 'the removal at the observer');
    const page = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${r.first}`, r.tokens.observer);
    expect(page.body.entries[0]).toMatchObject({ action: 'set-source', paragraphId: r.first, before: 'based on test report, para 1', after: '', summary: 'removed the source annotation “based on test report, para 1” from paragraph 1' });
  });

  it('a facilitator rewrites a footnote, also of an agreed paragraph, and the record says the paragraph stays agreed', async () => {
    const r = await room();
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-status', paragraphId: r.second, status: 'agreed' })).status).toBe(200);
    const answer = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-footnote', paragraphId: r.second, marker: '1', text: 'As defined in the *revised* test guidelines.' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    await waitFor(r.watcher.doc, () => JSON.stringify(field(r.watcher.doc, r.second, 'footnotes')).includes('revised'), 5000, 'the footnote at the observer');
    expect(field(r.watcher.doc, r.second, 'footnotes')).toEqual([{ marker: '1', text: 'As defined in the *revised* test guidelines.' }]);
    expect(field(r.watcher.doc, r.second, 'status')).toBe('agreed');
    const page = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${r.second}`, r.tokens.observer);
    expect(page.body.entries[0]).toMatchObject({
      action: 'set-footnote', before: 'As defined in the test guidelines.', after: 'As defined in the *revised* test guidelines.',
      summary: 'changed footnote 1 of paragraph 2 (an editorial correction: the paragraph stays agreed and its words are unchanged)',
    });
    const missing = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-footnote', paragraphId: r.third, marker: '1', text: 'Nowhere.' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/paragraph 3 has no footnotes/);
  });

  it('refuses a delegation and an observer (403) with the reason, and nothing changes', async () => {
    const r = await room();
    const before = await storedState(server, r.id);
    const commands = [
      { type: 'set-title-block', title: 'Our title', lines: [] },
      { type: 'set-source', paragraphId: r.first, source: 'our source' },
      { type: 'set-footnote', paragraphId: r.second, marker: '1', text: 'Our footnote.' },
    ];
    for (const token of [r.tokens.ken, r.tokens.observer]) {
      for (const command of commands) {
        const answer = await sendCommand(server, r.id, token, command);
        expect(answer.status, command.type).toBe(403);
        expect(answer.body.error).toMatch(/only facilitators may/);
      }
    }
    expect(await storedState(server, r.id)).toEqual(before);
  });
});

describe('the same changes written raw are refused for every role, facilitators included', () => {
  const raw: [string, (r: Awaited<ReturnType<typeof room>>) => (doc: Y.Doc) => void, RegExp][] = [
    ['the title', () => (doc) => getMeta(doc).set('title', 'Forged title'), /title/],
    ['the title block’s lines', () => (doc) => getMeta(doc).set('titleBlock', ['Forged line']), /titleBlock|title block/],
    ['a source annotation', (r) => (doc) => getParagraphs(doc).get(r.third)?.set('source', 'forged source'), /source/],
    ['a footnote', (r) => (doc) => getParagraphs(doc).get(r.second)?.set('footnotes', [{ marker: '1', text: 'Forged.' }]), /footnotes/],
  ];
  const tokens = ['facilitator', 'ken', 'observer'] as const;

  it.each(tokens.flatMap((who) => raw.map(([what, change, reason]) => [who, what, change, reason] as const)))('%s: %s', async (who, _what, change, reason) => {
    const r = await room();
    const before = await storedState(server, r.id);
    const attacker = await connectSynced(server, r.id, r.tokens[who]);
    cleanups.push(() => attacker.close());
    attacker.sendUpdate(attacker.capture(change(r)));
    const close = await attacker.waitForClose();
    expect(close.code).toBe(CloseCode.forbidden);
    if (who === 'facilitator') {
      expect(close.reason).toMatch(/changes only by .*command.*, never by an edit/);
      expect(close.reason).toMatch(reason);
    }
    expect(await storedState(server, r.id)).toEqual(before);
    // An honest edit after the refusal still reaches the watcher, who never saw the forged value.
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-source', paragraphId: r.third, source: 'honest source' })).status).toBe(200);
    await waitFor(r.watcher.doc, () => field(r.watcher.doc, r.third, 'source') === 'honest source', 5000, 'the honest change');
    const seen = readNegotiation(r.watcher.doc);
    expect(seen.title).toBe('Test Declaration on Cooperation');
    expect(seen.titleBlock).toEqual(['Zero draft']);
    expect(seen.paragraphs.find((p) => p.id === r.second)?.footnotes).toEqual([{ marker: '1', text: 'As defined in the test guidelines.' }]);
    expect(r.watcher.closes).toEqual([]);
  });
});
