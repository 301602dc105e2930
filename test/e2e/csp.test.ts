/**
 * The built page under the server's security headers, in Chromium (issue 6, class 11): it loads, its
 * styles apply, its websocket connects and syncs, a peer's caret takes its colour from its inline style,
 * and the browser reports no Content-Security-Policy violation. A link whose `#` fragment does not decode
 * shows a page that says so instead of a blank page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import { launchBrowser, openPerson, paragraphText, type Person } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const people: Person[] = [];
const paragraph3 = '[data-paragraph-number="3"]';

/** A page that records CSP violations (DOM events and console messages) from its first script on. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const person = await openPerson(browser);
  people.push(person);
  const violations: string[] = [];
  await person.page.exposeFunction('reportViolation', (text: string) => void violations.push(text));
  await person.page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  person.page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  person.page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return { page: person.page, violations };
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all(people.map(({ context }) => context.close()));
  await browser?.close();
  await server?.stop();
});

describe('the page under its Content-Security-Policy', () => {
  it('loads, applies its styles, syncs over its websocket and shows a peer caret, with no violation', async () => {
    const created = await importDraft(server, smallDraft);
    const observer = await invite(server, created.id, { role: Role.observer });
    const a = await watchedPage();
    const b = await watchedPage();
    const response = await a.page.goto(created.url);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await b.page.goto(observer.url);

    for (const { page } of [a, b]) {
      await page.waitForSelector(`${paragraph3} .ProseMirror`);
      await expect.poll(() => page.getAttribute('[data-testid="connection-state"]', 'data-state'), { timeout: 10_000 }).toBe('connected');
      // document.css applies: the sheet is centred at 46rem, set in the serif face.
      const sheet = await page.$eval('[data-testid="document"]', (element) => getComputedStyle(element).maxWidth);
      expect(sheet).toBe('736px');
    }

    await a.page.waitForSelector(`${paragraph3} .ProseMirror[contenteditable="true"]`);
    await a.page.click(`${paragraph3} .ProseMirror p`);
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' Under policy.', { delay: 10 });
    await expect.poll(() => paragraphText(b.page, paragraph3), { timeout: 10_000 }).toContain('Under policy.');
    // The caret's colour comes from a style attribute the binding sets: allowed by style-src-attr.
    const caret = `${paragraph3} .collaboration-carets__caret`;
    await b.page.waitForSelector(caret, { timeout: 10_000 });
    const colour = await b.page.$eval(caret, (element) => getComputedStyle(element).borderLeftColor);
    const identity = await a.page.$eval('.identity-dot', (element) => getComputedStyle(element).backgroundColor);
    expect(colour).toBe(identity);

    expect(a.violations).toEqual([]);
    expect(b.violations).toEqual([]);
  });

  it('shows a plain message, not a blank page, for a link whose # fragment does not decode', async () => {
    const created = await importDraft(server, smallDraft);
    const { page, violations } = await watchedPage();
    await page.goto(`${created.url}#%E0%A4%A`);
    await page.waitForSelector('[data-testid="damaged-link"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="damaged-link"] h1')).toBe('This link is damaged');
    // Its link opens the same page without the fragment.
    await page.click('[data-testid="damaged-link"] a');
    await page.waitForSelector(paragraph3, { timeout: 10_000 });
    expect(page.url()).toBe(created.url);
    expect(violations).toEqual([]);
  });
});
