/**
 * Facilitators edit the document's metadata in place (issue 8), in Chromium on the real server with the
 * small draft: the title block (Enter on it, Ctrl+Enter saves, a refusal shown in the form, Esc cancels),
 * a paragraph's source annotation (from its actions, Enter saves) and a footnote (its Edit button, Enter
 * saves). Kenya, in a browser context of its own, sees each change live and has none of the edit controls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { openPerson } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const live = { timeout: 10_000 };
const byNumber = (n: string) => `[data-paragraph-number="${n}"]`;

let facilitator: Page;
let kenya: Page;
let negotiationId: string;
let facilitatorToken: string;
let fourth: string;

async function open(url: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const person = await openPerson(browser, viewport);
  file.people.push(person);
  await person.page.goto(url);
  await person.page.waitForSelector(byNumber('4'));
  return person.page;
}

/** The title block's words as a reader sees them: the title, then each line. */
function titleBlock(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="doc-title"], [data-testid="title-line"]', (elements) => elements.map((e) => (e.textContent ?? '').trim()));
}

/** Serious and critical axe violations (WCAG 2.2 AA and best practice) inside the editing controls, each with where it is. */
async function editingViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: object, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const context = { include: [['[data-testid="title-block"]'], ['[data-testid="paragraph-tools"]'], ['[data-testid="footnotes"]']] };
    const result = await axe.run(context, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id} at ${node.target.join(' ')}`));
  });
}

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/document-edit-${name}.png`, fullPage: true });
}

describe('editing the title block, source annotations and footnotes in place', () => {
  it('opens for a facilitator and for Kenya, who has no edit controls', async () => {
    const created = await importDraft(server, smallDraft);
    await addDelegation(server, created.id, 'KEN', 'Kenya');
    const delegation = await invite(server, created.id, { role: Role.delegation, delegation: 'KEN' });
    [facilitator, kenya] = await Promise.all([open(created.url), open(delegation.url)]);
    negotiationId = created.id;
    facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    fourth = (await facilitator.locator(byNumber('4')).getAttribute('data-paragraph-id')) as string;
    expect(await facilitator.locator('[data-testid="title-block-edit"]').count()).toBe(1);
    expect(await facilitator.locator('[data-testid="footnote-edit"]').count()).toBe(1);
    for (const control of ['title-block-edit', 'footnote-edit', 'paragraph-handle', 'source-edit']) {
      expect(await kenya.locator(`[data-testid="${control}"]`).count(), control).toBe(0);
    }
    // Kenya's title block is not a tab stop, and Enter on it opens nothing.
    expect(await kenya.locator('[data-testid="title-block"]').getAttribute('tabindex')).toBeNull();
    await kenya.locator('[data-testid="doc-title"]').click();
    await kenya.keyboard.press('Enter');
    expect(await kenya.locator('[data-testid="title-block-form"]').count()).toBe(0);
    // The clean and compilation views are for reading: the facilitator's title block offers no edit there.
    for (const view of ['clean-view-toggle', 'view-compilation']) {
      await facilitator.check(`[data-testid="${view}"]`);
      await facilitator.locator('[data-testid="title-block-edit"]').waitFor({ state: 'detached', ...live });
      expect(await facilitator.locator('[data-testid="title-block"]').getAttribute('tabindex'), view).toBeNull();
    }
    await facilitator.check('[data-testid="view-text"]');
    await facilitator.locator('[data-testid="title-block-edit"]').waitFor(live);
  }, 60_000);

  it('the facilitator edits the title block with the keyboard; a refusal shows in the form; Kenya sees the change live', async () => {
    const block = facilitator.locator('[data-testid="title-block"]');
    await block.focus();
    await facilitator.keyboard.press('Enter');
    const title = facilitator.locator('[data-testid="title-input"]');
    await title.waitFor();
    expect(await title.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await title.inputValue()).toBe('Test Declaration on Cooperation');
    expect(await facilitator.getByLabel('Lines under the title (one per line)').inputValue()).toBe('Zero draft');

    // Saving what is already there: the server's reason, in the form, which stays open.
    await facilitator.keyboard.press('Control+Enter');
    const error = facilitator.locator('[data-testid="title-block-error"]');
    await error.waitFor(live);
    expect(await error.textContent()).toMatch(/^Not saved: the title block already reads “Test Declaration on Cooperation \/ Zero draft”/);
    expect(await title.getAttribute('aria-invalid')).toBe('true');

    // Esc cancels: nothing sent, the block is back with the focus on it.
    await facilitator.keyboard.press('Escape');
    await facilitator.locator('[data-testid="title-block-form"]').waitFor({ state: 'detached' });
    await facilitator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'title-block');

    await facilitator.keyboard.press('Enter');
    await title.fill('Ministerial Declaration on Cooperation');
    await facilitator.locator('[data-testid="title-lines-input"]').fill('Rev.1\n2 December 2026');
    await shot(facilitator, 'title-form');
    await facilitator.keyboard.press('Control+Enter');
    await facilitator.locator('[data-testid="title-block-form"]').waitFor({ state: 'detached', ...live });
    await kenya.waitForFunction(() => document.querySelector('[data-testid="doc-title"]')?.textContent === 'Ministerial Declaration on Cooperation', undefined, live);
    expect(await titleBlock(kenya)).toEqual(['Ministerial Declaration on Cooperation', 'Rev.1', '2 December 2026']);
    expect(await titleBlock(facilitator)).toEqual(['Ministerial Declaration on Cooperation', 'Rev.1', '2 December 2026']);
    // The top bar follows the document's title.
    expect(await kenya.locator('[data-testid="topbar-title"]').textContent()).toBe('Ministerial Declaration on Cooperation');
  }, 60_000);

  it('the facilitator edits a source annotation from the paragraph’s actions; Kenya sees the tag change live', async () => {
    const section = facilitator.locator(byNumber('3'));
    await section.hover();
    await section.locator('[data-testid="paragraph-handle"]').click();
    const edit = section.locator('[data-testid="source-edit"]');
    expect(await edit.textContent()).toBe('Add source annotation…');
    await edit.click();
    const input = section.getByRole('textbox', { name: 'Source annotation' });
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.fill('based on SG report, para 98');
    await shot(facilitator, 'source-form');
    await facilitator.keyboard.press('Enter');
    await section.locator('[data-testid="source-editor"]').waitFor({ state: 'detached', ...live });
    await kenya.waitForFunction((selector) => document.querySelector(`${selector} .source-tag`)?.textContent === '[based on SG report, para 98]', byNumber('3'), live);
    // Back in the actions, the button now offers to edit the annotation there is.
    expect(await edit.textContent()).toBe('Edit source annotation…');
    await facilitator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'source-edit');

    // Removing the annotation of ¶1; Esc then closes the actions.
    const first = facilitator.locator(byNumber('1'));
    await first.hover();
    await first.locator('[data-testid="paragraph-handle"]').click();
    await first.locator('[data-testid="source-edit"]').click();
    await first.locator('[data-testid="source-remove"]').click();
    await kenya.waitForFunction((selector) => document.querySelector(`${selector} .source-tag`) === null, byNumber('1'), live);
    await facilitator.waitForFunction((selector) => document.activeElement === document.querySelector(`${selector} [data-testid="source-edit"]`), byNumber('1'));
    await facilitator.keyboard.press('Escape');
    expect(await facilitator.locator('[data-testid="paragraph-tools"]').count()).toBe(0);
  }, 60_000);

  it('a click on a source tag opens its field, on an agreed paragraph too; saving closes the actions', async () => {
    expect((await sendCommand(server, negotiationId, facilitatorToken, { type: 'set-status', paragraphId: fourth, status: 'agreed' })).status).toBe(200);
    const section = facilitator.locator(byNumber('4'));
    await facilitator.waitForSelector(`${byNumber('4')}[data-status="agreed"]`, live);
    await section.locator('.source-tag').click();
    const input = section.getByRole('textbox', { name: 'Source annotation' });
    await input.waitFor();
    expect(await input.inputValue()).toBe('standard language');
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.fill('agreed language, A/RES/76/172');
    await facilitator.keyboard.press('Enter');
    await kenya.waitForFunction((selector) => document.querySelector(`${selector} .source-tag`)?.textContent === '[agreed language, A/RES/76/172]', byNumber('4'), live);
    await section.locator('[data-testid="paragraph-tools"]').waitFor({ state: 'detached', ...live });
    await facilitator.waitForFunction((selector) => document.activeElement === document.querySelector(selector), byNumber('4'));
    // Kenya's tag is only a tag.
    await kenya.locator(`${byNumber('4')} .source-tag`).click();
    expect(await kenya.locator('[data-testid="source-editor"], [data-testid="paragraph-tools"]').count()).toBe(0);
  }, 60_000);

  it('the facilitator edits a footnote; Kenya sees its new text live', async () => {
    await facilitator.locator('[data-testid="footnote-edit"]').click();
    const input = facilitator.getByLabel('Text of footnote 1');
    expect(await input.inputValue()).toBe('As defined in the test guidelines.');
    await input.fill('As defined in the *revised* test guidelines.');
    await shot(facilitator, 'footnote-form');
    await facilitator.keyboard.press('Enter');
    await facilitator.locator('[data-testid="footnote-form"]').waitFor({ state: 'detached', ...live });
    await kenya.waitForFunction(() => document.querySelector('[data-testid="footnote"]')?.textContent?.includes('revised') === true, undefined, live);
    expect(await kenya.locator('[data-testid="footnote"] em').textContent()).toBe('revised');
    expect(await kenya.locator('[data-testid="footnote"]').textContent()).toBe('¹ As defined in the revised test guidelines.');
    await facilitator.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'footnote-edit');
    await shot(kenya, 'kenya');
  }, 60_000);

  it('at 390 px the controls and the open forms fit the window, and axe finds nothing serious in them', async () => {
    // The context bypasses the page's CSP only so that axe can be injected.
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, bypassCSP: true });
    const narrow = await context.newPage();
    file.people.push({ context, page: narrow });
    await narrow.goto(facilitator.url());
    await narrow.waitForSelector(byNumber('4'));
    await shot(narrow, 'narrow-view');
    expect(await editingViolations(narrow)).toEqual([]);
    await narrow.locator('[data-testid="title-block-edit"]').click();
    await narrow.locator('[data-testid="footnote-edit"]').click();
    const section = narrow.locator(byNumber('2'));
    await section.locator('[data-testid="paragraph-handle"]').click();
    await section.locator('[data-testid="source-edit"]').click();
    // With the actions open under the text, the handle stays in the gutter by the paragraph's head, not at
    // the section's foot beside the next paragraph.
    const [handleBox, sectionBox] = await Promise.all([section.locator('[data-testid="paragraph-handle"]').boundingBox(), section.boundingBox()]);
    expect(handleBox && sectionBox && handleBox.y >= sectionBox.y && handleBox.y + handleBox.height <= sectionBox.y + 120).toBe(true);
    expect(sectionBox && sectionBox.height).toBeGreaterThan(240);
    // A refusal on show too: the footnote saved unchanged.
    await narrow.locator('[data-testid="footnote-save"]').click();
    await narrow.locator('[data-testid="footnote-error"]').waitFor(live);
    await shot(narrow, 'narrow');
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await editingViolations(narrow)).toEqual([]);
  }, 60_000);
});
