/**
 * The compilation view, the filters and the open proposals in the progress, in Chromium on the real server:
 * delegations propose and react over HTTP; the EU's page (1280 px) switches to the compilation view and
 * reads each paragraph's proposals in the conventional form, identical ones once with every name, and a new
 * proposal arrives live; filters (open proposals, my delegation, bracketed, status) and the search narrow the
 * paragraphs in the compilation and the text views with the right count, and "Show all" brings everything
 * back; the view and filters survive a reload; an observer at 390 px reads the same without sideways scroll.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { anchorRange, paragraphCharacters } from '../../shared/model/bracket.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR ?? '/tmp/h6-shots';
mkdirSync(shots, { recursive: true });
const live = { timeout: 10_000 };
const byNumber = (n: string) => `[data-paragraph-number="${n}"]`;

let negotiationId: string;
let tokens: Record<string, string>;
/** Paragraph ids by number. */
let ids: Record<string, string>;
let eu: Page;
let observer: Page;
let euUrl: string;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A person's page; the context bypasses the page's CSP only so axe can be injected. */
async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector(byNumber('4'));
  return page;
}

/** The serious and critical axe violations (WCAG 2.2 AA and best practice) on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    type Found = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Found[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} at ${node.target.join(' ')}: ${violation.help}`));
}

async function command(token: string, body: Record<string, unknown>): Promise<Record<string, string>> {
  const answer = await sendCommand(server, negotiationId, token, body);
  expect(answer.status, answer.body.error).toBe(200);
  return answer.body.result ?? {};
}

/** The numbers of the compilation's paragraphs on the page, in order. */
const compiled = (page: Page) => page.$$eval('[data-compilation-paragraph]', (elements) => elements.map((e) => e.getAttribute('data-compilation-paragraph')));
/** The numbers of the text view's paragraphs on the page, in order. */
const numbered = (page: Page) => page.$$eval('[data-paragraph-number]', (elements) => elements.map((e) => e.getAttribute('data-paragraph-number')));
/** The lines under paragraph `n` in the compilation view. */
const linesOf = (page: Page, n: string) => page.locator(`[data-compilation-paragraph="${n}"] [data-testid="compilation-line"]`).allTextContents();
const count = (page: Page) => page.locator('[data-testid="filter-count"]').textContent();

/** Nothing scrolls sideways. */
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('the compilation view and the filters', () => {
  it('opens with proposals made over HTTP: EU and NOR alike on ¶2, G77 deletes ¶3, Kenya adds one after it', async () => {
    const created = await importDraft(server, smallDraft);
    negotiationId = created.id;
    const codes = ['EU', 'NOR', 'G77', 'KEN'];
    for (const code of codes) await addDelegation(server, negotiationId, code, code === 'EU' ? 'European Union' : `Delegation ${code}`);
    const invitations = await Promise.all([
      invite(server, negotiationId, { role: Role.observer }),
      ...codes.map((code) => invite(server, negotiationId, { role: Role.delegation, delegation: code })),
    ]);
    tokens = { facilitator: new URL(created.url).searchParams.get('token') as string, ...Object.fromEntries(codes.map((code, i) => [code, invitations[i + 1]?.token ?? ''])) };
    euUrl = invitations[1]?.url as string;
    eu = await open(euUrl, { width: 1280, height: 900 });
    observer = await open(invitations[0]?.url as string, { width: 390, height: 800 });
    ids = (await eu.$$eval('[data-paragraph-number]', (elements) =>
      Object.fromEntries(elements.map((e) => [e.getAttribute('data-paragraph-number'), e.getAttribute('data-paragraph-id')])),
    )) as Record<string, string>;

    const second = 'We commit to sharing open data on a voluntary basis.¹';
    const euId = (await command(tokens.EU as string, { type: 'propose', paragraphId: ids['2'], kind: 'replace-text', text: second })).proposalId;
    const norId = (await command(tokens.NOR as string, { type: 'propose', paragraphId: ids['2'], kind: 'replace-text', text: second })).proposalId;
    await command(tokens.G77 as string, { type: 'propose', paragraphId: ids['3'], kind: 'delete-paragraph' });
    await command(tokens.KEN as string, { type: 'propose', paragraphId: null, afterParagraphId: ids['3'], kind: 'insert-paragraph', text: 'We will review progress every two years.' });
    await command(tokens.G77 as string, { type: 'react-to-proposal', proposalId: euId, reaction: 'oppose' });
    await command(tokens.KEN as string, { type: 'react-to-proposal', proposalId: norId, reaction: 'support' });
    // A bracket on ¶1 and ¶4 agreed, for the bracketed and status filters.
    const client = connectClient(server, negotiationId, tokens.facilitator as string);
    file.clients.push(client);
    await client.synced;
    const text = paragraphCharacters(client.doc, ids['1'] as string);
    const from = text?.toString().indexOf('cooperation') ?? -1;
    const { start, end } = anchorRange(text!, from, from + 'cooperation'.length);
    await command(tokens.facilitator as string, { type: 'add-bracket', paragraphId: ids['1'], start, end, holders: [{ delegation: 'G77', stance: 'propose' }] });
    await command(tokens.facilitator as string, { type: 'set-status', paragraphId: ids['4'], status: 'agreed' });
  }, 60_000);

  it('the compilation view shows each paragraph with its proposals grouped, in the conventional form, live', async () => {
    await eu.check('[data-testid="view-compilation"]');
    await eu.waitForSelector('[data-testid="compilation-view"]');
    // Nobody types here.
    expect(await eu.locator('[data-testid="document"] .ProseMirror[contenteditable]').count()).toBe(0);
    await expect.poll(() => linesOf(eu, '2'), live).toEqual(['EU, NOR: insert "open" after "sharing" (supported by KEN; opposed by G77)']);
    expect(await linesOf(eu, '3')).toEqual(['G77: delete', 'KEN: insert after: "We will review progress every two years."']);
    expect(await linesOf(eu, '1')).toEqual([]);
    expect(await compiled(eu)).toEqual(['1', '2', '3', '4']);
    expect(await eu.locator('[data-testid="compilation-summary"]').textContent()).toContain('4 open proposals on 2 paragraphs');
    // A proposal made now arrives at once, in the same form.
    const chile = await command(tokens.KEN as string, { type: 'propose', paragraphId: ids['1'], kind: 'retain' });
    await expect.poll(() => linesOf(eu, '1'), live).toEqual(['KEN: retain']);
    await command(tokens.KEN as string, { type: 'withdraw-proposal', proposalId: chile.proposalId });
    await expect.poll(() => linesOf(eu, '1'), live).toEqual([]);
    // Decided ones on request, with their status.
    await eu.check('[data-testid="compilation-decided"]');
    await expect.poll(() => linesOf(eu, '1'), live).toEqual(['KEN: retain — withdrawn']);
    await eu.uncheck('[data-testid="compilation-decided"]');
    // The page's export link gives the same lines.
    const href = await eu.locator('[data-testid="compilation-export"]').getAttribute('href');
    const exported = await (await fetch(`${server.url}${href}`)).text();
    expect(exported).toContain('EU, NOR: insert "open" after "sharing" (supported by KEN; opposed by G77)');
    await eu.screenshot({ path: `${shots}/compilation-1280.png`, fullPage: true });
    // The progress counts the open proposals per delegation.
    await expect.poll(() => eu.locator('[data-testid="progress-open-proposals"]').textContent(), live).toBe('4 open proposals');
    expect(await eu.locator('[data-testid="progress-delegation"]').allTextContents()).toEqual(['1 EU', '1 G77', '1 KEN', '1 NOR']);
  }, 60_000);

  it('filters narrow the paragraphs with the right count; "Show all" brings them back', async () => {
    await eu.click('[data-testid="filter-toggle"]');
    await eu.check('[data-testid="filter-open"]');
    await expect.poll(() => compiled(eu), live).toEqual(['2', '3']);
    expect(await count(eu)).toContain('Showing 2 of 4 paragraphs');
    // My delegation's proposals: only ¶2.
    await eu.selectOption('[data-testid="filter-delegation"]', 'EU');
    await expect.poll(() => compiled(eu), live).toEqual(['2']);
    expect(await count(eu)).toContain('Showing 1 of 4 paragraphs');
    // The text view shows the same paragraphs, under their heading.
    await eu.check('[data-testid="view-text"]');
    await expect.poll(() => numbered(eu), live).toEqual(['2']);
    expect(await eu.locator('section[data-kind="heading"]').count()).toBe(1);
    await eu.screenshot({ path: `${shots}/filtered-text-1280.png`, fullPage: true });
    expect(await seriousViolations(eu)).toEqual([]);
    await eu.click('[data-testid="filter-clear"]');
    await expect.poll(() => numbered(eu), live).toEqual(['1', '2', '3', '4']);
    expect(await eu.locator('[data-testid="filter-count"]').count()).toBe(0);
    // Bracketed, then agreed: the filters stay open as the person left them.
    await eu.check('[data-testid="filter-bracketed"]');
    await expect.poll(() => numbered(eu), live).toEqual(['1']);
    await eu.uncheck('[data-testid="filter-bracketed"]');
    await eu.selectOption('[data-testid="filter-status"]', 'agreed');
    await expect.poll(() => numbered(eu), live).toEqual(['4']);
    await eu.selectOption('[data-testid="filter-status"]', 'pending');
    await expect.poll(() => numbered(eu), live).toEqual(['1', '2', '3']);
    expect(await count(eu)).toContain('Showing 3 of 4 paragraphs');
    await eu.click('[data-testid="filter-clear"]');
    await expect.poll(() => numbered(eu), live).toEqual(['1', '2', '3', '4']);
  }, 60_000);

  it("the search finds a proposal's words and a paragraph's words, in both views, and keeps them over a reload", async () => {
    await eu.check('[data-testid="view-compilation"]');
    // Kenya's new paragraph is only in its proposal: it finds ¶3, where the proposal stands. Case is ignored.
    await eu.fill('[data-testid="filter-search"]', 'REVIEW progress');
    await expect.poll(() => compiled(eu), live).toEqual(['3']);
    expect(await count(eu)).toContain('Showing 1 of 4 paragraphs');
    // The words found are marked in the line, as written.
    expect(await eu.locator('[data-compilation-paragraph="3"] [data-testid="compilation-line"] mark').allTextContents()).toEqual(['review progress']);
    await eu.screenshot({ path: `${shots}/search-compilation-1280.png` });
    await eu.check('[data-testid="view-text"]');
    await expect.poll(() => numbered(eu), live).toEqual(['3']);
    // In the text view the words found are painted where they stand: here in Kenya's proposal.
    const painted = () => eu.evaluate(() => [...(CSS.highlights.get('draftroom-search') ?? [])].map((range) => range.toString()));
    await expect.poll(painted, live).toEqual(['review progress']);
    await eu.fill('[data-testid="filter-search"]', 'secretary-general');
    await expect.poll(() => numbered(eu), live).toEqual(['4']);
    // And in a paragraph's own words, as written.
    await expect.poll(painted, live).toEqual(['Secretary-General']);
    await eu.screenshot({ path: `${shots}/search-text-1280.png` });
    await eu.fill('[data-testid="filter-search"]', 'no such words anywhere');
    await eu.waitForSelector('[data-testid="filter-empty"]');
    expect(await count(eu)).toContain('Showing 0 of 4 paragraphs');
    // The view and the filters are kept in this browser.
    await eu.fill('[data-testid="filter-search"]', 'open data');
    await eu.check('[data-testid="view-compilation"]');
    await expect.poll(() => compiled(eu), live).toEqual(['2']);
    await eu.reload();
    await eu.waitForSelector('[data-testid="compilation-view"]');
    await expect.poll(() => compiled(eu), live).toEqual(['2']);
    expect(await eu.inputValue('[data-testid="filter-search"]')).toBe('open data');
    await eu.click('[data-testid="filter-clear"]');
    await expect.poll(() => compiled(eu), live).toEqual(['1', '2', '3', '4']);
    expect(await eu.inputValue('[data-testid="filter-search"]')).toBe('');
  }, 60_000);

  it('an observer at 390 px reads the compilation and the filters without sideways scroll', async () => {
    await observer.check('[data-testid="view-compilation"]');
    await observer.waitForSelector('[data-testid="compilation-view"]');
    await expect.poll(() => linesOf(observer, '2'), live).toEqual(['EU, NOR: insert "open" after "sharing" (supported by KEN; opposed by G77)']);
    expect(await noSideways(observer)).toBe(true);
    await observer.screenshot({ path: `${shots}/compilation-390.png`, fullPage: true });
    await observer.click('[data-testid="filter-toggle"]');
    await observer.check('[data-testid="filter-open"]');
    await expect.poll(() => compiled(observer), live).toEqual(['2', '3']);
    expect(await noSideways(observer)).toBe(true);
    await observer.screenshot({ path: `${shots}/filters-390.png`, fullPage: false });
    expect(await seriousViolations(observer)).toEqual([]);
    await observer.locator('[data-testid="progress"]').screenshot({ path: `${shots}/progress-390.png` });
  }, 60_000);

  it('the side panel downloads the text as a Word document, and as plain text with the holders named when asked', async () => {
    const [download] = await Promise.all([eu.waitForEvent('download'), eu.click('[data-testid="download-docx"]')]);
    expect(download.suggestedFilename()).toBe(`${negotiationId}.docx`);
    const words = (await mammoth.extractRawText({ path: await download.path() })).value;
    expect(words).toContain('Test Declaration on Cooperation');
    expect(words).toContain('We request the Secretary-General to report on progress.');
    await eu.check('[data-testid="download-holders"]');
    const href = (await eu.getAttribute('[data-testid="download-txt"]', 'href')) as string;
    expect(new URL(href, eu.url()).searchParams.get('holders')).toBe('1');
    const text = await (await eu.request.get(new URL(href, eu.url()).toString())).text();
    expect(text).toContain('4. We request the Secretary-General to report on progress.');
  }, 60_000);
});
