/**
 * The facilitators' desk seen by the three roles at once, in real browsers on the real server with the real
 * IMRF zero draft, one Chromium context per person: a named facilitator (1280 px), the EU's delegation
 * (1280 px) and an observer (390 px), the two following the floor. Through the page, as a person would, the
 * facilitator brackets words of ¶5 for EU and G77, brackets more and groups them as an alternative, marks ¶6
 * agreed ad ref with a note, puts ¶7 on the floor and lifts the first bracket. Before each step the delegation
 * and the observer send that very command from their own pages with their own tokens: refused (403), nothing
 * changes. After it they see it live, in the text and in the activity under the facilitator's name, and have
 * none of the controls. Last, at 390 px, a delegation's caret at the end of a long line keeps its name flag
 * inside the paragraph (client/ui/styles/presence.css), no page scrolls sideways at 1280 or 390 px, nor does
 * the facilitator's bracket toolbar at 390 px offer "Edit bracket “…”" past the window's edge. With SHOTS_DIR
 * set it leaves screenshots there.
 *
 * The steps tell one story on one desk, but none leans on an earlier one having passed: the desk opens for
 * whichever step comes first, and each step that works on ¶5's brackets first makes them exactly what it
 * starts from (test/helpers/desk-brackets.ts: nothing to do when the steps before passed; otherwise the
 * facilitator's token lifts and adds through the API). A step fails for what it does itself.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Stance } from '../../shared/model/bracket.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { anchorsOf, bracketsExactly, selectWords, startBracket } from '../helpers/desk-brackets.ts';
import {
  closeWhatIsOpen,
  deskWait as live,
  drawnBracketIds,
  drawnBrackets,
  inView,
  paragraphTools,
  paragraphWords,
  pastTheEdgeSettled,
  pickHolders,
} from '../helpers/desk-page.ts';
import { byNumber, everyone, openRolesDesk, readersAreRefused, readersHaveNoControls, readersSeeInActivity, type RolesDesk } from '../helpers/roles-desk.ts';
import type { TestServer } from '../helpers/server.ts';

const fixture = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR;
/** Each step's ceiling: several waits of `live` each, on a machine running the whole suite. */
const stepTimeout = 120_000;
const [p5, p6, p7] = ['5', '6', '7'].map(byNumber) as [string, string, string];
const first = 'regardless of their migration status';
const second = 'without any kind of discrimination';
const note = 'pending confirmation from capital';
/** ¶5's two brackets as the story makes them: the EU's and the G77's words, then the G77's. */
const firstBracket = { words: first, holders: ['EU', 'G77'] };
const secondBracket = { words: second, holders: ['G77'] };

/** The desk and ¶5's words when it opened (brackets never change them). */
interface Desk extends RolesDesk {
  original5: string;
}

let opening: Promise<Desk> | null = null;

/** The desk, opened by the first step that needs it; when opening failed, the next step tries again. */
function theDesk(): Promise<Desk> {
  opening ??= openRolesDesk(server, browser, file, readFileSync(fixture, 'utf8'))
    .then(async (desk) => ({ ...desk, original5: await paragraphWords(desk.facilitator, p5) }))
    .catch((error: unknown) => {
      opening = null;
      throw new Error(`the desk did not open: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
  return opening;
}

describe.skipIf(!existsSync(fixture))("the facilitators' desk, seen by the three roles", () => {
  it('opens the IMRF zero draft for a named facilitator, the EU delegation and an observer (390 px), the two following the floor', async () => {
    const desk = await theDesk();
    expect(Object.keys(desk.ids)).toHaveLength(57);
    expect(desk.original5).toContain(first);
    expect(desk.original5).toContain(second);
    for (const { page } of desk.readers) expect(await paragraphWords(page, p5)).toBe(desk.original5);
    await readersHaveNoControls(desk);
  }, stepTimeout);

  it('brackets “regardless of their migration status” in ¶5 for EU and G77; the readers, who may not, see it live', async () => {
    const desk = await theDesk();
    const { facilitator, readers } = desk;
    await bracketsExactly(desk, '5', []);
    // The same bracket, asked for by each reader: the positions come from an honest copy of the text.
    const anchors = await anchorsOf(desk, '5', readers[0].token, first);
    const holders = [{ delegation: 'EU', stance: Stance.propose }, { delegation: 'G77', stance: Stance.propose }];
    await readersAreRefused(desk, { type: 'add-bracket', paragraphId: desk.ids['5'], ...anchors, holders });
    // The readers select the words too: no bracket control comes to them.
    for (const { page } of readers) await selectWords(page, p5, first);

    await closeWhatIsOpen(facilitator);
    await selectWords(facilitator, p5, first);
    await startBracket(facilitator, p5, first);
    await pickHolders(facilitator, p5, ['EU', 'group of 77']);

    for (const page of everyone(desk)) {
      await expect.poll(() => drawnBrackets(page, p5), live).toEqual([`[${first}EUG77]`]);
      expect(await page.locator(`${p5} .bracket-holder`).allTextContents()).toEqual(['EU', 'G77']);
      expect(await page.locator(`${p5} .bracket-open .visually-hidden`).textContent()).toBe(' bracket held by European Union, Group of 77 and China: ');
    }
    await readersSeeInActivity(desk, 'add-bracket', `Bracketed “${first}” in paragraph 5 for EU, G77`);
    for (const { page } of readers) expect(await page.evaluate(() => window.getSelection()?.toString())).toContain(first);
    await readersHaveNoControls(desk);
  }, stepTimeout);

  it('brackets “without any kind of discrimination” for G77 and groups the two as alternatives', async () => {
    const desk = await theDesk();
    const { facilitator, readers } = desk;
    const [firstId] = await bracketsExactly(desk, '5', [firstBracket]);
    await closeWhatIsOpen(facilitator);
    await selectWords(facilitator, p5, second);
    await startBracket(facilitator, p5, second);
    await pickHolders(facilitator, p5, ['G77']);
    await expect.poll(() => drawnBracketIds(facilitator, p5), live).toHaveLength(2);
    const bracketIds = await drawnBracketIds(facilitator, p5);
    expect(bracketIds[0]).toBe(firstId);
    await readersSeeInActivity(desk, 'add-bracket', `Bracketed “${second}” in paragraph 5 for G77`);

    await readersAreRefused(desk, { type: 'group-alternatives', bracketIds });
    // The readers press a bracket's "[" as the facilitator will: no menu comes to them.
    for (const { page } of readers) await page.locator(`${p5} .bracket-open[data-bracket-id="${bracketIds[1]}"] .bracket-mark`).click(live);

    await facilitator.locator(`${p5} .bracket-open[data-bracket-id="${bracketIds[1]}"] .bracket-mark`).click(live);
    const menu = facilitator.locator(`${p5} [data-testid="bracket-menu"]`);
    await menu.locator('[data-testid="bracket-group-with"]').selectOption(bracketIds[0] as string, live);
    await menu.locator('[data-testid="bracket-group"]').click(live);
    await menu.waitFor({ state: 'detached', ...live });
    for (const page of everyone(desk)) {
      await expect.poll(() => drawnBrackets(page, p5), live).toEqual([`[Alt 1:${first}EUG77]`, `[Alt 2:${second}G77]`]);
      expect(await page.locator(`${p5} .bracket-open[data-bracket-id="${bracketIds[1]}"] .visually-hidden`).textContent()).toBe(
        ' Alternative 2, bracket held by Group of 77 and China: ',
      );
    }
    await readersSeeInActivity(desk, 'group-alternatives', `Grouped “${first}”, “${second}” in paragraph 5 as alternatives`);
    await readersHaveNoControls(desk);
  }, stepTimeout);

  it('marks ¶6 agreed ad ref with a note; the readers see the status word and the note', async () => {
    const desk = await theDesk();
    await readersAreRefused(desk, { type: 'set-status', paragraphId: desk.ids['6'], status: 'agreed-ad-ref', note });
    await closeWhatIsOpen(desk.facilitator);
    const panel = await paragraphTools(desk.facilitator, p6);
    await panel.locator('[data-testid="status-set-adref"]').click(live);
    await panel.locator('[data-testid="status-note-input"]').fill(note, live);
    await panel.locator('[data-testid="status-note-save"]').click(live);
    for (const page of everyone(desk)) {
      await expect.poll(() => page.getAttribute(p6, 'data-status'), live).toBe('agreed-ad-ref');
      expect(await page.locator(`${p6} .status-text`).textContent()).toBe('Status: agreed ad ref');
      expect(await page.locator(`${p6} [data-testid="status-note"]`).textContent()).toBe(`Ad ref: ${note}`);
    }
    await panel.locator('[data-testid="tools-close"]').click(live);
    await readersSeeInActivity(desk, 'set-status', `Marked paragraph 6 agreed ad ref (${note})`);
    await readersHaveNoControls(desk);
  }, stepTimeout);

  it('puts ¶7 on the floor; the readers, scrolled to the top, are brought to it', async () => {
    const desk = await theDesk();
    await readersAreRefused(desk, { type: 'set-floor', paragraphId: desk.ids['7'] });
    for (const { page } of desk.readers) {
      // A reader whose focus is in a paragraph is not moved (live.editors.getFocused): they click out of the text first.
      await page.click('[data-testid="doc-title"]', live);
      await expect.poll(() => page.locator('.ProseMirror-focused').count(), live).toBe(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await inView(page, p7)).toBe(false);
    }
    await closeWhatIsOpen(desk.facilitator);
    const panel = await paragraphTools(desk.facilitator, p7);
    await panel.locator('[data-testid="floor-set"]').click(live);
    for (const page of everyone(desk)) {
      await expect.poll(() => page.getAttribute(p7, 'data-floor'), live).toBe('true');
      expect(await page.locator(`${p7} [data-testid="floor-label"]`).textContent()).toBe('On the floor');
      await expect.poll(() => page.textContent('[data-testid="floor-indicator"]'), live).toContain('On the floor: ¶7');
      expect(await page.locator('[data-floor="true"]').count()).toBe(1);
    }
    for (const { page } of desk.readers) await expect.poll(() => inView(page, p7), live).toBe(true);
    await panel.locator('[data-testid="tools-close"]').click(live);
    await readersSeeInActivity(desk, 'set-floor', 'Put paragraph 7 on the floor');
    await readersHaveNoControls(desk);
  }, stepTimeout);

  it('lifts the first bracket: it goes, its words stay, the alternative stands alone', async () => {
    const desk = await theDesk();
    const { facilitator } = desk;
    const [lifted, kept] = (await bracketsExactly(desk, '5', [firstBracket, secondBracket], true)) as [string, string];
    await expect.poll(() => drawnBrackets(facilitator, p5), live).toEqual([`[Alt 1:${first}EUG77]`, `[Alt 2:${second}G77]`]);
    await readersAreRefused(desk, { type: 'lift-bracket', bracketId: lifted });
    await closeWhatIsOpen(facilitator);
    await facilitator.locator(p5).scrollIntoViewIfNeeded(live);
    // A bracket's menu comes with the paragraph's editor: a press on the static text only mounts the editor.
    await facilitator.locator(`${p5}[data-mounted="editor"]`).waitFor(live);
    await facilitator.locator(`${p5} .bracket-close[data-bracket-id="${lifted}"] .bracket-mark`).click(live);
    const menu = facilitator.locator(`${p5} [data-testid="bracket-menu"]`);
    await menu.locator('[data-testid="bracket-lift"]').click(live);
    await menu.waitFor({ state: 'detached', ...live });
    for (const page of everyone(desk)) {
      await expect.poll(() => drawnBracketIds(page, p5), live).toEqual([kept]);
      expect(await page.locator(`${p5} .bracket-holder[data-delegation="EU"]`).count()).toBe(0);
      expect(await drawnBrackets(page, p5)).toEqual([expect.stringMatching(new RegExp(`${second}G77\\]$`))]);
      expect(await paragraphWords(page, p5)).toBe(desk.original5);
    }
    await readersSeeInActivity(desk, 'lift-bracket', `Lifted the bracket around “${first}” in paragraph 5`);
    await readersHaveNoControls(desk);
  }, stepTimeout);

  it("at 390 px a delegation's caret at the end of a long line keeps its name inside the paragraph, and the page does not scroll sideways", async () => {
    const { facilitator, readers } = await theDesk();
    const [eu] = readers;
    // The facilitator steps out of the text (their selection would bring the bracket toolbar: its own test below).
    await closeWhatIsOpen(facilitator);
    await expect.poll(() => facilitator.locator('[data-testid="bracket-toolbar"]').count(), live).toBe(0);
    await facilitator.setViewportSize({ width: 390, height: 800 });
    await facilitator.locator(p5).scrollIntoViewIfNeeded(live);
    await facilitator.waitForSelector(`${p5}[data-mounted="editor"]`, live);
    // The end of the word that reaches furthest right on its line, in the facilitator's layout.
    const lineEnd = await facilitator.$eval(`${p5} .ProseMirror`, (element) => {
      type View = { coordsAtPos: (pos: number, side?: number) => { left: number } };
      const editor = (element as unknown as { editor: { state: { doc: { textContent: string } }; view: View } }).editor;
      const text = editor.state.doc.textContent;
      let best = { pos: 0, x: -1 };
      for (let offset = 1; offset < text.length; offset++) {
        if (text[offset] !== ' ' || text[offset - 1] === ' ') continue;
        const x = editor.view.coordsAtPos(offset + 1, -1).left;
        if (x > best.x) best = { pos: offset + 1, x };
      }
      return best;
    });
    await eu.page.locator(p5).scrollIntoViewIfNeeded(live);
    await eu.page.click(`${p5} .ProseMirror p`, live);
    await eu.page.$eval(`${p5} .ProseMirror`, (element, pos) => (element as unknown as { editor: { commands: { setTextSelection: (n: number) => void } } }).editor.commands.setTextSelection(pos), lineEnd.pos);

    const label = facilitator.locator(`${p5} .collaboration-carets__label`, { hasText: eu.name });
    // The caret arrives where the click put it, then where the selection moves it: wait for the line's end.
    const caretLeft = () => label.evaluate((element) => (element.parentElement as Element).getBoundingClientRect().left).catch(() => -1);
    await expect.poll(async () => Math.abs((await caretLeft()) - lineEnd.x), live).toBeLessThanOrEqual(2);
    // The flag's place is chosen by the browser's anchor positioning, which may settle a frame after the caret moved.
    const fit = () =>
      label
        .evaluate((element) => {
          const caret = (element.parentElement as Element).getBoundingClientRect();
          const column = (element.closest('.ProseMirror') as Element).getBoundingClientRect();
          const box = element.getBoundingClientRect();
          return {
            wouldOverflow: caret.left + box.width > column.right,
            inside: box.left >= column.left - 1 && box.right <= column.right + 0.5,
            atTheCaret: Math.abs(box.right - caret.right) <= 1 || Math.abs(box.left - caret.left) <= 1,
            whole: element.scrollWidth <= element.clientWidth,
            above: box.bottom <= caret.top + 1,
          };
        })
        .catch(() => null);
    // wouldOverflow: the caret stands where a flag drawn to its right would leave the page.
    await expect.poll(fit, live).toEqual({ wouldOverflow: true, inside: true, atTheCaret: true, whole: true, above: true });
    expect(await facilitator.evaluate(() => (document.scrollingElement as Element).scrollWidth <= window.innerWidth)).toBe(true);
  }, stepTimeout);

  it('no page reaches past the window at 1280 or 390 px, and none had a change refused along the way', async () => {
    const { facilitator, readers } = await theDesk();
    await closeWhatIsOpen(facilitator);
    if (shots) mkdirSync(shots, { recursive: true });
    const roles = [['facilitator', facilitator], ['delegation', readers[0].page], ['observer', readers[1].page]] as const;
    for (const width of [1280, 390]) {
      for (const [role, page] of roles) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.locator(p5).scrollIntoViewIfNeeded(live);
        expect.soft(await pastTheEdgeSettled(page), `${role} at ${width} px`).toEqual([]);
        if (shots) await page.screenshot({ path: join(shots, `desk-three-roles-${role}-${width}.png`) });
      }
    }
    for (const [, page] of roles) expect(await page.locator('.notice').allTextContents()).toEqual([]);
  }, stepTimeout);

  it('at 390 px the bracket toolbar of words in a bracket stays inside the window', async () => {
    const desk = await theDesk();
    const { facilitator } = desk;
    await bracketsExactly(desk, '5', [secondBracket]);
    await closeWhatIsOpen(facilitator);
    await facilitator.setViewportSize({ width: 390, height: 844 });
    await selectWords(facilitator, p5, second);
    const toolbar = facilitator.locator(`${p5} [data-testid="bracket-toolbar"]`);
    await expect.poll(() => toolbar.locator('[data-testid="bracket-edit"]').textContent().catch(() => null), live).toBe(`Edit bracket “${second}”`);
    expect(await pastTheEdgeSettled(facilitator)).toEqual([]);
    if (shots) await facilitator.screenshot({ path: join(shots, 'desk-three-roles-facilitator-toolbar-390.png') });
  }, stepTimeout);
});
