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
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { anchorRange, paragraphCharacters, Stance } from '../../shared/model/bracket.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite } from '../helpers/api.ts';
import { openPerson } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient } from '../helpers/yjs-client.ts';

const fixture = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR;
const live = { timeout: 10_000 };
const byNumber = (n: string) => `[data-paragraph-number="${n}"]`;
const [p5, p6, p7] = ['5', '6', '7'].map(byNumber) as [string, string, string];
const facilitatorName = 'Facilitator (Ms. Aalto)';
const first = 'regardless of their migration status';
const second = 'without any kind of discrimination';
const note = 'pending confirmation from capital';
/** Every control of the desk; a reader's page holds none of them. */
const deskControls = ['bracket-toolbar', 'bracket-start', 'bracket-edit', 'bracket-picker', 'bracket-menu', 'paragraph-handle', 'paragraph-tools', 'status-control', 'floor-set', 'clear-floor'];

/** A reader: the page, the invitation token it was opened with, the name the server gives it. */
interface Reader {
  page: Page;
  token: string;
  name: string;
}

let negotiationId: string;
let facilitator: Page;
let readers: Reader[];
let ids: Record<string, string>;
let original5: string;
let bracketIds: string[] = [];

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const person = await openPerson(browser, viewport);
  file.people.push(person);
  await person.page.goto(url);
  await person.page.waitForSelector(p7);
  return person.page;
}

/** Paragraph ¶5's words alone: no bracket marks, holders, carets or source tag. */
function words(page: Page): Promise<string> {
  return page.$eval(`${p5} .para-text p`, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.bracket-open, .bracket-close, .collaboration-carets__caret, .collaboration-carets__label, .source-tag').forEach((n) => n.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** The brackets of ¶5 as drawn: each from its "[" to its "]", holders included ("[Alt 1:wordsEUG77]"). */
function drawnBrackets(page: Page): Promise<string[]> {
  return page.$eval(`${p5} .para-text p`, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden, .collaboration-carets__caret, .collaboration-carets__label, .source-tag').forEach((n) => n.remove());
    return [...(copy.textContent ?? '').matchAll(/\[[^\]]*\]/g)].map((m) => m[0]).filter((m) => !m.startsWith('[based on'));
  });
}

/** The bracket ids of ¶5 in reading order. */
function idsOfBrackets(page: Page): Promise<string[]> {
  return page.$$eval(`${p5} .bracket-open`, (opens) => opens.map((o) => o.getAttribute('data-bracket-id') ?? ''));
}

/** True when the paragraph lies within the window's height. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** Whether the page scrolls sideways, and what shown reaches past the window's right edge (closed details hold nothing shown). */
function pastTheEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const past = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('details:not([open]) > :not(summary)'))
      .map((element) => `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''}.${[...element.classList].join('.')}`);
    const scrollWidth = (document.scrollingElement as Element).scrollWidth;
    return scrollWidth > width ? [`the page is ${scrollWidth} px wide`, ...past] : past;
  });
}

/** Presses the mouse at the start of `target` in ¶5's text and drags to its end, as a person selecting words does. */
async function dragAcross(page: Page, target: string): Promise<void> {
  await page.locator(p5).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${p5}[data-mounted="editor"]`);
  const ends = await page.$eval(
    `${p5} .ProseMirror`,
    (element, wanted) => {
      type View = { coordsAtPos: (pos: number, side?: number) => { left: number; right: number; top: number; bottom: number } };
      const editor = (element as unknown as { editor: { state: { doc: { textContent: string } }; view: View } }).editor;
      const at = editor.state.doc.textContent.indexOf(wanted);
      if (at < 0) throw new Error(`no “${wanted}” in ¶5`);
      const from = editor.view.coordsAtPos(at + 1, 1);
      const to = editor.view.coordsAtPos(at + 1 + wanted.length, -1);
      return { x1: from.left + 1, y1: (from.top + from.bottom) / 2, x2: to.right - 1, y2: (to.top + to.bottom) / 2 };
    },
    target,
  );
  await page.mouse.move(ends.x1, ends.y1);
  await page.mouse.down();
  await page.mouse.move(ends.x2, ends.y2, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString() ?? ''), live).toBe(target);
}

/** Opens the actions of a paragraph from its handle. */
async function tools(page: Page, selector: string) {
  const section = page.locator(selector);
  await section.scrollIntoViewIfNeeded();
  await section.hover();
  await section.locator('[data-testid="paragraph-handle"]').click();
  const panel = section.locator('[data-testid="paragraph-tools"]');
  await panel.waitFor();
  return panel;
}

/** What the server holds: the text with its brackets, statuses, notes and the floor, and the newest activity. */
async function serverState(): Promise<string> {
  const [text, activity] = await Promise.all([
    getJson<unknown>(server, `/api/negotiations/${negotiationId}`),
    getJson<{ entries: { id: number }[] }>(server, `/api/negotiations/${negotiationId}/activity?limit=1`),
  ]);
  return JSON.stringify({ text: text.body, newest: activity.body.entries[0]?.id ?? null });
}

/** Each reader sends `command` from its own page with its own token: refused with 403 and its name, nothing changed. */
async function readersAreRefused(command: Record<string, unknown>): Promise<void> {
  const before = await serverState();
  for (const { page, token, name } of readers) {
    const answer = await page.evaluate(
      async ({ id, token: bearer, body }) => {
        const response = await fetch(`/api/negotiations/${id}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { error?: string } };
      },
      { id: negotiationId, token, body: command },
    );
    expect(answer.status, `${name}: ${command.type}`).toBe(403);
    expect(answer.body.error).toContain(`${name} may not`);
  }
  expect(await serverState()).toBe(before);
}

/** Every reader's feed shows, newest of its kind, the decision `action` in `summary`, made by the facilitator. */
async function readersSeeInActivity(action: string, summary: string): Promise<void> {
  for (const { page } of readers) {
    const entry = page.locator(`[data-testid="activity-feed"] [data-testid="activity-entry"][data-action="${action}"]`).first();
    await expect.poll(() => entry.locator('[data-testid="activity-summary"]').textContent().catch(() => null), live).toBe(summary);
    expect(await entry.locator('.activity-who').textContent()).toBe(facilitatorName);
  }
}

/** No reader's page holds any desk control. */
async function readersHaveNoControls(): Promise<void> {
  for (const { page } of readers) {
    for (const control of deskControls) expect(await page.locator(`[data-testid="${control}"]`).count(), control).toBe(0);
    expect(await page.locator('.bracket-controls').count()).toBe(0);
  }
}

/** Picks holders in the open bracket picker from the keyboard, searching each by what a person would type. */
async function pickHolders(page: Page, searches: string[]): Promise<void> {
  const picker = page.locator(`${p5} [data-testid="bracket-picker"]`);
  await picker.waitFor();
  for (const search of searches) {
    await page.keyboard.type(search);
    await picker.locator('[data-testid="holder-option"]').first().waitFor();
    await page.keyboard.press('Enter');
  }
  await picker.locator('[data-testid="bracket-submit"]').click();
  await picker.waitFor({ state: 'detached' });
}

describe.skipIf(!existsSync(fixture))("the facilitators' desk, seen by the three roles", () => {
  it('opens the IMRF zero draft for a named facilitator, the EU delegation and an observer (390 px), the two following the floor', async () => {
    const created = await importDraft(server, readFileSync(fixture, 'utf8'));
    negotiationId = created.id;
    for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77 and China'], ['KEN', 'Kenya'], ['USA', 'United States of America']] as const) {
      await addDelegation(server, negotiationId, code, name);
    }
    const [chair, eu, watcher] = await Promise.all([
      invite(server, negotiationId, { role: Role.facilitator, label: 'Ms. Aalto' }),
      invite(server, negotiationId, { role: Role.delegation, delegation: 'EU' }),
      invite(server, negotiationId, { role: Role.observer }),
    ]);
    const pages = await Promise.all([open(chair.url, { width: 1280, height: 900 }), open(eu.url, { width: 1280, height: 900 }), open(watcher.url, { width: 390, height: 800 })]);
    facilitator = pages[0];
    readers = [
      { page: pages[1], token: eu.token, name: 'European Union' },
      { page: pages[2], token: watcher.token, name: 'Observer' },
    ];
    ids = (await facilitator.$$eval('[data-paragraph-number]', (elements) =>
      Object.fromEntries(elements.map((e) => [e.getAttribute('data-paragraph-number'), e.getAttribute('data-paragraph-id')])),
    )) as Record<string, string>;
    expect(Object.keys(ids)).toHaveLength(57);
    for (const { page } of readers) await page.check('[data-testid="follow-floor"]');
    original5 = await words(facilitator);
    expect(original5).toContain(first);
    expect(original5).toContain(second);
    for (const { page } of readers) expect(await words(page)).toBe(original5);
    await readersHaveNoControls();
  }, 60_000);

  it('brackets “regardless of their migration status” in ¶5 for EU and G77; the readers, who may not, see it live', async () => {
    // The same bracket, asked for by each reader: the positions come from an honest copy of the text.
    const copy = connectClient(server, negotiationId, readers[0]!.token);
    file.clients.push(copy);
    await copy.synced;
    const text = paragraphCharacters(copy.doc, ids['5'] as string);
    const from = text?.toString().indexOf(first) ?? -1;
    expect(from).toBeGreaterThan(0);
    const { start, end } = anchorRange(text!, from, from + first.length);
    const holders = [{ delegation: 'EU', stance: Stance.propose }, { delegation: 'G77', stance: Stance.propose }];
    await readersAreRefused({ type: 'add-bracket', paragraphId: ids['5'], start, end, holders });
    // The readers select the words too: no bracket control comes to them.
    for (const { page } of readers) await dragAcross(page, first);

    await dragAcross(facilitator, first);
    await facilitator.locator(`${p5} [data-testid="bracket-start"]`).click();
    await pickHolders(facilitator, ['EU', 'group of 77']);

    for (const page of [facilitator, ...readers.map((r) => r.page)]) {
      await expect.poll(() => drawnBrackets(page), live).toEqual([`[${first}EUG77]`]);
      expect(await page.locator(`${p5} .bracket-holder`).allTextContents()).toEqual(['EU', 'G77']);
      expect(await page.locator(`${p5} .bracket-open .visually-hidden`).textContent()).toBe(' bracket held by European Union, Group of 77 and China: ');
    }
    await readersSeeInActivity('add-bracket', `Bracketed “${first}” in paragraph 5 for EU, G77`);
    for (const { page } of readers) expect(await page.evaluate(() => window.getSelection()?.toString())).toContain(first);
    await readersHaveNoControls();
  }, 60_000);

  it('brackets “without any kind of discrimination” for G77 and groups the two as alternatives', async () => {
    await dragAcross(facilitator, second);
    await facilitator.locator(`${p5} [data-testid="bracket-start"]`).click();
    await pickHolders(facilitator, ['G77']);
    await expect.poll(() => idsOfBrackets(facilitator), live).toHaveLength(2);
    bracketIds = await idsOfBrackets(facilitator);
    await readersSeeInActivity('add-bracket', `Bracketed “${second}” in paragraph 5 for G77`);

    await readersAreRefused({ type: 'group-alternatives', bracketIds });
    // The readers press a bracket's "[" as the facilitator will: no menu comes to them.
    for (const { page } of readers) await page.locator(`${p5} .bracket-open[data-bracket-id="${bracketIds[1]}"] .bracket-mark`).click();

    await facilitator.locator(`${p5} .bracket-open[data-bracket-id="${bracketIds[1]}"] .bracket-mark`).click();
    const menu = facilitator.locator(`${p5} [data-testid="bracket-menu"]`);
    await menu.locator('[data-testid="bracket-group-with"]').selectOption(bracketIds[0] as string);
    await menu.locator('[data-testid="bracket-group"]').click();
    await menu.waitFor({ state: 'detached' });
    for (const page of [facilitator, ...readers.map((r) => r.page)]) {
      await expect.poll(() => drawnBrackets(page), live).toEqual([`[Alt 1:${first}EUG77]`, `[Alt 2:${second}G77]`]);
      expect(await page.locator(`${p5} .bracket-open[data-bracket-id="${bracketIds[1]}"] .visually-hidden`).textContent()).toBe(
        ' Alternative 2, bracket held by Group of 77 and China: ',
      );
    }
    await readersSeeInActivity('group-alternatives', `Grouped “${first}”, “${second}” in paragraph 5 as alternatives`);
    await readersHaveNoControls();
  }, 60_000);

  it('marks ¶6 agreed ad ref with a note; the readers see the status word and the note', async () => {
    await readersAreRefused({ type: 'set-status', paragraphId: ids['6'], status: 'agreed-ad-ref', note });
    const panel = await tools(facilitator, p6);
    await panel.locator('[data-testid="status-set-adref"]').click();
    await panel.locator('[data-testid="status-note-input"]').fill(note);
    await panel.locator('[data-testid="status-note-save"]').click();
    for (const page of [facilitator, ...readers.map((r) => r.page)]) {
      await expect.poll(() => page.getAttribute(p6, 'data-status'), live).toBe('agreed-ad-ref');
      expect(await page.locator(`${p6} .status-text`).textContent()).toBe('Status: agreed ad ref');
      expect(await page.locator(`${p6} [data-testid="status-note"]`).textContent()).toBe(`Ad ref: ${note}`);
    }
    await panel.locator('[data-testid="tools-close"]').click();
    await readersSeeInActivity('set-status', `Marked paragraph 6 agreed ad ref (${note})`);
    await readersHaveNoControls();
  }, 60_000);

  it('puts ¶7 on the floor; the readers, scrolled to the top, are brought to it', async () => {
    await readersAreRefused({ type: 'set-floor', paragraphId: ids['7'] });
    for (const { page } of readers) {
      // A reader whose focus is in a paragraph is not moved (live.editors.getFocused): they click out of the text first.
      await page.click('[data-testid="doc-title"]');
      await expect.poll(() => page.locator('.ProseMirror-focused').count(), live).toBe(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await inView(page, p7)).toBe(false);
    }
    const panel = await tools(facilitator, p7);
    await panel.locator('[data-testid="floor-set"]').click();
    for (const page of [facilitator, ...readers.map((r) => r.page)]) {
      await expect.poll(() => page.getAttribute(p7, 'data-floor'), live).toBe('true');
      expect(await page.locator(`${p7} [data-testid="floor-label"]`).textContent()).toBe('On the floor');
      expect(await page.textContent('[data-testid="floor-indicator"]')).toContain('On the floor: ¶7');
      expect(await page.locator('[data-floor="true"]').count()).toBe(1);
    }
    for (const { page } of readers) await expect.poll(() => inView(page, p7), live).toBe(true);
    await panel.locator('[data-testid="tools-close"]').click();
    await readersSeeInActivity('set-floor', 'Put paragraph 7 on the floor');
    await readersHaveNoControls();
  }, 60_000);

  it('lifts the first bracket: it goes, its words stay, the alternative stands alone', async () => {
    const [lifted, kept] = bracketIds as [string, string];
    await readersAreRefused({ type: 'lift-bracket', bracketId: lifted });
    await facilitator.locator(p5).scrollIntoViewIfNeeded();
    await facilitator.locator(`${p5} .bracket-close[data-bracket-id="${lifted}"] .bracket-mark`).click();
    const menu = facilitator.locator(`${p5} [data-testid="bracket-menu"]`);
    await menu.locator('[data-testid="bracket-lift"]').click();
    await menu.waitFor({ state: 'detached' });
    for (const page of [facilitator, ...readers.map((r) => r.page)]) {
      await expect.poll(() => idsOfBrackets(page), live).toEqual([kept]);
      expect(await page.locator(`${p5} .bracket-holder[data-delegation="EU"]`).count()).toBe(0);
      expect(await drawnBrackets(page)).toEqual([expect.stringMatching(new RegExp(`${second}G77\\]$`))]);
      expect(await words(page)).toBe(original5);
    }
    await readersSeeInActivity('lift-bracket', `Lifted the bracket around “${first}” in paragraph 5`);
    await readersHaveNoControls();
  }, 60_000);

  it("at 390 px a delegation's caret at the end of a long line keeps its name inside the paragraph, and the page does not scroll sideways", async () => {
    const [eu] = readers as [Reader];
    // The facilitator steps out of the text (their selection would bring the bracket toolbar: its own test below).
    await facilitator.click('[data-testid="doc-title"]');
    await expect.poll(() => facilitator.locator('[data-testid="bracket-toolbar"]').count(), live).toBe(0);
    await facilitator.setViewportSize({ width: 390, height: 800 });
    await facilitator.locator(p5).scrollIntoViewIfNeeded();
    await facilitator.waitForSelector(`${p5}[data-mounted="editor"]`);
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
    await eu.page.locator(p5).scrollIntoViewIfNeeded();
    await eu.page.click(`${p5} .ProseMirror p`);
    await eu.page.$eval(`${p5} .ProseMirror`, (element, pos) => (element as unknown as { editor: { commands: { setTextSelection: (n: number) => void } } }).editor.commands.setTextSelection(pos), lineEnd.pos);

    const label = facilitator.locator(`${p5} .collaboration-carets__label`, { hasText: eu.name });
    // The caret arrives where the click put it, then where the selection moves it: wait for the line's end.
    const caretLeft = () => label.evaluate((element) => (element.parentElement as Element).getBoundingClientRect().left).catch(() => -1);
    await expect.poll(async () => Math.abs((await caretLeft()) - lineEnd.x), live).toBeLessThanOrEqual(2);
    const fit = await label.evaluate((element) => {
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
    });
    // The caret stands where a flag drawn to its right would leave the page.
    expect(fit.wouldOverflow).toBe(true);
    expect(fit).toMatchObject({ inside: true, atTheCaret: true, whole: true, above: true });
    expect(await facilitator.evaluate(() => (document.scrollingElement as Element).scrollWidth <= window.innerWidth)).toBe(true);
  }, 60_000);

  it('no page reaches past the window at 1280 or 390 px, and none had a change refused along the way', async () => {
    if (shots) mkdirSync(shots, { recursive: true });
    const roles = [['facilitator', facilitator], ['delegation', readers[0]!.page], ['observer', readers[1]!.page]] as const;
    for (const width of [1280, 390]) {
      for (const [role, page] of roles) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.locator(p5).scrollIntoViewIfNeeded();
        expect.soft(await pastTheEdge(page), `${role} at ${width} px`).toEqual([]);
        if (shots) await page.screenshot({ path: join(shots, `desk-three-roles-${role}-${width}.png`) });
      }
    }
    for (const [, page] of roles) expect(await page.locator('.notice').allTextContents()).toEqual([]);
  }, 60_000);

  it('at 390 px the bracket toolbar of words in a bracket stays inside the window', async () => {
    await facilitator.setViewportSize({ width: 390, height: 844 });
    await dragAcross(facilitator, second);
    const toolbar = facilitator.locator(`${p5} [data-testid="bracket-toolbar"]`);
    await expect.poll(() => toolbar.locator('[data-testid="bracket-edit"]').textContent().catch(() => null), live).toBe(`Edit bracket “${second}”`);
    expect(await pastTheEdge(facilitator)).toEqual([]);
    if (shots) await facilitator.screenshot({ path: join(shots, 'desk-three-roles-facilitator-toolbar-390.png') });
  }, 60_000);
});
