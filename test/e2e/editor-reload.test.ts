/**
 * The editors' code arriving late, in Chromium on the real server with the small draft. When the client's
 * files were replaced while a page was open (its editor chunk and the script it started from answer 404),
 * the page says so with a Reload button instead of leaving the text static without a word, and nothing
 * throws uncaught; Reload then gives editors that take typing. A request for the editor chunk that the
 * network drops once is tried again: editors arrive on the same page, without a reload and without a notice.
 * When the requests keep failing, the page says the editing tools could not be loaded, and once they pass
 * again the editors arrive on the same page and the notice goes.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { NegotiationResponse } from '../../shared/protocol/api.ts';
import { getJson, importDraft, smallDraft } from '../helpers/api.ts';
import { openPerson } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { deskWait } from '../helpers/desk-page.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const p3 = '[data-paragraph-number="3"]';
const editorChunk = '**/assets/paragraph-editor-*.js';
const entryScript = '**/assets/index-*.js';

/** A fresh person's page, with every uncaught error on it collected in `errors`. */
async function watchedPage(): Promise<{ page: Page; errors: string[] }> {
  const person = await openPerson(browser);
  file.people.push(person);
  const errors: string[] = [];
  person.page.on('pageerror', (error) => errors.push(error.message));
  return { page: person.page, errors };
}

/** Types `words` at the end of paragraph 3 in its editor and resolves once the server holds them. */
async function typeIntoParagraph3(page: Page, negotiationId: string, words: string): Promise<void> {
  await page.locator(`${p3} .ProseMirror[contenteditable="true"]`).waitFor(deskWait);
  await page.click(`${p3} .ProseMirror p`);
  await page.keyboard.press('End');
  await page.keyboard.type(words, { delay: 10 });
  const held = async () => JSON.stringify((await getJson<NegotiationResponse>(server, `/api/negotiations/${negotiationId}`)).body.paragraphs);
  await expect.poll(held, { ...deskWait, message: 'the typed words on the server' }).toContain(words.trim());
}

describe('the editor code when it cannot be loaded', () => {
  it('says the client was updated, with a Reload button that brings editors back', async () => {
    const created = await importDraft(server, smallDraft);
    const { page, errors } = await watchedPage();
    // A deploy after the page has loaded: from then on the old files are gone, until the page is reloaded.
    let deployed = true;
    let entryLoaded = false;
    await page.route(editorChunk, (route) => (deployed ? route.fulfill({ status: 404, body: 'Not Found' }) : route.continue()));
    await page.route(entryScript, (route) => {
      if (deployed && entryLoaded) return route.fulfill({ status: 404, body: 'Not Found' });
      entryLoaded = true;
      return route.continue();
    });
    let reloading = false;
    await page.route(
      (url) => url.pathname.startsWith('/n/'),
      (route) => {
        if (reloading) deployed = false;
        return route.continue();
      },
    );
    await page.goto(created.url);

    const notice = page.locator('[data-testid="notice"]', { hasText: 'Draftroom was updated' });
    await notice.waitFor(deskWait);
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await page.getAttribute(p3, 'data-mounted')).toBe('static');
    expect(errors).toEqual([]);

    reloading = true;
    await Promise.all([page.waitForEvent('load', deskWait), notice.locator('[data-testid="notice-action"]', { hasText: 'Reload' }).click(deskWait)]);
    await page.locator(`${p3}[data-mounted="editor"]`).waitFor(deskWait);
    expect(await page.locator('[data-testid="notice"]').count()).toBe(0);
    await typeIntoParagraph3(page, created.id, ' Typed after the reload.');
    expect(errors).toEqual([]);
  });

  it('tries again after a dropped request and gives editors on the same page, without a notice', async () => {
    const created = await importDraft(server, smallDraft);
    const { page, errors } = await watchedPage();
    let requests = 0;
    await page.route(editorChunk, (route) => (++requests === 1 ? route.abort('failed') : route.continue()));
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(created.url);

    await page.locator(`${p3}[data-mounted="editor"]`).waitFor(deskWait);
    expect(requests, 'requests for the editor chunk').toBeGreaterThanOrEqual(2);
    expect(loads, 'times the page loaded').toBe(1);
    expect(await page.locator('[data-testid="notice"]').count()).toBe(0);
    await typeIntoParagraph3(page, created.id, ' Typed after the retry.');
    expect(errors).toEqual([]);
  });

  it('says so when loading keeps failing, and brings editors once it passes again, on the same page', async () => {
    const created = await importDraft(server, smallDraft);
    const { page, errors } = await watchedPage();
    let down = true;
    await page.route(editorChunk, (route) => (down ? route.abort('failed') : route.continue()));
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.goto(created.url);

    const notice = page.locator('[data-testid="notice"]', { hasText: 'The editing tools could not be loaded' });
    await notice.waitFor(deskWait);
    expect(await page.getAttribute(p3, 'data-mounted')).toBe('static');
    down = false;
    await page.locator(`${p3}[data-mounted="editor"]`).waitFor(deskWait);
    await notice.waitFor({ state: 'detached', ...deskWait });
    expect(loads, 'times the page loaded').toBe(1);
    await typeIntoParagraph3(page, created.id, ' Typed once the network passed.');
    expect(errors).toEqual([]);
  });
});
