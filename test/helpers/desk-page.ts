/**
 * What a person does and sees on a negotiation page, for browser tests of the facilitators' desk: a
 * paragraph's words and brackets as drawn, words selected by dragging, holders picked in the bracket
 * picker, a paragraph's tools opened from its handle, what reaches past the window. Each action waits for
 * what it needs on the page itself (an editor mounted, a field focused), never for a fixed time, so it holds
 * on a loaded machine.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** How long a page may take to show what it was sent: generous, for a full suite on two cores. */
export const deskWait = { timeout: 20_000 } as const;

/** A paragraph's words alone: no bracket marks, holders, carets or source tag. */
export function paragraphWords(page: Page, paragraph: string): Promise<string> {
  return page.$eval(`${paragraph} .para-text p`, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.bracket-open, .bracket-close, .collaboration-carets__caret, .collaboration-carets__label, .source-tag').forEach((n) => n.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** A paragraph's brackets as drawn: each from its "[" to its "]", holders included ("[Alt 1:wordsEUG77]"). */
export function drawnBrackets(page: Page, paragraph: string): Promise<string[]> {
  return page.$eval(`${paragraph} .para-text p`, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden, .collaboration-carets__caret, .collaboration-carets__label, .source-tag').forEach((n) => n.remove());
    return [...(copy.textContent ?? '').matchAll(/\[[^\]]*\]/g)].map((m) => m[0]).filter((m) => !m.startsWith('[based on'));
  });
}

/** The bracket ids of a paragraph as drawn, in reading order. */
export function drawnBracketIds(page: Page, paragraph: string): Promise<string[]> {
  return page.$$eval(`${paragraph} .bracket-open`, (opens) => opens.map((o) => o.getAttribute('data-bracket-id') ?? ''));
}

/** True when the element lies within the window's height. */
export function inView(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** Whether the page scrolls sideways, and what shown reaches past the window's right edge (closed details hold nothing shown). */
export function pastTheEdge(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const past = [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 0.5 && !element.closest('details:not([open]) > :not(summary)'))
      .map((element) => `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''}.${[...element.classList].join('.')}`);
    const scrollWidth = (document.scrollingElement as Element).scrollWidth;
    return scrollWidth > width ? [`the page is ${scrollWidth} px wide`, ...past] : past;
  });
}

/**
 * What reaches past the window once the page has settled after a resize: nothing, or (when it never comes
 * to nothing within deskWait) what still does.
 */
export async function pastTheEdgeSettled(page: Page): Promise<string[]> {
  try {
    await expect.poll(() => pastTheEdge(page), deskWait).toEqual([]);
    return [];
  } catch {
    return pastTheEdge(page);
  }
}

/** The words selected in the page now. */
export function selectedText(page: Page): Promise<string> {
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}

/**
 * Presses the mouse at the start of `target` in the paragraph's editor and drags to its end, once, as a
 * person selecting words does: the hand holds still a moment after the press (the page has taken it in
 * before the mouse moves). First the editor's own caret is put just before the words (caretBefore), and the
 * words are measured only once they hold still. The editor keeps the focus it had (the press focuses an
 * editor without it, as a person's does) unless `focus` asks to focus it first. Resolves when the mouse is
 * released, without waiting for the selection.
 */
export async function dragOnce(page: Page, paragraph: string, target: string, { focus = false } = {}): Promise<void> {
  await page.locator(paragraph).scrollIntoViewIfNeeded(deskWait);
  await page.locator(`${paragraph}[data-mounted="editor"]`).waitFor(deskWait);
  await caretBefore(page, paragraph, target, focus);
  await holdingStill(page, paragraph, target);
  const ends = await page.$eval(
    `${paragraph} .ProseMirror`,
    (element, wanted) => {
      // The words' own first and last letters, not the editor's positions at their edges: a bracket's "[" or
      // another person's caret drawn at an edge would take the press.
      const texts: Text[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('.ProseMirror-widget')) texts.push(node as Text);
      const plain = texts.map((t) => t.data).join('');
      const at = plain.indexOf(wanted);
      if (at < 0) throw new Error(`no “${wanted}” in the paragraph's editor`);
      const letter = (index: number): DOMRect => {
        let rest = index;
        for (const t of texts) {
          if (rest < t.data.length) {
            const range = document.createRange();
            range.setStart(t, rest);
            range.setEnd(t, rest + 1);
            return range.getBoundingClientRect();
          }
          rest -= t.data.length;
        }
        throw new Error(`no letter ${index} in the paragraph's editor`);
      };
      const from = letter(at);
      const to = letter(at + wanted.length - 1);
      return { x1: from.left + Math.min(1, from.width / 4), y1: (from.top + from.bottom) / 2, x2: to.right - Math.min(1, to.width / 4), y2: (to.top + to.bottom) / 2 };
    },
    target,
  );
  await page.mouse.move(ends.x1, ends.y1);
  await page.mouse.down();
  await nextFrames(page);
  await page.mouse.move(ends.x2, ends.y2, { steps: 8 });
  await page.mouse.up();
}

/** Resolves after the page has drawn two more frames: the events sent before are handled by then. */
function nextFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/**
 * Puts the editor's own caret just before `target` and waits until it is there: focused when the editor
 * takes typing and has the focus or `focus` asks for it, otherwise the editor's selection alone (a reader's
 * editor takes no focus). An editor taking the focus from a press writes its own last selection back into
 * the page a moment later (ProseMirror's focus handler) when it has not yet read the press: on a loaded
 * machine that lands mid-drag, and the drag then runs from that selection's start, here the words' start.
 */
async function caretBefore(page: Page, paragraph: string, target: string, focus: boolean): Promise<void> {
  const caret = await page.$eval(
    `${paragraph} .ProseMirror`,
    (element, [wanted, focusFirst]) => {
      type Node = { isText: boolean; text?: string; forEach: (f: (child: Node, offset: number) => void) => void };
      type Commands = { focus: (at: number, options: { scrollIntoView: boolean }) => void; setTextSelection: (at: number) => void };
      const editor = (element as unknown as { editor: { isEditable: boolean; view: { hasFocus: () => boolean }; state: { doc: { firstChild: Node } }; commands: Commands } }).editor;
      // The words' start as a document position: the paragraph's text nodes laid end to end (atoms hold no words).
      const texts: { at: number; pos: number }[] = [];
      let plain = '';
      editor.state.doc.firstChild.forEach((child, offset) => {
        if (!child.isText) return;
        texts.push({ at: plain.length, pos: 1 + offset });
        plain += child.text ?? '';
      });
      const at = plain.indexOf(wanted);
      const node = texts.filter((t) => t.at <= at).pop();
      if (at < 0 || !node) throw new Error(`no “${wanted}” in the paragraph's editor`);
      const pos = node.pos + at - node.at;
      const focused = editor.isEditable && (focusFirst || editor.view.hasFocus());
      if (focused) editor.commands.focus(pos, { scrollIntoView: false });
      else editor.commands.setTextSelection(pos);
      return { pos, focused };
    },
    [target, focus] as const,
  );
  const held = () =>
    page
      .$eval(
        `${paragraph} .ProseMirror`,
        (element, focused) => {
          const { view, state } = (element as unknown as { editor: { view: { hasFocus: () => boolean }; state: { selection: { from: number; to: number } } } }).editor;
          const dom = window.getSelection();
          const inPage = view.hasFocus() && dom !== null && dom.isCollapsed && element.contains(dom.anchorNode);
          return (inPage || !focused) && state.selection.from === state.selection.to ? state.selection.from : -1;
        },
        caret.focused,
      )
      .catch(() => -1);
  await expect.poll(held, { ...deskWait, message: `the editor's caret before “${target}”` }).toBe(caret.pos);
}

/**
 * Waits until `target` is drawn in the same place two frames apart: the drag is measured once, then
 * pressed and moved, and a line still moving (a resize settling, a caret or a holder's name arriving)
 * would end it on other letters.
 */
async function holdingStill(page: Page, paragraph: string, target: string): Promise<void> {
  let before = '';
  await expect
    .poll(async () => {
      const now = await wordBoxes(page, paragraph, target);
      const still = now === before;
      before = now;
      return still;
    }, { ...deskWait, message: `“${target}” holding still on the page` })
    .toBe(true);
}

/** Where `words` are drawn in `paragraph`'s editor, two frames from now: their boxes, as a string to compare. */
function wordBoxes(page: Page, paragraph: string, words: string): Promise<string> {
  return page
    .$eval(
      `${paragraph} .ProseMirror`,
      async (element, wanted) => {
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const texts: Text[] = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('.ProseMirror-widget')) texts.push(node as Text);
        const at = texts.map((t) => t.data).join('').indexOf(wanted);
        if (at < 0) return 'not found';
        const place = (index: number): [Text, number] => {
          let rest = index;
          for (const t of texts) {
            if (rest <= t.data.length) return [t, rest];
            rest -= t.data.length;
          }
          throw new Error('past the text');
        };
        const range = document.createRange();
        range.setStart(...place(at));
        range.setEnd(...place(at + wanted.length));
        return JSON.stringify([...range.getClientRects()].map((r) => [r.left, r.top, r.right, r.bottom]));
      },
      words,
    )
    .catch(() => 'not found');
}

/**
 * Drags across `target` in the paragraph's editor (dragOnce, its caret and the focus put before the words
 * first when it takes typing) and waits until the page holds exactly those words selected. On a machine
 * running the whole suite, the line can still move between measuring the words and the press: a drag that
 * selected nothing at all is made once more, from a fresh measure. A single drag selecting the words,
 * focused or not, is proven by test/e2e/bracket-drag-select.test.ts.
 */
export async function dragAcross(page: Page, paragraph: string, target: string): Promise<void> {
  await dragOnce(page, paragraph, target, { focus: true });
  const selected = await expect.poll(() => selectedText(page), { timeout: 5000 }).toBe(target).then(() => true, () => false);
  if (selected) return;
  if ((await selectedText(page)) !== '') throw new Error(`dragging across “${target}” selected “${await selectedText(page)}”`);
  await dragOnce(page, paragraph, target, { focus: true });
  await expect.poll(() => selectedText(page), { ...deskWait, message: `the words selected after dragging across “${target}” (second drag)` }).toBe(target);
}

/**
 * Closes what may have been left open on the page (a bracket's picker or menu, a paragraph's tools), as a
 * person does before turning to something else: each tools panel by its close button, the rest by a click
 * on the title, out of the text; waits until none is open.
 */
export async function closeWhatIsOpen(page: Page): Promise<void> {
  for (const close of await page.locator('[data-testid="paragraph-tools"] [data-testid="tools-close"]').all()) await close.click(deskWait);
  await page.click('[data-testid="doc-title"]', deskWait);
  const open = page.locator('[data-testid="bracket-picker"], [data-testid="bracket-menu"], [data-testid="paragraph-tools"]');
  await expect.poll(() => open.count(), { ...deskWait, message: 'pickers, menus and tools panels open' }).toBe(0);
}

/** Opens the actions of a paragraph from its handle. */
export async function paragraphTools(page: Page, paragraph: string) {
  const section = page.locator(paragraph);
  await section.scrollIntoViewIfNeeded(deskWait);
  await section.hover(deskWait);
  await section.locator('[data-testid="paragraph-handle"]').click(deskWait);
  const panel = section.locator('[data-testid="paragraph-tools"]');
  await panel.waitFor(deskWait);
  return panel;
}

/**
 * Picks holders in the paragraph's open bracket picker from the keyboard, searching each by what a person
 * would type, and sends it; resolves once the picker has closed (the bracket was accepted).
 */
export async function pickHolders(page: Page, paragraph: string, searches: string[]): Promise<void> {
  const picker = page.locator(`${paragraph} [data-testid="bracket-picker"]`);
  await picker.waitFor(deskWait);
  // The picker focuses its search field once it is on the page: typing before that would go into the text.
  const search = picker.locator('[data-testid="holder-search"]');
  await expect.poll(() => search.evaluate((field) => field === document.activeElement).catch(() => false), deskWait).toBe(true);
  const rows = picker.locator('[data-testid="holder-row"]');
  for (const [i, words] of searches.entries()) {
    await page.keyboard.type(words);
    await expect.poll(() => search.inputValue(), deskWait).toBe(words);
    await picker.locator('[data-testid="holder-option"]').first().waitFor(deskWait);
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count(), deskWait).toBe(i + 1);
  }
  await picker.locator('[data-testid="bracket-submit"]').click(deskWait);
  await picker.waitFor({ state: 'detached', ...deskWait });
}
