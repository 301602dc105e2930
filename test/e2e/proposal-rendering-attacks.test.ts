/**
 * One delegation's words on everyone else's page, in Chromium on the real server: proposals whose text holds
 * markup-looking words (<script>, <img onerror>), square brackets that look like the text's brackets, right-
 * to-left overrides and zero-width characters, a 3,000-letter word and a 20,000-character proposal. On the
 * observer's page at 390 px and the facilitator's at 1280 px, in the paragraph view and the compilation
 * view: nothing runs, no element comes of the words, the words read exactly as typed, no bracket is made of
 * them, a reversal stays inside its proposal, and nothing scrolls sideways.
 * Screenshots go to SHOTS_DIR when it is set.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand } from '../helpers/api.ts';
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

const draft = `Test Declaration on Hostile Words
Zero draft

1. We, the representatives of States, meet to agree on cooperation.

2. We commit to sharing data on a voluntary basis.

3. We will strengthen capacity building in developing countries.

4. We request the Secretary-General to report on progress.
`;

const markup = '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> &lt;b&gt;';
const fakeBrackets = '[delete this] [[alt one/alt two]] [EU: propose]';
const reversed = '\u202Eevil reversed\u202C مرحبا بكم \u200B\u200D\uFEFF zero\u200Bwidth';
const longWord = 'W'.repeat(3_000);
const long = Array.from({ length: 10_000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyz'[(i * 7) % 26]).join(' ');

let negotiationId: string;
let observer: Page;
let facilitator: Page;

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector(byNumber('4'));
  return page;
}

/** What must hold on a page showing the hostile proposals. */
async function expectHarmless(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    // Elements the words could have made: none anywhere in the page's body.
    injected: document.body.querySelectorAll('script, img, [onerror], iframe, object, embed').length,
    sideways: document.documentElement.scrollWidth - window.innerWidth,
  }));
  expect(found).toEqual({ pwned: null, injected: 0, sideways: 0 });
}

describe('hostile proposal words on other pages', () => {
  it('sets up: KEN tables hostile proposals; an observer (390 px) and the facilitator (1280 px) open the page', async () => {
    const created = await importDraft(server, draft);
    negotiationId = created.id;
    const facilitatorToken = new URL(created.url).searchParams.get('token') ?? '';
    await addDelegation(server, created.id, 'KEN', 'Kenya');
    await addDelegation(server, created.id, 'EU', 'European Union');
    const [ken, watcher] = await Promise.all([
      invite(server, created.id, { role: Role.delegation, delegation: 'KEN' }),
      invite(server, created.id, { role: Role.observer }),
    ]);
    const client = connectClient(server, created.id, facilitatorToken);
    file.clients.push(client);
    await client.synced;
    const ids = new Map(readNegotiation(client.doc).paragraphs.map((p) => [p.number, p.id]));
    const para = (n: string) => ids.get(n) as string;
    const propose = async (command: Record<string, unknown>) => {
      const answer = await sendCommand(server, created.id, ken.token, { type: 'propose', ...command });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    };
    await propose({ paragraphId: para('2'), kind: 'replace-text', text: `We commit to sharing ${markup} ${fakeBrackets} data on a voluntary basis.`, rationale: '<b onmouseover="window.__pwned = 3">why</b> javascript:alert(1)' });
    await propose({ paragraphId: para('3'), kind: 'comment', text: reversed });
    await propose({ paragraphId: null, afterParagraphId: para('3'), kind: 'insert-paragraph', text: `A word: ${longWord}.` });
    await propose({ paragraphId: para('4'), kind: 'replace-text', text: long });
    [observer, facilitator] = await Promise.all([open(watcher.url, { width: 390, height: 800 }), open(created.url, { width: 1280, height: 900 })]);
    for (const page of [observer, facilitator]) {
      await expect.poll(() => page.locator('[data-testid="proposal"][data-delegation="KEN"]').count(), live).toBe(4);
    }
  });

  it('the observer is offered no decision and no editing on any proposal', async () => {
    const offered = await observer.locator('[data-testid="proposal"] button, [data-testid="proposal"] [contenteditable="true"], [data-testid="proposal"] textarea').allTextContents();
    expect(offered).toEqual([]);
    const cards = (await observer.locator('[data-testid="proposal"]').allTextContents()).join('|');
    expect(cards).not.toMatch(/Accept|Reject|Withdraw|Add a reason/);
  });

  it('markup-looking words render as the words typed, and make no element', async () => {
    for (const page of [observer, facilitator]) {
      const card = page.locator(`${byNumber('2')} [data-testid="proposal"][data-delegation="KEN"]`);
      const words = (await card.locator('[data-testid="proposal-words"]').textContent()) ?? '';
      expect(words).toContain(markup);
      expect(await card.textContent()).toContain('<b onmouseover="window.__pwned = 3">why</b> javascript:alert(1)');
      await card.locator('[data-testid="proposal-words"]').hover();
      await expectHarmless(page);
      if (shots) await page.screenshot({ path: `${shots}/hostile-markup-${page === observer ? 390 : 1280}.png`, fullPage: false });
    }
  });

  it('square brackets in a proposal are words: the paragraph gains no bracket, the redline shows them inserted', async () => {
    for (const page of [observer, facilitator]) {
      expect(await page.locator(`${byNumber('2')} [data-bracket-id]`).count()).toBe(0);
      const inserted = await page.locator(`${byNumber('2')} [data-testid="proposal-redline"] ins`).allTextContents();
      expect(inserted.join('')).toContain(fakeBrackets);
    }
  });

  it('a right-to-left override stays inside its proposal: the card is isolated from the text around it', async () => {
    for (const page of [observer, facilitator]) {
      const found = await page.evaluate((typed) => {
        const card = [...document.querySelectorAll('[data-testid="proposal"][data-delegation="KEN"]')].find((e) => e.textContent?.includes(typed));
        const walker = card ? document.createTreeWalker(card, NodeFilter.SHOW_TEXT) : null;
        let text: Node | null = null;
        while (walker?.nextNode()) if (walker.currentNode.textContent?.includes('\u202E')) text = walker.currentNode;
        if (!card || !text) return { shown: false, isolated: false };
        // An isolate (bdi, dir=auto, or unicode-bidi isolate/plaintext) between the words and the card ends the override with them.
        for (let node = text.parentElement; node && node !== card; node = node.parentElement) {
          if (node.tagName === 'BDI' || node.getAttribute('dir') === 'auto' || /isolate|plaintext/.test(getComputedStyle(node).unicodeBidi)) return { shown: true, isolated: true };
        }
        return { shown: true, isolated: false };
      }, reversed);
      expect(found.shown).toBe(true);
      const isolated = found.isolated;
      expect(isolated).toBe(true);
      await expectHarmless(page);
    }
  });

  it('a 3,000-letter word and a 20,000-character proposal wrap inside their cards: nothing scrolls sideways at 390 px', async () => {
    for (const page of [observer, facilitator]) {
      const width = await page.evaluate(() => window.innerWidth);
      for (const card of await page.locator('[data-testid="proposal"][data-delegation="KEN"]').all()) {
        await card.scrollIntoViewIfNeeded();
        const box = await card.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width + 0.5, JSON.stringify(box)).toBe(true);
      }
      await expectHarmless(page);
    }
    if (shots) {
      await observer.locator(byNumber('3')).scrollIntoViewIfNeeded();
      await observer.screenshot({ path: `${shots}/hostile-long-390.png` });
    }
  });

  it('the compilation view shows the words escaped and quoted, with no element made of them', async () => {
    for (const page of [observer, facilitator]) {
      await page.check('[data-testid="view-compilation"]');
      await page.waitForSelector('[data-testid="compilation-view"]');
      const lines = (await page.locator('[data-testid="compilation-line"]').allTextContents()).join('\n');
      expect(lines).toContain('<script>window.__pwned = 1</script>');
      expect(lines).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
      await expectHarmless(page);
      if (shots) await page.screenshot({ path: `${shots}/hostile-compilation-${page === observer ? 390 : 1280}.png` });
    }
    const response = await fetch(`${server.url}/api/negotiations/${negotiationId}/export?format=compilation`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const text = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text).toContain('<script>window.__pwned = 1</script>');
  });
});
