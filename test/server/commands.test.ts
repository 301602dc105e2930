/**
 * Decisions over HTTP against a real server: a facilitator's command changes the shared document for
 * everyone, is recorded in the activity and pushed live; other roles and malformed or stale commands are
 * refused with the reason and change nothing; the sender's websocket stays open; text edits are recorded
 * per person per paragraph with the text before and after.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getParagraphs, readFloor, readOrder } from '../../shared/model/negotiation-doc.ts';
import { readRemovedParagraph } from '../../shared/model/removed-paragraph.ts';
import type { ActivityPage } from '../../shared/protocol/activity.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { appendToParagraph, paragraphPlainText } from '../helpers/paragraph-text.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { storedState } from '../helpers/stored-state.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

async function room() {
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'EU', 'European Union');
  const [facilitator, observer, eu] = await Promise.all([
    invite(server, id, { role: Role.facilitator, label: 'Chair' }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'EU' }),
  ]);
  const chair = client(id, facilitator.token);
  const watcher = client(id, observer.token);
  await Promise.all([chair.synced, watcher.synced]);
  const [, first, second, third] = readOrder(chair.doc) as [string, string, string, string];
  return { id, tokens: { facilitator: facilitator.token, observer: observer.token, eu: eu.token }, chair, watcher, first, second, third };
}

function client(id: string, token: string): YClient {
  const c = connectClient(server, id, token);
  cleanups.push(() => c.destroy());
  return c;
}

const statusOf = (doc: Y.Doc, id: string) => getParagraphs(doc).get(id)?.get('status');

describe('commands over HTTP', () => {
  it('a facilitator marks a paragraph agreed ad ref with a note: everyone sees it, the activity records and pushes it', async () => {
    const r = await room();
    const answer = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-status', paragraphId: r.second, status: 'agreed-ad-ref', note: 'pending confirmation from capital' });
    expect(answer).toEqual({ status: 200, body: { ok: true, result: {} } });
    await waitFor(r.watcher.doc, () => statusOf(r.watcher.doc, r.second) === 'agreed-ad-ref', 5000, 'the status to reach the observer');
    expect(getParagraphs(r.watcher.doc).get(r.second)?.get('statusNote')).toBe('pending confirmation from capital');
    await eventually(() => r.watcher.activity.some((entry) => entry.action === 'set-status'), 5000, 'the live activity push');
    const pushed = r.watcher.activity.find((entry) => entry.action === 'set-status');
    expect(pushed).toMatchObject({ actor: { name: 'Facilitator (Chair)', role: 'facilitator', delegation: null }, paragraphId: r.second, summary: 'marked paragraph 2 agreed ad ref (pending confirmation from capital)' });
    const page = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${r.second}`, r.tokens.observer);
    expect(page.status).toBe(200);
    expect(page.body.entries.map((entry) => entry.id)).toContain(pushed?.id);
    // Reopening is a decision of its own.
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-status', paragraphId: r.second, status: 'pending' })).status).toBe(200);
    await waitFor(r.watcher.doc, () => statusOf(r.watcher.doc, r.second) === 'pending', 5000, 'the reopening');
  });

  it('a delegation, an observer and a stranger are refused (403 / 401) and nothing changes', async () => {
    const r = await room();
    const before = await storedState(server, r.id);
    for (const token of [r.tokens.eu, r.tokens.observer]) {
      const answer = await sendCommand(server, r.id, token, { type: 'set-floor', paragraphId: r.second });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatch(/only facilitators/);
    }
    expect((await sendCommand(server, r.id, 'forged.token.value', { type: 'set-floor', paragraphId: r.second })).status).toBe(401);
    expect(await storedState(server, r.id)).toEqual(before);
    expect(readFloor(r.watcher.doc)).toBeNull();
  });

  it('a deleted paragraph is kept and put back for everyone; only a facilitator may put it back', async () => {
    const r = await room();
    const words = paragraphPlainText(r.chair.doc, r.second);
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'delete-paragraph', paragraphId: r.second })).status).toBe(200);
    await waitFor(r.watcher.doc, () => readRemovedParagraph(r.watcher.doc, r.second) !== null && !readOrder(r.watcher.doc).includes(r.second), 5000, 'the deletion, kept');
    const before = await storedState(server, r.id);
    for (const token of [r.tokens.eu, r.tokens.observer]) {
      const answer = await sendCommand(server, r.id, token, { type: 'restore-paragraph', paragraphId: r.second });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatch(/may not restore paragraph: only facilitators may/);
    }
    expect(await storedState(server, r.id)).toEqual(before);
    const answer = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'restore-paragraph', paragraphId: r.second });
    expect(answer.status).toBe(200);
    expect(answer.body.result).toEqual({ paragraphId: r.second });
    await waitFor(r.watcher.doc, () => readOrder(r.watcher.doc).includes(r.second), 5000, 'the paragraph, back');
    expect(readOrder(r.watcher.doc)).toEqual([expect.any(String), r.first, r.second, r.third, ...readOrder(r.watcher.doc).slice(4)]);
    expect(paragraphPlainText(r.watcher.doc, r.second)).toBe(words);
    expect(readRemovedParagraph(r.watcher.doc, r.second)).toBeNull();
    // Twice is a conflict: there is nothing left to put back.
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'restore-paragraph', paragraphId: r.second })).status).toBe(409);
  });

  it('malformed commands are 400 with the reason; a stale one is 409; the sender stays connected', async () => {
    const r = await room();
    const before = await storedState(server, r.id);
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ type: 'set-status', paragraphId: r.second, status: 'adopted' }, /status/],
      [{ type: 'launch-missiles' }, /Not a command/],
      [{ type: 'set-floor', paragraphId: r.second, extra: 1 }, /Not a command/],
      [{ type: 'set-status', paragraphId: '../../etc', status: 'agreed' }, /id of 1 to 64/],
      [{ type: 'set-status', paragraphId: r.second, status: 'agreed', note: 'ad ref only' }, /only an agreed ad ref status carries a note/],
      // Characters text may not hold, in every field a command writes (an export would carry them, and XML cannot hold the last ones).
      [{ type: 'insert-paragraph', afterId: r.second, kind: 'paragraph', text: 'bell\u0001' }, /holds U\+0001, a character text may not hold at text/],
      [{ type: 'set-title-block', title: 'Title', lines: ['nul\u0000'] }, /holds U\+0000.* at lines\.0/],
      [{ type: 'set-source', paragraphId: r.second, source: 'odd\uFFFE' }, /holds U\+FFFE.* at source/],
      [{ type: 'set-footnote', paragraphId: r.second, marker: '1', text: 'half\uD800' }, /holds U\+D800.* at text/],
      [{ type: 'set-status', paragraphId: r.second, status: 'agreed-ad-ref', note: 'esc\u001b[31m' }, /holds U\+001B.* at note/],
    ];
    for (const [command, message] of cases) {
      const answer = await sendCommand(server, r.id, r.tokens.facilitator, command);
      expect(answer.status, JSON.stringify(command)).toBe(400);
      expect(answer.body.error).toMatch(message);
    }
    const gone = await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-status', paragraphId: 'pNoSuchThing', status: 'agreed' });
    expect(gone.status).toBe(409);
    expect(gone.body.error).toMatch(/no longer exists/);
    expect(await storedState(server, r.id)).toEqual(before);
    expect(r.chair.closes).toEqual([]);
    expect(r.chair.provider.wsconnected).toBe(true);
  });

  it('sets the floor for everyone', async () => {
    const r = await room();
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-floor', paragraphId: r.third })).status).toBe(200);
    await waitFor(r.watcher.doc, () => readFloor(r.watcher.doc) === r.third, 5000, 'the floor');
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-floor', paragraphId: r.third })).status).toBe(409);
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-floor', paragraphId: null })).status).toBe(200);
    await waitFor(r.watcher.doc, () => readFloor(r.watcher.doc) === null, 5000, 'the cleared floor');
  });

  it('an agreed paragraph takes no edit, even a facilitator’s, until it is reopened', async () => {
    const r = await room();
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-status', paragraphId: r.first, status: 'agreed' })).status).toBe(200);
    await waitFor(r.chair.doc, () => statusOf(r.chair.doc, r.first) === 'agreed', 5000, 'the status at the chair');
    const before = await storedState(server, r.id);
    appendToParagraph(r.chair.doc, r.first, ' raced');
    await eventually(() => r.chair.closes.some((close) => close.code === CloseCode.forbidden), 5000, 'the refusal');
    expect(r.chair.closes.find((close) => close.code === CloseCode.forbidden)?.reason).toMatch(/agreed/);
    expect(await storedState(server, r.id)).toEqual(before);
    expect(paragraphPlainText(r.watcher.doc, r.first)).not.toContain('raced');
  });

  it('records text edits once per person per paragraph, growing, with the text before and after', async () => {
    const r = await room();
    const original = paragraphPlainText(r.chair.doc, r.third);
    appendToParagraph(r.chair.doc, r.third, ' Further');
    appendToParagraph(r.chair.doc, r.third, ' words.');
    await waitFor(r.watcher.doc, () => paragraphPlainText(r.watcher.doc, r.third).endsWith('Further words.'), 5000, 'the edit');
    await eventually(async () => {
      const page = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${r.third}`, r.tokens.observer);
      return page.body.entries.length === 1 && page.body.entries[0]?.after === `${original} Further words.`;
    }, 10_000, 'one grown entry');
    const { body } = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${r.third}`, r.tokens.eu);
    expect(body.entries[0]).toMatchObject({ action: 'edit-text', before: original, summary: 'edited paragraph 3', actor: { role: 'facilitator' } });
    // Pushed live without its texts: a page asks for the paragraph's history when someone opens it.
    await eventually(() => r.watcher.activity.some((entry) => entry.action === 'edit-text' && entry.paragraphId === r.third), 10_000, 'the live push of the edit');
    expect(r.watcher.activity.filter((entry) => entry.action === 'edit-text').every((entry) => entry.before === null && entry.after === null)).toBe(true);
  });

  it('an edit still growing elsewhere, or in the paragraph a decision changes, is stored whole', async () => {
    const r = await room();
    const [third, second] = [paragraphPlainText(r.chair.doc, r.third), paragraphPlainText(r.chair.doc, r.second)];
    appendToParagraph(r.chair.doc, r.third, ' One');
    appendToParagraph(r.chair.doc, r.second, ' Two');
    await waitFor(r.watcher.doc, () => paragraphPlainText(r.watcher.doc, r.second).endsWith(' Two'), 5000, 'the first words');
    appendToParagraph(r.chair.doc, r.third, ' more.');
    appendToParagraph(r.chair.doc, r.second, ' more.');
    await waitFor(r.watcher.doc, () => paragraphPlainText(r.watcher.doc, r.second).endsWith(' Two more.') && paragraphPlainText(r.watcher.doc, r.third).endsWith(' One more.'), 5000, 'the edits');
    // At once, before the 3 s in which growing edits are stored: a decision on the second paragraph.
    expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-status', paragraphId: r.second, status: 'agreed' })).status).toBe(200);
    const afterOf = async (paragraphId: string) => (await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?paragraph=${paragraphId}`, r.tokens.observer)).body.entries.find((e) => e.action === 'edit-text')?.after;
    expect(await afterOf(r.second)).toBe(`${second} Two more.`);
    await eventually(async () => (await afterOf(r.third)) === `${third} One more.`, 10_000, 'the other paragraph’s edit stored whole');
  });

  it('pages the activity newest first with a cursor, and refuses a bad query', async () => {
    const r = await room();
    for (const paragraphId of [r.first, r.second, r.third]) {
      expect((await sendCommand(server, r.id, r.tokens.facilitator, { type: 'set-floor', paragraphId })).status).toBe(200);
    }
    const first = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?limit=2`, r.tokens.observer);
    expect(first.body.entries.map((entry) => entry.paragraphId)).toEqual([r.third, r.second]);
    expect(first.body.next).not.toBeNull();
    const second = await getJson<ActivityPage>(server, `/api/negotiations/${r.id}/activity?limit=2&before=${first.body.next}`, r.tokens.observer);
    expect(second.body.entries.map((entry) => entry.paragraphId)).toEqual([r.first]);
    expect(second.body.next).toBeNull();
    expect((await getJson(server, `/api/negotiations/${r.id}/activity?limit=0`, r.tokens.observer)).status).toBe(400);
    expect((await getJson(server, `/api/negotiations/${r.id}/activity?paragraph=a%22b`, r.tokens.observer)).status).toBe(400);
  });

  it('a page of another protocol version is told to reload before anything is judged (4426)', async () => {
    const r = await room();
    const url = `ws://127.0.0.1:${server.port}/ws/${r.id}?v=1&token=${encodeURIComponent(r.tokens.facilitator)}`;
    for (const address of [url, url.replace('v=1&', '')]) {
      const stale = new WebSocket(address);
      cleanups.push(() => stale.close());
      const close = await new Promise<{ code: number; reason: string }>((resolve) => stale.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      expect(close.code).toBe(CloseCode.outdated);
      expect(close.reason).toMatch(/Reload/);
    }
  });
});
