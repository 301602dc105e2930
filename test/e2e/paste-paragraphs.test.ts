/**
 * A facilitator pasting several paragraphs into a paragraph: the first lands where the caret is, each
 * further one becomes a numbered paragraph of its own after it (by command), seen by an observer live.
 */
import type { Browser, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import { paragraphText } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
browserPerFile((started, launched) => {
  server = started;
  browser = launched;
});

async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

it('pasting three paragraphs into paragraph 3 makes 3, 3 bis and 3 ter, for everyone', async () => {
  const created = await importDraft(server, smallDraft);
  const observer = await invite(server, created.id, { role: Role.observer });
  const [chair, watcher] = await Promise.all([open(created.url), open(observer.url)]);
  const p3 = '[data-paragraph-number="3"]';
  await chair.waitForSelector(`${p3} .ProseMirror[contenteditable="true"]`);
  await chair.click(`${p3} .ProseMirror p`);
  await chair.keyboard.press('End');
  await chair.keyboard.type(' ');
  await chair.$eval(`${p3} .ProseMirror`, (element) => {
    const data = new DataTransfer();
    data.setData('text/html', '<p>Pasted first.</p><p>Pasted <em>second</em> paragraph.</p><p>Pasted third paragraph.</p>');
    data.setData('text/plain', 'Pasted first.\n\nPasted second paragraph.\n\nPasted third paragraph.');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  for (const page of [chair, watcher]) {
    await expect.poll(() => paragraphText(page, p3), { timeout: 10_000 }).toBe('We will strengthen capacity building in developing countries. Pasted first.');
    await expect.poll(() => page.locator('[data-paragraph-number="3 bis"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await paragraphText(page, '[data-paragraph-number="3 bis"]')).toBe('Pasted second paragraph.');
    await expect.poll(() => paragraphText(page, '[data-paragraph-number="3 ter"]'), { timeout: 10_000 }).toBe('Pasted third paragraph.');
  }
  expect(await paragraphText(watcher, '[data-paragraph-number="4"]')).toBe('We request the Secretary-General to report on progress.');
}, 60_000);
