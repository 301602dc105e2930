/**
 * The activity in the browser, one context per person on the real server: a facilitator types in
 * paragraph 3, then marks paragraph 2 agreed; an observer's feed shows both live (the edit with its words as
 * an insertion in a redline, the decision in its words), paragraph 3's history shows the edit, choosing a
 * paragraph brings it into view, a reload shows the same feed from HTTP, and at 390 px the panel opens folded
 * (the text starts on the first screen), and once unfolded the feed and the history fit the window's width.
 * With SHOTS_DIR set it leaves screenshots there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { openPerson } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((started, launched) => {
  server = started;
  browser = launched;
});

const shotsDir = process.env.SHOTS_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

async function personAt(url: string, viewport?: { width: number; height: number }): Promise<Page> {
  const person = await openPerson(browser, viewport);
  file.people.push(person);
  await person.page.goto(url);
  await person.page.waitForSelector('[data-paragraph-number="3"]');
  return person.page;
}

const feed = '[data-testid="activity-feed"]';
const editEntry = `${feed} [data-testid="activity-entry"][data-action="edit-text"]`;
const statusEntry = `${feed} [data-testid="activity-entry"][data-action="set-status"]`;

/** The feed as [id, summary] pairs, newest first. */
function feedLines(page: Page): Promise<string[][]> {
  return page.$$eval(`${feed} [data-testid="activity-entry"]`, (entries) =>
    entries.map((entry) => [entry.getAttribute('data-entry-id') ?? '', entry.querySelector('[data-testid="activity-summary"]')?.textContent ?? '']),
  );
}

/** What of the activity (the feed, a history dialog) reaches past the window's right edge. */
function activityPastTheEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const parts = document.querySelectorAll('[data-testid="activity-section"], [data-testid="activity-section"] *, [data-testid="paragraph-history"], [data-testid="paragraph-history"] *');
    return [...parts].filter((element) => element.getBoundingClientRect().right > width + 0.5).map((element) => `${element.tagName}.${element.className}`);
  });
}

describe('activity', () => {
  it('an observer follows a facilitator’s edit and decision live, in the feed and the paragraph’s history, and after a reload', async () => {
    const created = await importDraft(server, smallDraft);
    const facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    const observerLink = await invite(server, created.id, { role: 'observer' });
    const facilitator = await personAt(created.url);
    const observer = await personAt(observerLink.url);
    await observer.waitForSelector('[data-testid="activity-section"] >> text=Nothing has happened in the text yet.');

    const words = ' in every region, without exception';
    const paragraph3 = '[data-paragraph-number="3"]';
    await facilitator.waitForSelector(`${paragraph3} .ProseMirror[contenteditable="true"]`);
    await facilitator.click(`${paragraph3} .ProseMirror p`);
    await facilitator.keyboard.press('Control+End');
    await facilitator.keyboard.press('ArrowLeft'); // before the final full stop
    await facilitator.keyboard.type(words, { delay: 10 });

    const paragraph2Id = (await facilitator.getAttribute('[data-paragraph-number="2"]', 'data-paragraph-id')) as string;

    // The edit arrives live (its words follow within the server's push interval), with the typed words inserted.
    await observer.waitForSelector(editEntry, { timeout: 10_000 });
    expect(await observer.textContent(`${editEntry} [data-testid="activity-summary"]`)).toBe('Edited paragraph 3');
    expect(await observer.textContent(`${editEntry} .activity-who`)).toMatch(/^Facilitator/);
    await observer.click(`${editEntry} [data-testid="activity-change"] summary`);
    await expect
      .poll(() => observer.locator(`${editEntry} .redline ins`).allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining(words.trim())]);
    expect(await observer.locator(`${editEntry} .redline del`).count()).toBe(0);
    expect(await observer.textContent(`${editEntry} .redline ins .visually-hidden`)).toBe('inserted: ');

    // Then the decision, in its words.
    const decided = await sendCommand(server, created.id, facilitatorToken, { type: 'set-status', paragraphId: paragraph2Id, status: 'agreed' });
    expect(decided.status).toBe(200);
    await observer.waitForSelector(statusEntry, { timeout: 10_000 });
    expect(await observer.textContent(`${statusEntry} [data-testid="activity-summary"]`)).toBe('Marked paragraph 2 agreed');
    expect(await observer.textContent(`${statusEntry} .activity-who`)).toMatch(/^Facilitator/);
    expect(await observer.getAttribute(`${statusEntry} time`, 'title')).toMatch(/\d{1,2}:\d{2}:\d{2}/);
    // The decision has no redline; the edit's stays open.
    expect(await observer.locator(`${statusEntry} [data-testid="activity-change"]`).count()).toBe(0);
    expect(await observer.locator(`${editEntry} .redline ins`).textContent()).toContain(words.trim());
    // Newest first.
    const lines = await feedLines(observer);
    expect(lines.map(([, summary]) => summary)).toEqual(['Marked paragraph 2 agreed', 'Edited paragraph 3']);
    // A wide window has nothing to fold.
    expect(await observer.locator('[data-testid="side-panel-fold"]').isVisible()).toBe(false);
    await shot(observer, 'feed-1280');

    // Paragraph 3's history holds the edit, with its redline open, and not paragraph 2's decision.
    await observer.click(`${editEntry} [data-testid="paragraph-history-button"]`);
    const history = observer.locator('[data-testid="paragraph-history"]');
    await expect.poll(() => history.locator('.history-title').textContent()).toBe('History of paragraph 3');
    await expect.poll(() => history.locator('[data-testid="activity-entry"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await history.locator('[data-testid="activity-entry"]').getAttribute('data-action')).toBe('edit-text');
    expect(await history.locator('.redline ins').textContent()).toContain(words.trim());
    await shot(observer, 'history-1280');
    await observer.keyboard.press('Escape');
    await expect.poll(() => history.count()).toBe(0);
    expect(await observer.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('paragraph-history-button');

    // Choosing the decision's paragraph brings it into view.
    await observer.click(`${statusEntry} [data-testid="activity-place"]`);
    await expect
      .poll(() => observer.evaluate((id) => {
        const box = document.getElementById(`p-${id}`)?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.bottom <= innerHeight;
      }, paragraph2Id))
      .toBe(true);

    // A reload shows the same feed, from HTTP.
    const live = await feedLines(observer);
    await observer.reload();
    await observer.waitForSelector(editEntry, { timeout: 10_000 });
    expect(await feedLines(observer)).toEqual(live);
    await observer.click(`${editEntry} [data-testid="activity-change"] summary`);
    await expect.poll(() => observer.locator(`${editEntry} .redline ins`).textContent()).toContain(words.trim());
  }, 120_000);

  it('at 390 px the panel opens folded; unfolded, the feed and a paragraph’s history fit the width', async () => {
    const created = await importDraft(server, smallDraft);
    const facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    const api = await fetch(`${server.url}/api/negotiations/${created.id}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const { paragraphs } = (await api.json()) as { paragraphs: { id: string; number: string | null }[] };
    const byNumber = (number: string) => paragraphs.find((paragraph) => paragraph.number === number)?.id as string;
    for (const [number, status] of [['1', 'agreed-ad-ref'], ['4', 'agreed']] as const) {
      const answer = await sendCommand(server, created.id, facilitatorToken, { type: 'set-status', paragraphId: byNumber(number), status, ...(status === 'agreed-ad-ref' ? { note: 'pending confirmation from capital' } : {}) });
      expect(answer.status).toBe(200);
    }
    const facilitator = await personAt(created.url);
    const paragraph2 = '[data-paragraph-number="2"]';
    await facilitator.waitForSelector(`${paragraph2} .ProseMirror[contenteditable="true"]`);
    await facilitator.click(`${paragraph2} .ProseMirror p`);
    await facilitator.keyboard.press('Control+Home');
    await facilitator.keyboard.type('Recalling our earlier pledges, ', { delay: 5 });

    const observerLink = await invite(server, created.id, { role: 'observer' });
    const observer = await personAt(observerLink.url, { width: 390, height: 844 });
    // Folded: the feed is hidden, and the first paragraph of the text starts on the first screen.
    const fold = observer.locator('[data-testid="side-panel-fold"]');
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await observer.locator('[data-testid="activity-section"]').isVisible()).toBe(false);
    const first = await observer.locator('[data-paragraph-number="1"]').boundingBox();
    expect(first && first.y + 40 <= 844).toBe(true);
    await shot(observer, 'folded-390');
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('true');
    await observer.waitForSelector(editEntry, { timeout: 10_000 });
    await observer.click(`${editEntry} [data-testid="activity-change"] summary`);
    await expect.poll(() => observer.locator(`${editEntry} .redline ins`).textContent(), { timeout: 10_000 }).toContain('Recalling our earlier pledges,');
    expect(await observer.locator(`${feed} [data-testid="activity-entry"]`).count()).toBe(3);
    expect(await activityPastTheEdge(observer)).toEqual([]);
    await observer.locator('[data-testid="activity-section"]').scrollIntoViewIfNeeded();
    await shot(observer, 'feed-390');

    await observer.click(`${editEntry} [data-testid="paragraph-history-button"]`);
    const history = observer.locator('[data-testid="paragraph-history"]');
    await expect.poll(() => history.locator('.redline ins').textContent(), { timeout: 10_000 }).toContain('Recalling our earlier pledges,');
    const box = await history.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    expect(await activityPastTheEdge(observer)).toEqual([]);
    await shot(observer, 'history-390');
  }, 120_000);
});
