/**
 * Class 9 of issue 6 in Chromium: a delegation's page works offline (a new proposal, a support mark, an
 * edit to its own proposal that the facilitators accept meanwhile). On reconnecting the server refuses the
 * batch (4403); the page loads the true text, re-sends what is still allowed, and tells the person what
 * was kept and what was not, and why. The page has no proposal forms yet (issue 9): the test makes the
 * changes on the page's own Y.Doc, reached through a mounted editor, as those forms will.
 */
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getParagraphs, readOrder } from '../../shared/model/negotiation-doc.ts';
import { addProposal, getProposals, ProposalKind, type NewProposal } from '../../shared/model/proposal.ts';
import { addDelegation, importDraft, invite, smallDraft } from '../helpers/api.ts';
import { openPerson } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const { people, clients } = browserPerFile((started, launched) => {
  server = started;
  browser = launched;
});

async function client(negotiationId: string, token: string): Promise<YClient> {
  const connected = connectClient(server, negotiationId, token);
  clients.push(connected);
  await connected.synced;
  return connected;
}

function proposal(delegation: string, paragraphId: string, text: string): NewProposal {
  return { paragraphId, afterParagraphId: null, delegation, kind: ProposalKind.replaceText, text, basedOn: '', rationale: '' };
}

/** Runs `change` in the page on its live Y.Doc (found through the first mounted editor's binding). */
async function changeInPage(page: Page, change: string, args: Record<string, string>): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('.ProseMirror')].some((dom) => 'editor' in dom));
  await page.evaluate(
    ({ change, args }) => {
      type Collab = { name: string; options: { fragment?: { doc: unknown } } };
      type EditorDom = HTMLElement & { editor?: { extensionManager: { extensions: Collab[] } } };
      const mounted = [...document.querySelectorAll<EditorDom>('.ProseMirror')].find((dom) => dom.editor);
      const doc = mounted?.editor?.extensionManager.extensions.find((e) => e.name === 'collaboration')?.options.fragment?.doc;
      if (!doc) throw new Error('no live document in the page');
      new Function('doc', 'args', change)(doc, args);
    },
    { change, args },
  );
}

/**
 * The page's network, switchable: Chromium's offline mode alone keeps an open websocket (its frames wait),
 * so going offline also closes the socket, as a dropped network does, and refuses new ones until online.
 */
async function switchableNetwork(page: Page, context: BrowserContext) {
  let offline = false;
  let current: { pageSide: WebSocketRoute; serverSide: WebSocketRoute } | null = null;
  await page.routeWebSocket(/\/ws\//, (pageSide) => {
    if (offline) return void pageSide.close({ code: 1001, reason: 'offline' });
    current = { pageSide, serverSide: pageSide.connectToServer() };
  });
  return {
    async offline() {
      offline = true;
      await context.setOffline(true);
      await current?.serverSide.close();
      await current?.pageSide.close({ code: 1001, reason: 'offline' });
    },
    async online() {
      offline = false;
      await context.setOffline(false);
    },
  };
}

describe('a delegation’s offline work after the server refuses the batch', () => {
  it('keeps the new proposal and the mark, drops the edit to the accepted proposal, and says so', async () => {
    const { id, url } = await importDraft(server, smallDraft);
    await addDelegation(server, id, 'KEN', 'Kenya');
    await addDelegation(server, id, 'EU', 'European Union');
    const facilitatorToken = new URL(url, server.url).searchParams.get('token') as string;
    const [kenLink, euLink] = await Promise.all([
      invite(server, id, { role: 'delegation', delegation: 'KEN' }),
      invite(server, id, { role: 'delegation', delegation: 'EU' }),
    ]);
    const facilitator = await client(id, facilitatorToken);
    const eu = await client(id, euLink.token);
    const [first, second] = readOrder(eu.doc).filter((pid) => getParagraphs(eu.doc).get(pid)?.get('kind') === 'paragraph') as [string, string];
    const euProposal = addProposal(eu.doc, proposal('EU', second, 'EU words'));
    const kenProposal = 'r-ken-before';

    const person = await openPerson(browser);
    people.push(person);
    const { page, context } = person;
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const network = await switchableNetwork(page, context);
    await page.goto(kenLink.url);
    await page.waitForSelector('[data-paragraph-number="2"] .ProseMirror');
    // KEN's own proposal, made online, reaches the facilitators.
    await changeInPage(page, `
      const Map = doc.getMap('proposals').constructor;
      doc.transact(() => {
        const p = new Map();
        doc.getMap('proposals').set(args.id, p);
        for (const [k, v] of Object.entries({ paragraphId: args.second, afterParagraphId: null, delegation: 'KEN', kind: 'replace-text', text: 'KEN words', basedOn: '', rationale: '', status: 'pending', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })) p.set(k, v);
        p.set('marks', new Map());
      });`, { id: kenProposal, second });
    await waitFor(facilitator.doc, () => getProposals(facilitator.doc).has(kenProposal) && getProposals(facilitator.doc).has(euProposal), 5000, 'both proposals');
    await page.waitForFunction(() => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') === 'connected');

    // KEN's page goes offline and works.
    await network.offline();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') === 'offline');
    await changeInPage(page, `
      const Map = doc.getMap('proposals').constructor;
      const proposals = doc.getMap('proposals');
      doc.transact(() => {
        const p = new Map();
        proposals.set('r-offline-ken', p);
        for (const [k, v] of Object.entries({ paragraphId: args.first, afterParagraphId: null, delegation: 'KEN', kind: 'replace-text', text: 'Words written on the plane', basedOn: '', rationale: '', status: 'pending', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() })) p.set(k, v);
        p.set('marks', new Map());
      });
      doc.transact(() => proposals.get(args.eu).get('marks').set('KEN', 'support'));
      doc.transact(() => proposals.get(args.ken).set('text', 'KEN words, edited offline'));`, { first, eu: euProposal, ken: kenProposal });
    // Meanwhile the facilitators accept KEN's proposal.
    getProposals(facilitator.doc).get(kenProposal)?.set('status', 'accepted');
    await waitFor(eu.doc, () => getProposals(eu.doc).get(kenProposal)?.get('status') === 'accepted', 5000, 'the acceptance');

    await network.online();
    const notice = page.locator('[data-testid="notice"]', { hasText: 'refused' });
    await expect.poll(() => notice.locator('li').allTextContents(), { timeout: 15_000 }).toEqual([
      'Your edit to your proposal on paragraph 2 was not kept: it was accepted by the facilitators meanwhile.',
      'Your new proposal on paragraph 1 was kept.',
      'Your support for the proposal by EU on paragraph 2 was kept.',
    ]);
    expect(await notice.locator('.notice-text').textContent()).toMatch(/^The server refused a change from this page \(.+\)\. The page loaded the true text and sent again what is still allowed:$/);

    // The server has the kept work, the accepted proposal as the facilitators left it.
    await waitFor(eu.doc, () => getProposals(eu.doc).get('r-offline-ken')?.get('text') === 'Words written on the plane', 5000, 'the new proposal');
    await waitFor(eu.doc, () => (getProposals(eu.doc).get(euProposal)?.get('marks') as Y.Map<unknown>).get('KEN') === 'support', 5000, 'the mark');
    expect(getProposals(eu.doc).get(kenProposal)?.toJSON()).toMatchObject({ text: 'KEN words', status: 'accepted' });

    // No loop: connected, and no new connection after the one that loaded the true text.
    await eventually(async () => (await page.getAttribute('[data-testid="connection-state"]', 'data-state')) === 'connected', 5000, 'connected');
    const opened = sockets.length;
    await page.waitForTimeout(1500);
    expect(sockets.length).toBe(opened);
    expect(await page.locator('[data-testid="notice"]', { hasText: 'refused' }).count()).toBe(1);
  });
});
