/**
 * The facilitators' desk in real browsers on the real server, one context per person (a facilitator,
 * Kenya, an observer) on the small draft: the facilitator marks ¶2 agreed ad ref with a note, puts ¶3 on
 * the floor and steps it with the keyboard, splits ¶4 with Enter and merges it back with Backspace, moves
 * paragraphs (button, keyboard, drag); the others see each step live, follow the floor, and have none of
 * the controls; nobody can type into the agreed paragraph; the progress counts follow; the clean view is static.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { anchorRange, paragraphCharacters } from '../../shared/model/bracket.ts';
import { addDelegation, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { openPerson } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR;
const live = { timeout: 10_000 };
const byNumber = (n: string) => `[data-paragraph-number="${n}"]`;
const byId = (id: string) => `[data-paragraph-id="${id}"]`;

let facilitator: Page;
let kenya: Page;
let observer: Page;
let readers: Page[];
let negotiationId: string;
let facilitatorToken: string;
/** Paragraph ids by their number in the imported draft. */
let ids: Record<string, string>;

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const person = await openPerson(browser, viewport);
  file.people.push(person);
  await person.page.goto(url);
  await person.page.waitForSelector(byNumber('4'));
  return person.page;
}

/** The numbers of the paragraphs in the page, in reading order (headings left out). */
function numbers(page: Page): Promise<string[]> {
  return page.$$eval('[data-paragraph-number]', (elements) => elements.map((e) => e.getAttribute('data-paragraph-number') ?? ''));
}

/** The ids of the paragraphs and headings in the page, in reading order. */
function order(page: Page): Promise<string[]> {
  return page.$$eval('[data-paragraph-id]', (elements) => elements.map((e) => e.getAttribute('data-paragraph-id') ?? ''));
}

/** True when `element` lies within the window's height (for $eval). */
const inWindow = (element: Element) => element.getBoundingClientRect().top >= 0 && element.getBoundingClientRect().bottom <= window.innerHeight;

/** True when paragraph `id` lies within the window's height. */
function inView(page: Page, id: string): Promise<boolean> {
  return page.$eval(byId(id), (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** The words of a paragraph's text alone (no number, handle, note, carets or source tag). */
function paragraphText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => {
    const text = element.querySelector('.para-text, .para-heading');
    const copy = (text ?? element).cloneNode(true) as Element;
    copy.querySelectorAll('.collaboration-carets__label, .collaboration-carets__caret, .source-tag').forEach((node) => node.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Opens the actions of paragraph `id` from its handle. */
async function tools(page: Page, id: string) {
  const section = page.locator(byId(id));
  if ((await section.locator('[data-testid="paragraph-tools"]').count()) === 0) {
    await section.hover();
    await section.locator('[data-testid="paragraph-handle"]').click();
  }
  return section.locator('[data-testid="paragraph-tools"]');
}

/** Puts the caret in paragraph `id`'s editor (entered with Enter, as a person would) after its first `offset` characters. */
async function caretAt(page: Page, id: string, offset: number): Promise<void> {
  await page.waitForSelector(`${byId(id)}[data-mounted="editor"]`);
  await page.locator(byId(id)).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${byId(id)} .ProseMirror-focused`);
  // Through TipTap's own handle on its element: arrow presses can race the page's remote updates.
  await page.$eval(
    `${byId(id)} .ProseMirror`,
    (element, at) => (element as unknown as { editor: { commands: { setTextSelection: (n: number) => void } } }).editor.commands.setTextSelection(at + 1),
    offset,
  );
}

describe("the facilitators' desk", () => {
  it('opens: a facilitator, Kenya (a short window) and an observer (390 px), the two following the floor', async () => {
    const created = await importDraft(server, smallDraft);
    negotiationId = created.id;
    facilitatorToken = new URL(created.url).searchParams.get('token') as string;
    await addDelegation(server, created.id, 'KEN', 'Kenya');
    const [delegation, watcher] = await Promise.all([
      invite(server, created.id, { role: Role.delegation, delegation: 'KEN' }),
      invite(server, created.id, { role: Role.observer }),
    ]);
    [facilitator, kenya, observer] = await Promise.all([
      open(created.url, { width: 1280, height: 900 }),
      open(delegation.url, { width: 1280, height: 380 }),
      open(watcher.url, { width: 390, height: 640 }),
    ]);
    readers = [kenya, observer];
    const numbered = await facilitator.$$eval('[data-paragraph-number]', (elements) =>
      Object.fromEntries(elements.map((e) => [e.getAttribute('data-paragraph-number'), e.getAttribute('data-paragraph-id')])),
    );
    ids = numbered as Record<string, string>;
    for (const page of readers) await page.check('[data-testid="follow-floor"]');
    // Headings are heading elements; numbers are read with the text.
    expect(await facilitator.locator('section[data-kind="heading"] h2').textContent()).toBe('Commitments');
    expect(await facilitator.locator(byNumber('3')).getAttribute('aria-labelledby')).toBeTruthy();
    expect(await facilitator.locator(`${byNumber('3')} .para-number`).textContent()).toBe('Paragraph 3.');
    // The facilitator's keys list: every description starts at the same place, beside the longest keys.
    await facilitator.click('.doc-keys summary');
    const starts = await facilitator.locator('.doc-keys dd').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().left)));
    expect(starts.length).toBeGreaterThan(3);
    expect(new Set(starts).size).toBe(1);
    await facilitator.click('.doc-keys summary');
  }, 60_000);

  it('readers have none of the controls, and their keys change nothing', async () => {
    for (const page of readers) {
      for (const control of ['paragraph-handle', 'paragraph-tools', 'status-control', 'clear-floor']) {
        expect(await page.locator(`[data-testid="${control}"]`).count()).toBe(0);
      }
      await page.locator(byNumber('3')).focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Alt+ArrowDown');
      await page.keyboard.press('Alt+Shift+ArrowDown');
      expect(await page.locator('.ProseMirror-focused').count()).toBe(0);
    }
    await facilitator.waitForTimeout(300);
    expect(await numbers(facilitator)).toEqual(['1', '2', '3', '4']);
    expect(await facilitator.locator('[data-floor="true"]').count()).toBe(0);
  }, 60_000);

  it('marks ¶2 agreed ad ref with a note; everyone sees the word and the note; nobody can type in it', async () => {
    const panel = await tools(facilitator, ids['2'] as string);
    await panel.locator('[data-testid="status-set-adref"]').click();
    await panel.locator('[data-testid="status-note-input"]').fill('pending confirmation from capital');
    await panel.locator('[data-testid="status-note-save"]').click();
    for (const page of [facilitator, ...readers]) {
      await expect.poll(() => page.getAttribute(byNumber('2'), 'data-status'), live).toBe('agreed-ad-ref');
      expect(await page.locator(`${byNumber('2')} [data-testid="status-note"]`).textContent()).toBe('Ad ref: pending confirmation from capital');
      expect(await page.locator(`${byNumber('2')} .status-text`).textContent()).toBe('Status: agreed ad ref');
    }
    await panel.locator('[data-testid="tools-close"]').click();

    // The facilitator's editor is read only, says why on an attempt, and typing changes nothing.
    const before = await paragraphText(facilitator, byNumber('2'));
    await facilitator.waitForSelector(`${byNumber('2')} .ProseMirror[contenteditable="false"]`);
    await facilitator.click(`${byNumber('2')} .ProseMirror p`);
    await facilitator.keyboard.type('xyz');
    await facilitator.locator(byNumber('2')).focus();
    await facilitator.keyboard.press('Enter');
    await facilitator.keyboard.type('xyz');
    expect(await facilitator.locator(`${byNumber('2')} [data-testid="locked-reason"]`).textContent()).toContain('agreed ad ref: it takes no edits');
    await facilitator.waitForTimeout(300);
    expect(await paragraphText(facilitator, byNumber('2'))).toBe(before);
    expect(await paragraphText(observer, byNumber('2'))).toBe(before);
    if (shots) await facilitator.screenshot({ path: `${shots}/desk-adref-1280.png` });
  }, 60_000);

  it('the progress counts follow the statuses, in words', async () => {
    const counts = async (page: Page) => page.locator('[data-testid="progress"] .progress-count').allTextContents();
    for (const page of [facilitator, ...readers]) {
      await expect.poll(() => counts(page), live).toEqual(['0 agreed', '1 agreed ad ref', '3 pending', '0 bracketed']);
    }
    const panel = await tools(facilitator, ids['1'] as string);
    await panel.locator('[data-testid="status-set-agreed"]').click();
    await expect.poll(() => counts(observer), live).toEqual(['1 agreed', '1 agreed ad ref', '2 pending', '0 bracketed']);
    expect(await observer.locator(`${byNumber('1')} .status-text`).textContent()).toBe('Status: agreed');
    // Reopen.
    await panel.locator('[data-testid="status-set-pending"]').click();
    await expect.poll(() => counts(kenya), live).toEqual(['0 agreed', '1 agreed ad ref', '3 pending', '0 bracketed']);
    await panel.locator('[data-testid="tools-close"]').click();
  }, 60_000);

  it('puts ¶3 on the floor, steps it with Alt+ArrowDown / Alt+ArrowUp; the readers see it and scroll to it', async () => {
    const panel = await tools(facilitator, ids['3'] as string);
    await panel.locator('[data-testid="floor-set"]').click();
    for (const page of [facilitator, ...readers]) {
      await expect.poll(() => page.getAttribute(byNumber('3'), 'data-floor'), live).toBe('true');
      expect(await page.locator(`${byNumber('3')} [data-testid="floor-label"]`).textContent()).toBe('On the floor');
      expect(await page.textContent('[data-testid="floor-indicator"]')).toContain('On the floor: ¶3');
    }
    for (const page of readers) {
      await expect.poll(() => inView(page, ids['3'] as string), live).toBe(true);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    }
    if (shots) await observer.screenshot({ path: `${shots}/desk-floor-390.png` });
    await panel.locator('[data-testid="tools-close"]').click();

    await facilitator.keyboard.press('Alt+ArrowDown');
    for (const page of [facilitator, ...readers]) await expect.poll(() => page.getAttribute(byNumber('4'), 'data-floor'), live).toBe('true');
    for (const page of readers) await expect.poll(() => inView(page, ids['4'] as string), live).toBe(true);
    await facilitator.keyboard.press('Alt+ArrowUp');
    for (const page of readers) {
      await expect.poll(() => page.getAttribute(byNumber('3'), 'data-floor'), live).toBe('true');
      await expect.poll(() => inView(page, ids['3'] as string), live).toBe(true);
    }
    expect(await kenya.locator('[data-floor="true"]').count()).toBe(1);
  }, 60_000);

  it('splits ¶4 with Enter (¶4 bis, the caret in it), and Backspace at its start merges it back', async () => {
    const id4 = ids['4'] as string;
    const full = await paragraphText(facilitator, byId(id4));
    const cut = full.indexOf(' to report');
    expect(cut).toBeGreaterThan(0);
    await caretAt(facilitator, id4, cut);
    await facilitator.keyboard.press('Enter');
    for (const page of [facilitator, ...readers]) {
      await expect.poll(() => numbers(page), live).toEqual(['1', '2', '3', '4', '4 bis']);
      expect(await paragraphText(page, byId(id4))).toBe(full.slice(0, cut));
      expect(await paragraphText(page, byNumber('4 bis'))).toBe(full.slice(cut).trim());
    }
    await facilitator.waitForSelector(`${byNumber('4 bis')} .ProseMirror-focused`);
    if (shots) await facilitator.screenshot({ path: `${shots}/desk-split-1280.png` });

    await facilitator.keyboard.press('Backspace');
    for (const page of [facilitator, ...readers]) {
      await expect.poll(() => numbers(page), live).toEqual(['1', '2', '3', '4']);
      expect(await paragraphText(page, byId(id4))).toBe(full);
    }
    // The caret stands at the seam.
    await facilitator.waitForSelector(`${byId(id4)} .ProseMirror-focused`);
    await facilitator.keyboard.type('|');
    await expect.poll(() => paragraphText(kenya, byId(id4)), live).toBe(`${full.slice(0, cut)}|${full.slice(cut)}`);
    await facilitator.keyboard.press('Backspace');
    await expect.poll(() => paragraphText(observer, byId(id4)), live).toBe(full);
  }, 60_000);

  it('moves ¶3 up with its button, back down with Alt+Shift+ArrowDown, and ¶1 to the end by dragging', async () => {
    const [id1, id2, id3, id4] = ['1', '2', '3', '4'].map((n) => ids[n] as string) as [string, string, string, string];
    const heading = (await order(facilitator))[1] as string;
    const panel = await tools(facilitator, id3);
    await panel.locator('[data-testid="move-up"]').click();
    for (const page of [facilitator, ...readers]) await expect.poll(() => order(page), live).toEqual([id1, heading, id3, id2, id4]);
    // The agreed ad ref paragraph is now ¶3, its status and note with it.
    expect(await observer.getAttribute(byNumber('3'), 'data-status')).toBe('agreed-ad-ref');

    await facilitator.locator(byId(id3)).focus();
    await facilitator.keyboard.press('Alt+Shift+ArrowDown');
    for (const page of [facilitator, ...readers]) await expect.poll(() => order(page), live).toEqual([id1, heading, id2, id3, id4]);
    // The moved paragraph keeps the focus.
    expect(await facilitator.evaluate(() => document.activeElement?.closest('[data-paragraph-id]')?.getAttribute('data-paragraph-id'))).toBe(id3);

    // The actions stay open after a move; closed, ¶1's handle and ¶4 fit in one window for the drag.
    await facilitator.locator(`${byId(id3)} [data-testid="tools-close"]`).click();
    await facilitator.locator(byId(id1)).hover();
    const target = await facilitator.locator(byId(id4)).boundingBox();
    await facilitator.dragAndDrop(`${byId(id1)} [data-testid="paragraph-handle"]`, byId(id4), {
      targetPosition: { x: 40, y: (target?.height ?? 20) - 4 },
    });
    for (const page of [facilitator, ...readers]) await expect.poll(() => order(page), live).toEqual([heading, id2, id3, id4, id1]);
    expect(await paragraphText(kenya, byNumber('4'))).toContain('We, the representatives of States');
  }, 60_000);

  it('the clean view is static text with every bracket lifted; alternatives stay, counted', async () => {
    // Brackets by command: "cooperation" in ¶1 for Kenya; in ¶3 "capacity building" with an alternative.
    const client = connectClient(server, negotiationId, facilitatorToken);
    file.clients.push(client);
    await client.synced;
    const bracket = async (id: string, words: string, alternativeTo?: string): Promise<string> => {
      const text = paragraphCharacters(client.doc, id);
      const from = text?.toString().indexOf(words) ?? -1;
      expect(from).toBeGreaterThanOrEqual(0);
      const { start, end } = anchorRange(text!, from, from + words.length);
      const holders = [{ delegation: 'KEN', stance: 'propose' }];
      const answer = await sendCommand(server, negotiationId, facilitatorToken, { type: 'add-bracket', paragraphId: id, start, end, holders, ...(alternativeTo ? { alternativeTo } : {}) });
      expect(answer.status, answer.body.error).toBe(200);
      return answer.body.result?.bracketId as string;
    };
    await bracket(ids['1'] as string, 'cooperation');
    const first = await bracket(ids['3'] as string, 'capacity building');
    await bracket(ids['3'] as string, 'in developing countries', first);

    await observer.check('[data-testid="clean-view-toggle"]');
    await observer.waitForSelector('[data-testid="clean-view"]');
    expect(await observer.locator('[data-testid="document"] .ProseMirror[contenteditable]').count()).toBe(0);
    await expect.poll(() => observer.textContent('[data-testid="clean-view-summary"]'), live).toContain('1 unresolved set of alternatives');
    const clean = await observer.locator('[data-clean-paragraph]').allTextContents();
    expect(clean).toHaveLength(4);
    expect(clean.find((text) => text.includes('meet to agree on'))).toContain('meet to agree on cooperation.');
    expect(clean.find((text) => text.includes('strengthen'))).toContain('[Alt 1: capacity building]');
    if (shots) await observer.screenshot({ path: `${shots}/desk-clean-390.png`, fullPage: true });
    // Following the floor goes on in the clean view: it moves to ¶4 and back, the clean text marks it and scrolls to it.
    for (const id of [ids['4'] as string, ids['3'] as string]) {
      await observer.evaluate(() => window.scrollTo(0, 0));
      expect((await sendCommand(server, negotiationId, facilitatorToken, { type: 'set-floor', paragraphId: id })).status).toBe(200);
      const shown = `[data-clean-paragraph-id="${id}"]`;
      await expect.poll(() => observer.locator(`${shown}.para--floor [data-testid="floor-label"]`).count(), live).toBe(1);
      await expect.poll(() => observer.$eval(shown, (element) => element.getBoundingClientRect().top >= 0 && element.getBoundingClientRect().bottom <= window.innerHeight), live).toBe(true);
      expect(await observer.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    }
    // Where the observer reads in the clean view is published: the facilitator sees them at a paragraph they have in view.
    const observerPlace = facilitator.locator('[data-testid="people-group"][data-role="observer"] [data-testid="person-row"] .person-place');
    await expect.poll(() => observerPlace.allTextContents(), live).toEqual([expect.stringMatching(/^(¶\d|“Commitments”)$/)]);
    // A paragraph's place is its number; the heading's, its words.
    const place = (await observerPlace.textContent()) as string;
    const shownThere = place.startsWith('¶') ? `[data-clean-paragraph="${place.slice(1)}"]` : '.clean-view .para--heading';
    expect(await observer.$eval(shownThere, inWindow)).toBe(true);
    // The floor's name in the toolbar scrolls to it in the clean view too.
    await observer.uncheck('[data-testid="follow-floor"]');
    await observer.evaluate(() => window.scrollTo(0, 0));
    const floorShown = `[data-clean-paragraph-id="${ids['3']}"]`;
    expect(await observer.$eval(floorShown, inWindow)).toBe(false);
    await observer.click('[data-testid="floor-indicator"] .link-button');
    await expect.poll(() => observer.$eval(floorShown, inWindow), live).toBe(true);
    await observer.check('[data-testid="follow-floor"]');
    await observer.check('[data-testid="view-text"]');
    await observer.waitForSelector(byNumber('4'));
    // Bracketed paragraphs are counted.
    await expect.poll(() => observer.locator('[data-testid="progress-bracketed"]').textContent(), live).toBe('2 bracketed');
  }, 60_000);

  it('inserts a heading after ¶4 and types in it; Backspace into it is refused in words; the heading is deleted after a confirmation', async () => {
    const id1 = ids['1'] as string;
    const id4 = ids['4'] as string;
    const panel = await tools(facilitator, id4);
    await panel.locator('[data-testid="insert-heading"]').click();
    for (const page of [facilitator, ...readers]) await expect.poll(async () => (await order(page)).length, live).toBe(6);
    const added = (await order(facilitator))[4] as string;
    await facilitator.waitForSelector(`${byId(added)} .ProseMirror-focused`);
    await facilitator.keyboard.type('Follow-up', { delay: 10 });
    await expect.poll(() => paragraphText(kenya, byId(added)), live).toBe('Follow-up');

    // ¶1 now follows a heading: a paragraph does not merge into a heading.
    await caretAt(facilitator, id1, 0);
    await facilitator.keyboard.press('Backspace');
    expect(await facilitator.textContent('[data-testid="desk-message"]')).toContain('a heading merges only with a heading');
    if (shots) {
      await (await tools(facilitator, added)).waitFor();
      await facilitator.screenshot({ path: `${shots}/desk-tools-1280.png` });
    }
    const headingTools = await tools(facilitator, added);
    await headingTools.locator('[data-testid="delete-paragraph"]').click();
    await headingTools.locator('[data-testid="delete-confirm"]').click();
    for (const page of [facilitator, ...readers]) await expect.poll(async () => (await order(page)).includes(added), live).toBe(false);
  }, 60_000);

  it("no page had a change refused along the way (a removed paragraph's editor writes nothing)", async () => {
    for (const page of [facilitator, ...readers]) expect(await page.locator('.notice').allTextContents()).toEqual([]);
  });
});
