/**
 * Brackets in real browsers on the real server, one context per person (a facilitator, the EU's delegation,
 * an observer at 390 px) on the small draft: the facilitator selects words of ¶2 and brackets them for EU
 * and G77 from the keyboard, brackets other words and groups them as an alternative from a bracket's menu,
 * nests a bracket; the others see each step live with the holders' codes and have none of the controls; the
 * static text draws exactly what the editor draws; lifting brackets leaves the words as they were.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import type { TextRun } from '../../shared/model/text-run.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { StaticParagraphText } from '../../client/editor/static-paragraph.tsx';
import { addDelegation, getJson, importDraft, invite, smallDraft } from '../helpers/api.ts';
import { paragraphText } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR;
const live = { timeout: 10_000 };
const p2 = '[data-paragraph-number="2"]';

let negotiationId: string;
let facilitator: Page;
let eu: Page;
let observer: Page;
let everyone: Page[];
let original: string;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A person's page; the context bypasses the page's CSP only so axe can be injected. */
async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector(`${p2} .ProseMirror`);
  return page;
}

/** The serious and critical axe violations inside `selector`, each with where it is. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (scope) => {
    type Found = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<{ violations: Found[] }> } }).axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    return (await axe.run(document.querySelector(scope) as Element, { runOnly: { type: 'tag', values: tags } })).violations;
  }, selector);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    // Footnote links told by colour alone are client/ui/styles/document.css's (see test/e2e/accessibility.test.ts).
    .flatMap((v) => v.nodes.filter((n) => !(v.id === 'link-in-text-block' && n.target.join(' ') === '.fn-ref')).map((n) => `${v.id} at ${n.target.join(' ')}: ${v.help}`));
}

/** Selects `words` in ¶2's editor (the editor's own command, as a drag would). */
async function select(page: Page, words: string): Promise<void> {
  await page.$eval(
    `${p2} .ProseMirror`,
    (element, target) => {
      const editor = (element as unknown as { editor: { state: { doc: { textContent: string } }; commands: { focus: () => void; setTextSelection: (r: { from: number; to: number }) => void } } }).editor;
      const at = editor.state.doc.textContent.indexOf(target);
      if (at < 0) throw new Error(`no “${target}” in the paragraph`);
      editor.commands.focus();
      editor.commands.setTextSelection({ from: at + 1, to: at + 1 + target.length });
    },
    words,
  );
}

/** The brackets as drawn in ¶2: each opening's words up to its close, e.g. "[Alt 1:sharing dataEUG77delete]". */
function drawn(page: Page): Promise<string> {
  return page.$eval(`${p2} .para-text p`, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden, .collaboration-carets__label, .collaboration-carets__caret').forEach((n) => n.remove());
    return copy.textContent ?? '';
  });
}

/** The ids of ¶2's brackets in reading order. */
function bracketIds(page: Page): Promise<string[]> {
  return page.$$eval(`${p2} .bracket-open`, (opens) => opens.map((o) => o.getAttribute('data-bracket-id') ?? ''));
}

describe('brackets in the page', () => {
  it('opens: a facilitator, the EU delegation and an observer at 390 px', async () => {
    const created = await importDraft(server, smallDraft);
    negotiationId = created.id;
    await addDelegation(server, created.id, 'EU', 'European Union');
    await addDelegation(server, created.id, 'G77', 'Group of 77 and China');
    const [delegation, watcher] = await Promise.all([
      invite(server, created.id, { role: Role.delegation, delegation: 'EU' }),
      invite(server, created.id, { role: Role.observer }),
    ]);
    [facilitator, eu, observer] = await Promise.all([
      open(created.url, { width: 1280, height: 900 }),
      open(delegation.url, { width: 1280, height: 900 }),
      open(watcher.url, { width: 390, height: 800 }),
    ]);
    everyone = [facilitator, eu, observer];
    original = await paragraphText(facilitator, `${p2} .para-host`);
    expect(original).toBe('We commit to sharing data on a voluntary basis.¹');
  }, 60_000);

  it('the facilitator brackets “sharing data” for EU and G77 (delete) from the keyboard; everyone sees it live', async () => {
    await facilitator.locator(p2).focus();
    await facilitator.keyboard.press('Enter');
    await facilitator.waitForSelector(`${p2} .ProseMirror-focused`);
    // The words are selected as a drag would (typing arrows right after entering races the caret's placement).
    await select(facilitator, 'sharing data');
    await facilitator.waitForSelector(`${p2} [data-testid="bracket-toolbar"]`);
    // The toolbar follows the text in the tab order.
    await facilitator.keyboard.press('Tab');
    expect(await facilitator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('bracket-start');
    await facilitator.keyboard.press('Enter');
    const picker = facilitator.locator(`${p2} [data-testid="bracket-picker"]`);
    await picker.waitFor();
    expect(await picker.getAttribute('aria-label')).toBe('Bracket “sharing data”');
    // The words stay marked while the focus is in the picker.
    expect(await facilitator.locator(`${p2} .bracket-pending`).allTextContents()).toEqual(['sharing data']);
    // Search as you type: by code, then by name.
    await facilitator.keyboard.type('eu');
    expect(await picker.locator('[data-testid="holder-option"]').first().getAttribute('data-code')).toBe('EU');
    await facilitator.keyboard.press('Enter');
    await facilitator.keyboard.type('group of');
    expect(await picker.locator('[data-testid="holder-option"]').allTextContents()).toEqual(['G77 Group of 77 and China']);
    await facilitator.keyboard.press('Enter');
    await picker.locator('[data-testid="holder-row"][data-code="G77"] [data-testid="holder-stance"]').selectOption('delete');
    if (shots) await facilitator.screenshot({ path: `${shots}/brackets-picker-1280.png` });
    await picker.locator('[data-testid="bracket-submit"]').click();
    await picker.waitFor({ state: 'detached' });
    expect(await facilitator.locator(`${p2} .bracket-pending`).count()).toBe(0);
    // The caret waits after the bracketed words, in the text: no toolbar is left over the next line.
    await facilitator.waitForSelector(`${p2} .ProseMirror-focused`);
    expect(await facilitator.evaluate(() => window.getSelection()?.isCollapsed)).toBe(true);
    expect(await facilitator.locator(`${p2} [data-testid="bracket-toolbar"]`).count()).toBe(0);

    for (const page of everyone) {
      await expect.poll(() => drawn(page), live).toBe('We commit to [sharing dataEUG77delete] on a voluntary basis.¹');
      expect(await page.locator(`${p2} .bracket-holder`).allTextContents()).toEqual(['EU', 'G77delete']);
      expect(await page.locator(`${p2} .bracket-holder[data-delegation="G77"]`).getAttribute('data-name')).toBe('Group of 77 and China: delete');
      // Screen readers hear who holds it, and where it ends.
      expect(await page.locator(`${p2} .bracket-open .visually-hidden`).textContent()).toBe(' bracket held by European Union, Group of 77 and China (delete): ');
      expect(await page.locator(`${p2} .bracket-close .visually-hidden`).textContent()).toBe(' end of bracket ');
    }
    await expect.poll(() => observer.locator('[data-testid="progress"] .progress-count').last().textContent(), live).toBe('1 bracketed');
  }, 60_000);

  it('brackets “on a voluntary basis” for G77 and groups it as the alternative from its menu', async () => {
    await select(facilitator, 'on a voluntary basis');
    await facilitator.locator(`${p2} [data-testid="bracket-start"]`).click();
    const picker = facilitator.locator(`${p2} [data-testid="bracket-picker"]`);
    await picker.locator('[data-testid="holder-search"]').fill('G77');
    await picker.locator('[data-testid="holder-option"][data-code="G77"]').click();
    await picker.locator('[data-testid="bracket-submit"]').click();
    await expect.poll(() => bracketIds(facilitator), live).toHaveLength(2);
    const [first, second] = (await bracketIds(facilitator)) as [string, string];

    // A click on the second bracket's "[" opens its menu.
    await facilitator.locator(`${p2} .bracket-open[data-bracket-id="${second}"] .bracket-mark`).click();
    const menu = facilitator.locator(`${p2} [data-testid="bracket-menu"]`);
    await menu.waitFor();
    await menu.locator('[data-testid="bracket-group-with"]').selectOption(first);
    await menu.locator('[data-testid="bracket-group"]').click();
    await menu.waitFor({ state: 'detached' });
    for (const page of everyone) {
      await expect.poll(() => drawn(page), live).toBe('We commit to [Alt 1:sharing dataEUG77delete] [Alt 2:on a voluntary basisG77].¹');
      expect(await page.locator(`${p2} .bracket-open[data-bracket-id="${second}"] .visually-hidden`).textContent()).toBe(
        ' Alternative 2, bracket held by Group of 77 and China: ',
      );
    }
  }, 60_000);

  it('nests “data” inside the first bracket, drawn a shade deeper', async () => {
    await select(facilitator, 'data');
    // The caret stands in a bracket: its menu is offered beside "Bracket…".
    expect(await facilitator.locator(`${p2} [data-testid="bracket-edit"]`).textContent()).toBe('Edit bracket “sharing data”');
    await facilitator.locator(`${p2} [data-testid="bracket-start"]`).click();
    const picker = facilitator.locator(`${p2} [data-testid="bracket-picker"]`);
    await picker.locator('[data-testid="holder-search"]').fill('Euro');
    await picker.locator('[data-testid="holder-search"]').press('Enter');
    await picker.locator('[data-testid="bracket-submit"]').click();
    for (const page of everyone) {
      await expect.poll(() => drawn(page), live).toBe('We commit to [Alt 1:sharing [dataEU]EUG77delete] [Alt 2:on a voluntary basisG77].¹');
      expect(await page.locator(`${p2} .bracket-words.bracket-depth-1`).allTextContents()).toEqual(['data']);
      expect(await page.locator(`${p2} .bracket-words.bracket-depth-0`).allTextContents()).toEqual(['sharing ', 'on a voluntary basis']);
    }
    for (const page of everyone) expect(await seriousViolations(page, p2)).toEqual([]);
    if (shots) {
      await facilitator.locator(`${p2} .bracket-holder[data-delegation="G77"]`).first().hover();
      await facilitator.screenshot({ path: `${shots}/brackets-1280.png` });
      await observer.locator(p2).scrollIntoViewIfNeeded();
      await observer.screenshot({ path: `${shots}/brackets-390.png` });
    }
  }, 60_000);

  it('the static text draws exactly what the editor draws', async () => {
    const { body } = await getJson<{ paragraphs: { number: string | null; runs: TextRun[]; source: string; brackets: BracketSnapshot[] }[] }>(
      server,
      `/api/negotiations/${negotiationId}`,
    );
    const paragraph = body.paragraphs.find((p) => p.number === '2');
    expect(paragraph?.brackets).toHaveLength(3);
    const names = new Map([
      ['EU', 'European Union'],
      ['G77', 'Group of 77 and China'],
    ]);
    const html = renderToStaticMarkup(createElement(StaticParagraphText, { runs: paragraph?.runs ?? [], source: paragraph?.source ?? '', brackets: paragraph?.brackets, names }));
    for (const page of [eu, observer]) {
      const same = await page.$eval(
        `${p2} .ProseMirror`,
        (editor, staticHtml) => {
          const holder = document.createElement('div');
          holder.innerHTML = staticHtml;
          const strip = (p: Element) => {
            const copy = p.cloneNode(true) as Element;
            copy.querySelectorAll('.collaboration-carets__caret, .collaboration-carets__label').forEach((n) => n.remove());
            copy.querySelectorAll('[style]').forEach((n) => n.removeAttribute('style'));
            // Another person's selection is drawn into the same spans: take it out, unwrapping a span of its own.
            copy.querySelectorAll('.ProseMirror-yjs-selection').forEach((n) => {
              n.classList.remove('ProseMirror-yjs-selection');
              if (n.classList.length === 0) n.replaceWith(...n.childNodes);
            });
            copy.normalize();
            return copy;
          };
          const mine = strip(holder.querySelector('p') as Element);
          const theirs = strip(editor.querySelector('p') as Element);
          return { equal: mine.isEqualNode(theirs), text: [mine.textContent, theirs.textContent], html: [mine.innerHTML, theirs.innerHTML] };
        },
        html,
      );
      expect(same.text[0]).toBe(same.text[1]);
      expect(same.html[0]).toBe(same.html[1]);
      expect(same.equal).toBe(true);
    }
  });

  it('the delegation and the observer have no bracket controls', async () => {
    for (const page of [eu, observer]) {
      expect(await page.locator('.bracket-controls').count()).toBe(0);
      await page.locator(`${p2} .bracket-open .bracket-mark`).first().click();
      await page.locator(`${p2} .bracket-holder[data-delegation="EU"]`).first().click();
      await page.waitForTimeout(200);
      for (const control of ['bracket-toolbar', 'bracket-picker', 'bracket-menu', 'bracket-start']) {
        expect(await page.locator(`[data-testid="${control}"]`).count()).toBe(0);
      }
      // A holder's code shows its full name when focused (tapped).
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-name'))).toBe('European Union');
    }
    // At 390 px every holder's name shows within the screen, however near the edge its code stands.
    for (const holder of await observer.locator(`${p2} .bracket-holder[data-name]`).all()) {
      await holder.focus();
      expect(await observer.evaluate(() => getComputedStyle(document.activeElement as Element, '::after').content)).toContain(await holder.getAttribute('data-name'));
      expect(await observer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
  });

  it('a refusal shows beside the control: a bracket across another one', async () => {
    await select(facilitator, 'data on a');
    await facilitator.locator(`${p2} [data-testid="bracket-start"]`).click();
    const picker = facilitator.locator(`${p2} [data-testid="bracket-picker"]`);
    // Without a holder: said, with the focus back where one is chosen; the words go once one is.
    await picker.locator('[data-testid="bracket-submit"]').click();
    expect(await picker.locator('[data-testid="bracket-error"]').textContent()).toBe('Choose at least one delegation.');
    expect(await facilitator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('holder-search');
    await picker.locator('[data-testid="holder-search"]').fill('EU');
    await picker.locator('[data-testid="holder-search"]').press('Enter');
    expect(await picker.locator('[data-testid="bracket-error"]').count()).toBe(0);
    await picker.locator('[data-testid="bracket-submit"]').click();
    await expect.poll(() => picker.locator('[data-testid="bracket-error"]').textContent(), live).toContain('cross');
    // At 390 px the picker fits the window and reads well.
    await facilitator.setViewportSize({ width: 390, height: 800 });
    await picker.locator('[data-testid="holder-search"]').fill('g');
    await facilitator.waitForTimeout(100);
    expect(await facilitator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await picker.boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);
    expect(await seriousViolations(facilitator, p2)).toEqual([]);
    if (shots) {
      await picker.scrollIntoViewIfNeeded();
      await facilitator.screenshot({ path: `${shots}/brackets-refused-390.png` });
    }
    await facilitator.setViewportSize({ width: 1280, height: 900 });
    await picker.locator('[data-testid="bracket-cancel"]').click();
    await picker.waitFor({ state: 'detached' });
    expect(await bracketIds(facilitator)).toHaveLength(3);
  });

  it('lifting the brackets leaves the words as they were, for everyone', async () => {
    const [first] = (await bracketIds(facilitator)) as [string];
    await facilitator.locator(`${p2} .bracket-close[data-bracket-id="${first}"] .bracket-mark`).click();
    const menu = facilitator.locator(`${p2} [data-testid="bracket-menu"]`);
    await menu.waitFor();
    if (shots) await facilitator.screenshot({ path: `${shots}/brackets-menu-1280.png` });
    await menu.locator('[data-testid="bracket-lift"]').click();
    for (const page of everyone) {
      await expect.poll(() => drawn(page), live).toBe('We commit to sharing [dataEU] [on a voluntary basisG77].¹');
    }
    // The rest from the keyboard: the caret in a bracket, Tab to the toolbar, its menu, Lift.
    while ((await bracketIds(facilitator)).length > 0) {
      const before = (await bracketIds(facilitator)).length;
      const words = (await facilitator.locator(`${p2} .bracket-words`).first().textContent()) ?? '';
      await select(facilitator, words);
      // The toolbar comes with the selection: Tab once it is there.
      await facilitator.waitForSelector(`${p2} [data-testid="bracket-edit"]`);
      await facilitator.keyboard.press('Tab');
      await facilitator.keyboard.press('Tab');
      expect(await facilitator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('bracket-edit');
      await facilitator.keyboard.press('Enter');
      await facilitator.waitForSelector(`${p2} [data-testid="bracket-menu"]`);
      expect(await facilitator.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('bracket-lift');
      await facilitator.keyboard.press('Enter');
      await expect.poll(() => bracketIds(facilitator).then((ids) => ids.length), live).toBe(before - 1);
    }
    for (const page of everyone) {
      await expect.poll(() => page.locator(`${p2} .bracket-open, ${p2} .bracket-close, ${p2} .bracket-words`).count(), live).toBe(0);
      expect(await paragraphText(page, `${p2} .para-host`)).toBe(original);
    }
  }, 60_000);
});
