/**
 * No peer's presence can stop an editor (issue 6, class 2). A facilitator's page in Chromium keeps showing
 * another facilitator's edits and named caret, and its own keystrokes delete nobody's words, when:
 * an observer publishes a caret that Yjs cannot decode (the server drops that field); the same caret reaches
 * the page without the server's filter (injected into its websocket: the page drops it too); and a peer's
 * well-formed caret still makes the caret plugin throw (the page hides that one peer only).
 */
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import { launchBrowser, openPerson, paragraphText, type Person } from '../helpers/browser.ts';
import { appendToParagraph, caretAt, paragraphPlainText } from '../helpers/paragraph-text.ts';
import { connectSynced, encodeAwarenessMessage, encodeAwarenessStates, ownPresenceOnly, type RawClient } from '../helpers/raw-client.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const p3 = '[data-paragraph-number="3"]';
const original3 = 'We will strengthen capacity building in developing countries.';
const poisonedCaret = { anchor: { item: { client: 'x', clock: 'y' } }, head: { item: { client: 'x', clock: 'y' } } };

/** A negotiation with a facilitator page (F) and a second facilitator (Remote) editing from Node. */
async function room(options: { route?: (ws: WebSocketRoute) => void } = {}) {
  const { id, url } = await importDraft(server, smallDraft);
  const { body } = await fetch(`${server.url}/api/negotiations/${id}`, { headers: { authorization: `Bearer ${server.adminToken}` } })
    .then(async (response) => ({ body: (await response.json()) as { paragraphs: { id: string; number: string | number | null }[] } }));
  const paragraph3 = body.paragraphs.find((p) => String(p.number) === '3')?.id as string;
  const [remoteLink, observerLink] = await Promise.all([
    invite(server, id, { role: Role.facilitator, label: 'Remote' }),
    invite(server, id, { role: Role.observer }),
  ]);
  const person: Person = await openPerson(browser);
  cleanups.push(() => person.context.close());
  if (options.route) await person.page.routeWebSocket(/\/ws\//, options.route);
  await person.page.goto(url);
  await person.page.waitForSelector(`${p3} .ProseMirror[contenteditable="true"]`);
  const remote = honest(id, remoteLink.token);
  await remote.synced;
  return { id, paragraph3, page: person.page, remote, observerToken: observerLink.token };
}

function honest(id: string, token: string): YClient {
  const client = connectClient(server, id, token);
  ownPresenceOnly(client.provider);
  cleanups.push(() => client.destroy());
  return client;
}

async function rawClient(id: string, token: string): Promise<RawClient> {
  const client = await connectSynced(server, id, token);
  cleanups.push(() => client.close());
  return client;
}

/** Remote edits paragraph 3 with its caret in it; F shows the words and Remote's named caret, then F types. */
async function expectEditorsKeepWorking(r: Awaited<ReturnType<typeof room>>): Promise<void> {
  const { page, remote, paragraph3 } = r;
  remote.provider.awareness.setLocalState({ paragraphId: paragraph3, editing: true, cursor: caretAt(remote.doc, paragraph3, 8) });
  appendToParagraph(remote.doc, paragraph3, ' Remote words one.');
  await expect.poll(() => paragraphText(page, p3), { timeout: 10_000 }).toContain('countries. Remote words one.');
  appendToParagraph(remote.doc, paragraph3, ' Remote words two.');
  await expect.poll(() => paragraphText(page, p3), { timeout: 10_000 }).toContain('Remote words one. Remote words two.');
  // Honest carets still show, with the name the server authenticated.
  await expect.poll(() => page.locator(`${p3} .collaboration-carets__label`).allTextContents(), { timeout: 10_000 })
    .toContain('Facilitator (Remote)');
  if (process.env.DRAFTROOM_SCREENSHOT) await page.screenshot({ path: process.env.DRAFTROOM_SCREENSHOT });

  await page.click(`${p3} .ProseMirror p`);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' F adds this.', { delay: 10 });
  const expected = `${original3} Remote words one. Remote words two. F adds this.`;
  // What the server relays (Remote follows it) and what it stored keep everyone's words.
  await waitFor(remote.doc, () => paragraphPlainText(remote.doc, paragraph3) === expected, 10_000, 'F\'s words at the server');
  const stored = await storedParagraphText(r.id, paragraph3);
  expect(stored).toBe(expected);
  expect(await paragraphText(page, p3)).toContain(expected);
  expect(await page.locator('[data-testid="connection-state"]').getAttribute('data-state')).toBe('connected');
}

async function storedParagraphText(id: string, paragraphId: string): Promise<string> {
  const response = await fetch(`${server.url}/api/negotiations/${id}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
  const body = (await response.json()) as { paragraphs: { id: string; runs: { text: string }[] }[] };
  return (body.paragraphs.find((p) => p.id === paragraphId)?.runs ?? []).map((run) => run.text).join('');
}

describe('a peer\'s presence cannot stop an editor', () => {
  it('an observer\'s undecodable caret is dropped by the server: the page keeps showing remote edits and deletes nothing', async () => {
    const r = await room();
    const observer = await rawClient(r.id, r.observerToken);
    const observerId = observer.doc.clientID;
    observer.sendAwareness(encodeAwarenessStates([{ clientId: observerId, clock: 1, state: { paragraphId: r.paragraph3, editing: true, cursor: poisonedCaret } }]));
    await eventually(() => r.remote.provider.awareness.getStates().has(observerId), 5000, 'the observer\'s presence');
    await r.page.waitForTimeout(300); // the page got it at the same time as Remote
    await expectEditorsKeepWorking(r);
    expect(await r.page.locator('[data-testid="room-people-section"] [data-testid="person-row"]').allTextContents()).toContainEqual(expect.stringContaining('Observer'));
    // The observer stays connected and present; only its bad field is gone.
    expect(r.remote.provider.awareness.getStates().get(observerId)).toMatchObject({ paragraphId: r.paragraph3, editing: true, cursor: null });
    expect(observer.closeInfo()).toBeNull();
  });

  it('the same caret reaching the page without the server\'s filter is dropped by the page', async () => {
    const routes: WebSocketRoute[] = [];
    const r = await room({ route: (ws) => void (ws.connectToServer(), routes.push(ws)) });
    const poisoned = { user: { name: 'Poison', role: 'observer', delegation: null, color: '#123456' }, paragraphId: r.paragraph3, editing: true, cursor: poisonedCaret };
    // As if relayed by a server that passed it: an awareness message straight into the page's socket.
    for (const ws of routes) ws.send(Buffer.from(encodeAwarenessMessage(encodeAwarenessStates([{ clientId: 4242, clock: 1, state: poisoned }]))));
    await expect.poll(() => r.page.locator('[data-testid="room-people-section"] [data-testid="person-row"]').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('Poison'));
    await expectEditorsKeepWorking(r);
  });

  it('a well-formed caret that still makes the caret plugin throw hides that peer only', async () => {
    const r = await room();
    const faultyLink = await invite(server, r.id, { role: Role.facilitator, label: 'Faulty' });
    const faulty = honest(r.id, faultyLink.token);
    await faulty.synced;
    await makeCaretPluginThrowFor(r.page, faulty.doc.clientID);
    faulty.provider.awareness.setLocalState({ paragraphId: r.paragraph3, editing: true, cursor: caretAt(faulty.doc, r.paragraph3, 3) });
    await expect.poll(() => r.page.locator('[data-testid="room-people-section"] [data-testid="person-row"]').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('Faulty'));
    await expectEditorsKeepWorking(r);
    expect(await r.page.locator(`${p3} .collaboration-carets__label`).allTextContents()).not.toContain('Facilitator (Faulty)');
  });
});

/**
 * Makes y-tiptap's caret plugin throw while it builds the decorations of client `clientId` (its caret
 * widget carries the client id as its key), as a caret the plugin cannot handle would.
 */
async function makeCaretPluginThrowFor(page: Page, clientId: number): Promise<void> {
  await page.evaluate((key) => {
    const push = Array.prototype.push;
    Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
      for (const item of items) {
        if ((item as { spec?: { key?: unknown } } | null)?.spec?.key === key) throw new Error('the caret plugin failed');
      }
      return push.apply(this, items);
    };
  }, String(clientId));
}
