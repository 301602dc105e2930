/**
 * Printing, in Chromium on the real server: in print media the room around the text is gone (top bar, side
 * panel, toolbar, handles, proposals) and the text stays with its numbers, brackets, source tags and footnotes;
 * the compilation view prints its proposals. Chromium writes the PDF a person would get (SHOTS_DIR, default
 * /tmp/print, keeps it and a screenshot of the print layout).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDelegation, importDraft, sendCommand, smallDraft } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { openPerson } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR ?? '/tmp/print';
mkdirSync(shots, { recursive: true });

/** Which of `selectors` the page shows (has a box), by selector. */
function shown(page: Page, selectors: readonly string[]): Promise<Record<string, boolean>> {
  return page.evaluate(
    (list) => Object.fromEntries(list.map((selector) => [selector, [...document.querySelectorAll(selector)].some((element) => element.getClientRects().length > 0)])),
    [...selectors],
  );
}

describe('printing', () => {
  it('prints the text without the room around it, and the compilation with its proposals', async () => {
    const created = await importDraft(server, smallDraft);
    const facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    await addDelegation(server, created.id, 'EU', 'European Union');
    const paragraphs = (await (await fetch(`${server.url}/api/negotiations/${created.id}`, { headers: { authorization: `Bearer ${facilitatorToken}` } })).json()) as { paragraphs: { id: string; number: string | null }[] };
    const id3 = paragraphs.paragraphs.find((p) => p.number === '3')?.id as string;
    const proposed = await sendCommand(server, created.id, facilitatorToken, { type: 'propose', paragraphId: id3, kind: 'comment', text: 'The EU reserves its position.', delegation: 'EU' });
    expect(proposed.status).toBe(200);
    const person = await openPerson(browser, { width: 1280, height: 900 });
    file.people.push(person);
    const { page } = person;
    await page.goto(created.url);
    await page.waitForSelector('[data-paragraph-number="3"] [data-testid="proposal"]');

    const room = ['.topbar', '.side-panel', '.doc-toolbar', '.desk-handle', '.para-aside', '[data-testid="proposals"]', '[data-testid="title-block-edit"]'];
    const text = ['[data-testid="doc-title"]', '[data-paragraph-number="1"] .para-text', '.source-tag', '[data-testid="footnotes"]'];
    // On screen, all of it.
    expect(Object.values(await shown(page, [...room, ...text])).every(Boolean)).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await shown(page, room)).toEqual(Object.fromEntries(room.map((selector) => [selector, false])));
    expect(await shown(page, text)).toEqual(Object.fromEntries(text.map((selector) => [selector, true])));
    await page.screenshot({ path: join(shots, 'print-text.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(shots, 'text.pdf'), pdf);

    // The compilation view prints the proposals, as lines under their paragraphs.
    await page.emulateMedia({ media: 'screen' });
    await page.check('[data-testid="view-compilation"]');
    await page.waitForSelector('[data-testid="compilation-line"]');
    await page.emulateMedia({ media: 'print' });
    expect(await shown(page, ['[data-testid="compilation-line"]', '.compilation-options', '.side-panel'])).toEqual({ '[data-testid="compilation-line"]': true, '.compilation-options': false, '.side-panel': false });
    expect(await page.locator('[data-testid="compilation-line"]').first().textContent()).toContain('The EU reserves its position.');
    writeFileSync(join(shots, 'compilation.pdf'), await page.pdf({ format: 'A4' }));
  }, 60_000);
});
