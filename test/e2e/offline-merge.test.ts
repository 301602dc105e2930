/**
 * Class 9 of issue 6 in Chromium: a delegation's page works offline (words typed into two of its own
 * proposals, one of which the facilitators reject meanwhile, and a support written raw, as a modified page
 * would: reactions are commands). On reconnecting the server refuses the batch (4403); the page loads the
 * true text, re-sends what is still allowed, and tells the person what was kept and what was not, and why.
 * The test types on the page's own Y.Doc, reached through a mounted editor, as a proposal's editor does.
 */
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getParagraphs, readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposals, getProposalText, ProposalField } from '../../shared/model/proposal.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { commandOk, proposeByCommand } from '../helpers/hostile-negotiation.ts';
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

/** A proposal's words as plain text. */
function words(doc: Y.Doc, proposalId: string): string {
  const fragment = getProposalText(doc, proposalId);
  return fragment ? plainText(readRuns(fragment)) : '';
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
  it('keeps the words typed into the pending proposal, drops those in the one rejected meanwhile and the raw support, and says so', async () => {
    const { id, url } = await importDraft(server, smallDraft);
    await addDelegation(server, id, 'KEN', 'Kenya');
    await addDelegation(server, id, 'EU', 'European Union');
    const facilitatorToken = new URL(url, server.url).searchParams.get('token') as string;
    const [kenLink, euLink] = await Promise.all([
      invite(server, id, { role: 'delegation', delegation: 'KEN' }),
      invite(server, id, { role: 'delegation', delegation: 'EU' }),
    ]);
    const eu = await client(id, euLink.token);
    const [first, second] = readOrder(eu.doc).filter((pid) => getParagraphs(eu.doc).get(pid)?.get('kind') === 'paragraph') as [string, string];
    const euProposal = await proposeByCommand(server, id, euLink.token, eu.doc, 'EU', second, 'EU words');
    const kenProposal = await proposeByCommand(server, id, kenLink.token, eu.doc, 'KEN', second, 'KEN words');
    const kenFirst = await proposeByCommand(server, id, kenLink.token, eu.doc, 'KEN', first, 'KEN words on one');

    const person = await openPerson(browser);
    people.push(person);
    const { page, context } = person;
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const network = await switchableNetwork(page, context);
    await page.goto(kenLink.url);
    await page.waitForSelector('[data-paragraph-number="2"] .ProseMirror');
    await page.waitForFunction(() => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') === 'connected');

    // KEN's page goes offline and works.
    await network.offline();
    await page.waitForFunction(() => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-state') === 'offline');
    await changeInPage(page, `
      const proposals = doc.getMap('proposals');
      const typeInto = (id, words) => doc.transact(() => proposals.get(id).get('text').get(0).get(0).insert(0, words));
      typeInto(args.ken, 'Edited offline: ');
      typeInto(args.kenFirst, 'Written on the plane: ');
      doc.transact(() => proposals.get(args.eu).get('reactions').set('KEN', 'support'));`, { ken: kenProposal, kenFirst, eu: euProposal });
    // Meanwhile the facilitators reject KEN's proposal on ¶2.
    await commandOk(server, id, facilitatorToken, { type: 'reject-proposal', proposalId: kenProposal });
    await waitFor(eu.doc, () => getProposals(eu.doc).get(kenProposal)?.get(ProposalField.status) === 'rejected', 5000, 'the rejection');

    await network.online();
    const notice = page.locator('[data-testid="notice"]', { hasText: 'refused' });
    await expect.poll(async () => (await notice.locator('li').allTextContents()).sort(), { timeout: 15_000 }).toEqual([
      'Your edits to the words of your proposal on paragraph 1 were kept.',
      'Your edits to the words of your proposal on paragraph 2 were not kept: it was rejected by the facilitators meanwhile.',
      'Your support for the proposal by EU on paragraph 2 was not kept: support and opposition are recorded only online: give it again once online.',
    ]);
    expect(await notice.locator('.notice-text').textContent()).toMatch(/^The server refused a change from this page \(.+\)\. The page loaded the true text and sent again what is still allowed:$/);

    // The server has the kept words; the rejected proposal's words as decided; no reaction.
    await waitFor(eu.doc, () => words(eu.doc, kenFirst) === 'Written on the plane: KEN words on one', 5000, 'the kept words');
    expect(words(eu.doc, kenProposal)).toBe('KEN words');
    expect((getProposals(eu.doc).get(euProposal)?.get(ProposalField.reactions) as Y.Map<unknown>).toJSON()).toEqual({});

    // No loop: connected, and no new connection after the one that loaded the true text.
    await eventually(async () => (await page.getAttribute('[data-testid="connection-state"]', 'data-state')) === 'connected', 5000, 'connected');
    const opened = sockets.length;
    await page.waitForTimeout(1500);
    expect(sockets.length).toBe(opened);
    expect(await page.locator('[data-testid="notice"]', { hasText: 'refused' }).count()).toBe(1);
  });
});
