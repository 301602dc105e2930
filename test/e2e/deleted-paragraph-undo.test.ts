/**
 * An accepted paragraph deletion, in Chromium on the real server: the EU proposes deleting paragraph 2 (G77
 * proposed new words for it), the facilitator accepts on the page; where paragraph 2 stood, the facilitator
 * (1280 px) and an observer (390 px) see a line saying it was deleted, by whose proposal, accepted by whom,
 * with a Show button disclosing its words; only the facilitator's line has "Undo the decision". The
 * facilitator undoes: on both pages paragraph 2 is back with its words and the line is gone; accepted
 * again, it shows one line. Screenshots go to SHOTS_DIR (default /tmp/deleted-paragraph-undo).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const shots = process.env.SHOTS_DIR ?? '/tmp/deleted-paragraph-undo';
mkdirSync(shots, { recursive: true });
const live = { timeout: 10_000 };
const doomed = 'We will strengthen early warning systems in developing countries.';

const draft = `Test Declaration on Disaster Risk
Zero draft

1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.

2. ${doomed}

3. We request the Secretary-General to report on progress.
`;

let negotiationId: string;
let facilitatorToken: string;
let paragraphId: string;
let deletionId: string;
let facilitator: Page;
let observer: Page;

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  // Past the page's CSP only so axe-core can be added to it.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector('[data-paragraph-number="3"] .para-text');
  return page;
}

async function command(token: string, body: Record<string, unknown>): Promise<Record<string, string>> {
  const answer = await sendCommand(server, negotiationId, token, body);
  expect(answer.status, answer.body.error).toBe(200);
  return answer.body.result ?? {};
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations inside the deleted-paragraph lines. */
async function lineViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ include: [['[data-testid="deleted-paragraph"]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((node) => `${v.id} at ${node.target.join(' ')}`));
  });
}

describe('an accepted paragraph deletion', () => {
  it('is proposed by the EU and accepted by the facilitator on the page', async () => {
    const created = await importDraft(server, draft);
    negotiationId = created.id;
    facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    await addDelegation(server, negotiationId, 'EU', 'European Union');
    await addDelegation(server, negotiationId, 'G77', 'Group of 77 and China');
    const [euInvite, g77Invite, observerInvite] = await Promise.all([
      invite(server, negotiationId, { role: Role.delegation, delegation: 'EU' }),
      invite(server, negotiationId, { role: Role.delegation, delegation: 'G77' }),
      invite(server, negotiationId, { role: Role.observer }),
    ]);
    facilitator = await open(created.url, { width: 1280, height: 900 });
    observer = await open(observerInvite.url, { width: 390, height: 800 });
    paragraphId = (await facilitator.locator('[data-paragraph-number="2"]').getAttribute('data-paragraph-id')) as string;
    await command(g77Invite.token, { type: 'propose', paragraphId, kind: 'replace-text' });
    deletionId = (await command(euInvite.token, { type: 'propose', paragraphId, kind: 'delete-paragraph', rationale: 'Covered by paragraph 1.' })).proposalId as string;

    const card = facilitator.locator(`[data-proposal-id="${deletionId}"]`);
    await card.locator('[data-testid="proposal-accept"]').click();
    await expect.poll(() => facilitator.locator(`[data-paragraph-id="${paragraphId}"]`).count(), live).toBe(0);
  }, 60_000);

  it('the facilitator (1280 px) sees a line where paragraph 2 stood, with its words behind Show and the undo', async () => {
    await expect.poll(() => documentOrder(facilitator), live).toEqual([
      '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
      'deleted: Paragraph 2 was deleted',
      '2. We request the Secretary-General to report on progress.',
    ]);
    const line = deletedLines(facilitator);
    await expect.poll(() => line.getAttribute('data-proposal-id'), live).toBe(deletionId);
    expect(await seen(line.locator('.deleted-para-line'))).toBe('Paragraph 2 was deleted — proposed by EU, accepted by Facilitator (Secretariat), just now. Show');
    // The disclosure is a button that says whether it is open; the words are hidden until it is.
    expect(await line.getByRole('button', { name: 'Show the words of paragraph 2' }).count()).toBe(1);
    const show = line.locator('[data-testid="deleted-paragraph-show"]');
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    expect(await line.locator('[data-testid="deleted-paragraph-words"]').isVisible()).toBe(false);
    await show.click();
    expect(await show.getAttribute('aria-expanded')).toBe('true');
    expect(await show.textContent()).toBe('Hide the words of paragraph 2');
    expect(await line.locator('.deleted-para-text').textContent()).toBe(doomed);
    expect(await seen(line.locator('.deleted-para-reason'))).toBe('Reason: Covered by paragraph 1.');
    expect(await seen(line.locator('.deleted-para-superseded'))).toBe('Superseded by the deletion: G77 replace the text. Undo reopens it.');
    await expect.poll(() => line.getByRole('button', { name: 'Undo the decision' }).count(), live).toBe(1);
    expect(await lineViolations(facilitator)).toEqual([]);
    await line.scrollIntoViewIfNeeded();
    await facilitator.locator('[data-testid="document"]').screenshot({ path: `${shots}/deleted-line-facilitator-1280.png` });
    // At 390 px the line and its undo fit the width.
    await facilitator.setViewportSize({ width: 390, height: 800 });
    await line.scrollIntoViewIfNeeded();
    expect(await noSidewaysScroll(facilitator)).toBe(true);
    await facilitator.screenshot({ path: `${shots}/deleted-line-facilitator-390.png` });
    await facilitator.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('an observer (390 px) sees the same line without the undo, and no sideways scroll', async () => {
    await expect.poll(() => documentOrder(observer), live).toEqual([
      '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
      'deleted: Paragraph 2 was deleted',
      '2. We request the Secretary-General to report on progress.',
    ]);
    const line = deletedLines(observer);
    expect(await noSidewaysScroll(observer)).toBe(true);
    await line.scrollIntoViewIfNeeded();
    await observer.screenshot({ path: `${shots}/deleted-line-observer-390-closed.png` });
    await line.getByRole('button', { name: /^Show/ }).click();
    expect(await line.locator('.deleted-para-text').textContent()).toBe(doomed);
    expect(await line.locator('button').allTextContents()).toEqual(['Hide the words of paragraph 2']);
    expect(await lineViolations(observer)).toEqual([]);
    expect(await noSidewaysScroll(observer)).toBe(true);
    await line.scrollIntoViewIfNeeded();
    await observer.screenshot({ path: `${shots}/deleted-line-observer-390.png` });
  }, 60_000);

  it('the facilitator undoes: on both pages paragraph 2 is back with its words and the line is gone', async () => {
    await deletedLines(facilitator).getByRole('button', { name: 'Undo the decision' }).click();
    const restored = [
      '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
      `2. ${doomed}`,
      '3. We request the Secretary-General to report on progress.',
    ];
    for (const page of [facilitator, observer]) {
      await expect.poll(() => documentOrder(page), live).toEqual(restored);
      expect(await page.locator(`[data-paragraph-number="2"]`).getAttribute('data-paragraph-id')).toBe(paragraphId);
      expect(await deletedLines(page).count()).toBe(0);
      // The deletion and the proposal it superseded are pending again, under their paragraph.
      await expect.poll(() => page.locator(`[data-paragraph-id="${paragraphId}"] [data-testid="proposal"][data-status="pending"]`).count(), live).toBe(2);
    }
    // Focus, on the undo that is gone, moved to the paragraph it brought back.
    await expect.poll(() => facilitator.evaluate(() => document.activeElement?.getAttribute('data-paragraph-id')), live).toBe(paragraphId);
    await facilitator.locator('[data-testid="document"]').screenshot({ path: `${shots}/restored-facilitator-1280.png` });
  }, 60_000);

  it('deleted again (the same proposal accepted again), it shows one line', async () => {
    await command(facilitatorToken, { type: 'accept-proposal', proposalId: deletionId });
    for (const page of [facilitator, observer]) {
      await expect.poll(() => documentOrder(page), live).toEqual([
        '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
        'deleted: Paragraph 2 was deleted',
        '2. We request the Secretary-General to report on progress.',
      ]);
    }
  }, 60_000);

  it('the first paragraph deleted too: both lines stand at the top in the order the paragraphs stood, numbered as they were', async () => {
    const first = (await facilitator.locator('[data-paragraph-number="1"]').getAttribute('data-paragraph-id')) as string;
    const proposalId = (await command(facilitatorToken, { type: 'propose', paragraphId: first, kind: 'delete-paragraph', delegation: 'EU' })).proposalId as string;
    await command(facilitatorToken, { type: 'accept-proposal', proposalId });
    for (const page of [facilitator, observer]) {
      await expect.poll(() => documentOrder(page), live).toEqual(['deleted: Paragraph 1 was deleted', 'deleted: Paragraph 2 was deleted', '1. We request the Secretary-General to report on progress.']);
    }
    // Paragraph 2 followed paragraph 1, which is gone: its line says where undo would put it.
    expect(await seen(deletedLines(observer).nth(1).locator('.deleted-para-how'))).toContain('The paragraph it followed is gone too: undo puts it back here.');
    expect(await noSidewaysScroll(observer)).toBe(true);
    await observer.locator('[data-testid="document"]').scrollIntoViewIfNeeded();
    await observer.screenshot({ path: `${shots}/two-deleted-observer-390.png` });
    // Undone in turn, each comes back where it stood.
    await command(facilitatorToken, { type: 'undo-decision', proposalId: deletionId });
    await command(facilitatorToken, { type: 'undo-decision', proposalId });
    await expect.poll(() => documentOrder(facilitator), live).toEqual([
      '1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030.',
      `2. ${doomed}`,
      '3. We request the Secretary-General to report on progress.',
    ]);
  }, 60_000);
});
