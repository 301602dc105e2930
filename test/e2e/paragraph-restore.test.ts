/**
 * A paragraph the facilitator deletes from its tools, in Chromium on the real server: where it stood, the
 * facilitator (1280 px) and an observer (390 px) see a line saying it was deleted and by whom, its words
 * (and source) behind Show; only the facilitator's line has "Undo the deletion". Undo puts it back for both,
 * under its own id, with its words, bold and source, and the EU's pending proposal on it is under it again.
 * Screenshots go to SHOTS_DIR (default /tmp/paragraph-restore).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { deletedLines, documentOrder, noSidewaysScroll, seen } from '../helpers/deleted-lines.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR ?? '/tmp/paragraph-restore';
mkdirSync(shots, { recursive: true });
const live = { timeout: 10_000 };

const draft = `Test Declaration on Disaster Risk
Zero draft

1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.

2. We will **strengthen** early warning systems in developing countries. *[Sendai, para 33]*

3. We request the Secretary-General to report on progress.
`;

let negotiationId: string;
let paragraphId: string;
let proposalId: string;
let facilitator: Page;
let observer: Page;

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector('[data-paragraph-number="3"] .para-text');
  return page;
}

const deleted = [
  '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
  'deleted: Paragraph 2 was deleted',
  '2. We request the Secretary-General to report on progress.',
];

describe('a paragraph the facilitator deletes', () => {
  it('is deleted from its tools, after the confirmation', async () => {
    const created = await importDraft(server, draft);
    negotiationId = created.id;
    await addDelegation(server, negotiationId, 'EU', 'European Union');
    const [eu, watcher] = await Promise.all([invite(server, negotiationId, { role: Role.delegation, delegation: 'EU' }), invite(server, negotiationId, { role: Role.observer })]);
    facilitator = await open(created.url, { width: 1280, height: 900 });
    observer = await open(watcher.url, { width: 390, height: 800 });
    paragraphId = (await facilitator.locator('[data-paragraph-number="2"]').getAttribute('data-paragraph-id')) as string;
    const proposed = await sendCommand(server, negotiationId, eu.token, { type: 'propose', paragraphId, kind: 'replace-text', text: 'We will strengthen early warning systems everywhere.' });
    expect(proposed.status).toBe(200);
    proposalId = proposed.body.result?.proposalId as string;
    const section = facilitator.locator(`[data-paragraph-id="${paragraphId}"]`);
    await section.hover();
    await section.locator('[data-testid="paragraph-handle"]').click();
    const tools = section.locator('[data-testid="paragraph-tools"]');
    await tools.locator('[data-testid="delete-paragraph"]').click();
    // The confirmation waits with the focus on the safe answer: Enter by habit keeps the paragraph.
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.getAttribute('data-testid')), live).toBe('delete-cancel');
    await tools.locator('[data-testid="delete-confirm"]').click();
    await expect.poll(() => facilitator.locator(`[data-paragraph-id="${paragraphId}"]`).count(), live).toBe(0);
  }, 60_000);

  it('the facilitator (1280 px) sees a line where it stood: who deleted it, its words behind Show, and Undo', async () => {
    await expect.poll(() => documentOrder(facilitator), live).toEqual(deleted);
    expect(await deletedLines(facilitator).getAttribute('data-deleted-by')).toBe('direct');
    expect(await seen(deletedLines(facilitator).locator('.deleted-para-line'))).toBe('Paragraph 2 was deleted by Facilitator (Secretariat), just now. Show');
    await deletedLines(facilitator).getByRole('button', { name: 'Show the words of paragraph 2' }).click();
    expect(await deletedLines(facilitator).locator('.deleted-para-text').textContent()).toBe('We will strengthen early warning systems in developing countries.');
    expect(await deletedLines(facilitator).locator('.deleted-para-source').textContent()).toBe('[Sendai, para 33]');
    expect(await deletedLines(facilitator).getByRole('button', { name: 'Undo the deletion', exact: true }).count()).toBe(1);
    await deletedLines(facilitator).scrollIntoViewIfNeeded();
    await facilitator.locator('[data-testid="document"]').screenshot({ path: `${shots}/deleted-directly-1280.png` });
  }, 60_000);

  it('an observer (390 px) sees the same line without Undo, and no sideways scroll', async () => {
    await expect.poll(() => documentOrder(observer), live).toEqual(deleted);
    expect(await seen(deletedLines(observer).locator('.deleted-para-line'))).toBe('Paragraph 2 was deleted by Facilitator (Secretariat), just now. Show');
    expect(await deletedLines(observer).locator('button').allTextContents()).toEqual(['Show the words of paragraph 2']);
    expect(await noSidewaysScroll(observer)).toBe(true);
    await deletedLines(observer).scrollIntoViewIfNeeded();
    await observer.screenshot({ path: `${shots}/deleted-directly-observer-390.png` });
  }, 60_000);

  it('Undo puts it back for everyone, under its own id, with its words, bold, source and the proposal on it', async () => {
    await deletedLines(facilitator).getByRole('button', { name: 'Undo the deletion', exact: true }).click();
    const restored = [
      '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
      // The source annotation stands at the end of the paragraph's text.
      '2. We will strengthen early warning systems in developing countries.[Sendai, para 33]',
      '3. We request the Secretary-General to report on progress.',
    ];
    for (const page of [facilitator, observer]) {
      await expect.poll(() => documentOrder(page), live).toEqual(restored);
      const section = page.locator('[data-paragraph-number="2"]');
      expect(await section.getAttribute('data-paragraph-id')).toBe(paragraphId);
      expect(await section.locator('.para-text strong').allTextContents()).toEqual(['strengthen']);
      await expect.poll(() => section.locator(`[data-proposal-id="${proposalId}"]`).count(), live).toBe(1);
    }
    await facilitator.locator('[data-testid="document"]').screenshot({ path: `${shots}/restored-1280.png` });
  }, 60_000);
});
