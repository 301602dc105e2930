/**
 * Presence at conference scale in a real browser: 200 delegations and 300 observers (raw websocket clients
 * publishing awareness, as cheap as presence gets) in one room with a facilitator's page. The top bar's items
 * never overlap, at 1280 px or at 390 px; the room's count and the role groups read 200 and 300; the search
 * finds a delegation by name; choosing where someone is brings that paragraph into view.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../../shared/delegation-catalog.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { demoDraftText } from '../../server/demo/demo-draft.ts';
import { addDelegation, importDraft, invite, type Invitation } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { openPerson } from '../helpers/browser.ts';
import { connectRaw, encodeAwarenessStates, type RawClient } from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';

const delegationCount = 200;
const observerLinks = ['Civil society', 'Press', 'UN agencies'] as const;
const observersPerLink = 100;

let server: TestServer;
let browser: import('playwright-core').Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
}, { env: { DRAFTROOM_MAX_CONNECTIONS_PER_LINK: String(observersPerLink + 10) } });
const sockets: RawClient[] = [];
const renewals: ReturnType<typeof setInterval>[] = [];
afterAll(() => {
  renewals.forEach((timer) => clearInterval(timer));
  sockets.forEach((socket) => socket.close());
});

/** The boxes of the top bar's visible items, by name. */
function topBarBoxes(page: Page): Promise<{ name: string; left: number; top: number; right: number; bottom: number }[]> {
  return page.evaluate(() => {
    const items = ['.topbar .product', '.negotiation-title', '[data-testid="connection-state"]', '[data-testid="presence-chips"]', '[data-testid="room-people-button"]', '[data-testid="people-button"]', '[data-testid="identity"]'];
    return items.flatMap((selector) => {
      const element = document.querySelector(selector);
      if (!element) return [];
      const { left, top, right, bottom, width, height } = element.getBoundingClientRect();
      return width > 0 && height > 0 ? [{ name: selector, left, top, right, bottom }] : [];
    });
  });
}

/** Pairs of boxes that overlap, and boxes that stick out of the window's width (`width`). */
function overlappingPairs(boxes: { name: string; left: number; top: number; right: number; bottom: number }[], width: number): string[] {
  const problems = boxes.filter((box) => box.left < 0 || box.right > width + 0.5).map((box) => `${box.name} outside the window`);
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) problems.push(`${a.name} overlaps ${b.name}`);
    }
  }
  return problems;
}

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += width) {
    results.push(...(await Promise.all(items.slice(start, start + width).map((item, i) => work(item, start + i)))));
  }
  return results;
}

/** Opens a raw connection with `token` and publishes one presence on `paragraphId`. */
async function present(negotiationId: string, token: string, paragraphId: string): Promise<void> {
  const client = connectRaw(server, negotiationId, token, { follow: false });
  sockets.push(client);
  await client.handshake();
  client.messages.length = 0;
  // From clock 1 (a first state at clock 0 is ignored by every awareness), renewed as a page does: a state
  // not renewed for 30 s is dropped as outdated.
  let clock = 1;
  const send = () => client.sendAwareness(encodeAwarenessStates([{ clientId: client.doc.clientID, clock: clock++, state: { paragraphId, editing: false } }]));
  send();
  renewals.push(setInterval(send, 10_000));
}

async function openFacilitator(url: string, width: number): Promise<Page> {
  const person = await openPerson(browser, { width, height: 900 });
  file.people.push(person);
  await person.page.goto(url);
  await person.page.waitForSelector('[data-paragraph-number="3"]');
  return person.page;
}

describe('a room of 200 delegations and 300 observers', () => {
  it('stays readable: no overlap in the bar, counts by role, search by name, places that lead to the paragraph', async () => {
    const { id, url } = await importDraft(server, demoDraftText);
    const api = await fetch(`${server.url}/api/negotiations/${id}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const paragraphs = ((await api.json()) as { paragraphs: { id: string; kind: string }[] }).paragraphs.filter((p) => p.kind === 'paragraph');
    const delegations = catalog().slice(0, delegationCount);
    expect(delegations).toHaveLength(delegationCount);
    const delegationLinks = await inBatches(delegations, 20, async ({ code, name }) => {
      await addDelegation(server, id, code, name);
      return invite(server, id, { role: Role.delegation, delegation: code });
    });
    const observers: Invitation[] = await Promise.all(observerLinks.map((label) => invite(server, id, { role: Role.observer, label })));
    const observerTokens = observers.flatMap((link) => Array.from({ length: observersPerLink }, () => link.token));
    const spread = (i: number) => (paragraphs[i % paragraphs.length] as { id: string }).id;
    await inBatches(delegationLinks, 50, (link, i) => present(id, link.token, spread(i)));
    await inBatches(observerTokens, 50, (token, i) => present(id, token, spread(i * 7)));

    const page = await openFacilitator(url, 1280);
    const total = delegationCount + observerLinks.length * observersPerLink + 1;
    await expect.poll(() => page.textContent('[data-testid="room-people-count"]'), { timeout: 20_000 }).toBe(String(total));
    expect(overlappingPairs(await topBarBoxes(page), 1280)).toEqual([]);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/scale-1280-bar.png` });

    await page.click('[data-testid="room-people-button"]');
    const popover = '[data-testid="room-people"]';
    const count = (role: string) => page.getAttribute(`${popover} [data-testid="people-group"][data-role="${role}"]`, 'data-count');
    expect(await count(Role.facilitator)).toBe('1');
    expect(await count(Role.delegation)).toBe(String(delegationCount));
    expect(await count(Role.observer)).toBe(String(observerLinks.length * observersPerLink));
    // Observers on one link are one line each, with how many are connected.
    expect(await page.locator(`${popover} [data-testid="people-group"][data-role="observer"] [data-testid="person-row"]`).count()).toBe(observerLinks.length);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/scale-1280-people.png` });

    await page.fill(`${popover} [data-testid="people-search"]`, 'kenya');
    const rows = page.locator(`${popover} [data-testid="person-row"]`);
    await expect.poll(() => rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-name')))).toEqual(['Kenya']);
    if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/scale-1280-search.png` });

    // Kenya's place leads to its paragraph.
    const kenyaIndex = delegations.findIndex((entry) => entry.code === 'KEN');
    const kenyaParagraph = spread(kenyaIndex);
    await rows.first().locator('.person-place').click();
    await expect.poll(() => page.isVisible('[data-testid="room-people"]')).toBe(false);
    await expect
      .poll(() => page.$eval(`#p-${kenyaParagraph}`, (element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }), { timeout: 5_000 })
      .toBe(true);
    // "Where" this person is follows what they look at: now the paragraph in the middle of the window.
    const kenyaNumber = await page.getAttribute(`#p-${kenyaParagraph}`, 'data-paragraph-number');
    await page.click('[data-testid="room-people-button"]');
    const selfPlaces = page.locator(`${popover} [data-testid="people-group"][data-role="facilitator"] [data-testid="person-row"] .person-place`);
    await expect.poll(() => selfPlaces.allTextContents(), { timeout: 5_000 }).toEqual([`¶${kenyaNumber}`]);
    await page.keyboard.press('Escape');

    const narrow = await openFacilitator(url, 390);
    await expect.poll(() => narrow.textContent('[data-testid="room-people-count"]'), { timeout: 20_000 }).toBe(String(total + 1));
    expect(overlappingPairs(await topBarBoxes(narrow), 390)).toEqual([]);
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (process.env.SHOTS_DIR) await narrow.screenshot({ path: `${process.env.SHOTS_DIR}/scale-390-bar.png` });
    await narrow.click('[data-testid="room-people-button"]');
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (process.env.SHOTS_DIR) await narrow.screenshot({ path: `${process.env.SHOTS_DIR}/scale-390-people.png` });

  }, 180_000);
});
