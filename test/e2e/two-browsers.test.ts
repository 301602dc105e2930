/**
 * Two people in two browsers (one Chromium context each) on the real server: what one types in a
 * paragraph reaches the other, with a named caret and presence, survives a reload, and read-only roles
 * are read only. A page whose edit the server refuses shows why and reloads the true text.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPerson, paragraphText, type Person } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

const zeroDraft = [
  'Ministerial Declaration on Test Drafting',
  'Zero draft',
  '1 March 2030',
  '',
  '1. We, the Ministers, meet to agree on a short text. *[based on SG report, para 1]*',
  '',
  'Commitments',
  '',
  '2. We commit to drafting clearly and briefly.',
  '',
  '3. We recognize that every paragraph is negotiated word by word. *[GCM para 49]*',
  '',
  '4. We request the Secretary-General to report on progress.',
  '',
].join('\n');

let server: TestServer;
let browser: Browser;
let negotiationId: string;
let facilitatorUrl: string;
const people: Person[] = [];

async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${server.adminToken}` };
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as object) }, body });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function person(url: string): Promise<Page> {
  const opened = await openPerson(browser);
  people.push(opened);
  await opened.page.goto(url);
  await opened.page.waitForSelector('[data-paragraph-number="3"]');
  return opened.page;
}

const paragraph3 = '[data-paragraph-number="3"]';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const created = await api<{ id: string; url: string }>('/api/negotiations', {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: zeroDraft,
  });
  negotiationId = created.id;
  facilitatorUrl = created.url;
  await api(`/api/negotiations/${negotiationId}/delegations/KEN`, { method: 'PUT', json: { name: 'Kenya' } });
});

afterAll(async () => {
  await Promise.all(people.map(({ context }) => context.close()));
  await browser?.close();
  await server?.stop();
});

describe('two browsers on one negotiation', () => {
  it('what A types in paragraph 3 reaches B with A’s caret and presence, and survives B’s reload', async () => {
    const kenya = await api<{ url: string }>(`/api/negotiations/${negotiationId}/invitations`, {
      method: 'POST',
      json: { role: 'delegation', delegation: 'KEN' },
    });
    const a = await person(facilitatorUrl);
    const b = await person(kenya.url);

    // The page shows the document as imported: numbered paragraphs, the heading, the source tag.
    expect(await a.locator('[data-testid="doc-title"]').textContent()).toBe('Ministerial Declaration on Test Drafting');
    expect(await a.locator('[data-paragraph-number]').count()).toBe(4);
    expect(await a.locator(`${paragraph3} .source-tag`).textContent()).toBe('[GCM para 49]');
    const aName = await a.locator('[data-testid="identity"] .identity-name').textContent();
    expect(aName).toBeTruthy();

    await a.waitForSelector(`${paragraph3} .ProseMirror[contenteditable="true"]`);
    await a.click(`${paragraph3} .ProseMirror p`);
    await a.keyboard.press('Control+End');
    await a.keyboard.type(' Delegations shall be heard.', { delay: 15 });

    await expect.poll(() => paragraphText(b, paragraph3), { timeout: 10_000 }).toContain('word by word. Delegations shall be heard.');
    // A's caret in B's page carries A's authenticated name.
    await expect
      .poll(() => b.locator(`${paragraph3} .collaboration-carets__label`).allTextContents(), { timeout: 10_000 })
      .toEqual([aName]);
    // Presence on both sides: two people; B sees A on ¶3, editing; a marker beside ¶3.
    await expect.poll(() => b.locator('[data-testid="room-people-section"] [data-testid="person-row"]').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => a.locator('[data-testid="room-people-section"] [data-testid="person-row"]').count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => b.locator('[data-testid="room-people-section"] [data-testid="person-row"]').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('¶3, editing'));
    expect(await b.locator(`${paragraph3} [data-testid="paragraph-presence"] .presence-marker`).getAttribute('title')).toContain(aName);
    expect(await b.locator('[data-testid="presence-chip"]').getAttribute('data-name')).toBe(aName);

    // A line break never makes a second block inside one paragraph's editor (Enter splits by command: test/e2e/desk.test.ts).
    await a.keyboard.press('Shift+Enter');
    await a.keyboard.type('x');
    expect(await a.locator(`${paragraph3} .ProseMirror p`).count()).toBe(1);
    await a.keyboard.press('Backspace');

    await b.reload();
    await b.waitForSelector(paragraph3);
    expect(await paragraphText(b, paragraph3)).toContain('word by word. Delegations shall be heard.');
  });

  it.each([
    ['an observer', { role: 'observer' }, 'Observer — read only'],
    ['a delegation', { role: 'delegation', delegation: 'KEN' }, 'Delegation — propose changes; facilitators edit the text'],
  ])('%s gets read-only text and a hint of its rights, and follows live edits', async (_who, invitation, hint) => {
    const link = await api<{ url: string }>(`/api/negotiations/${negotiationId}/invitations`, { method: 'POST', json: invitation });
    const page = await person(link.url);
    await page.waitForSelector(`${paragraph3} .ProseMirror[contenteditable="false"]`);
    expect(await page.locator('.ProseMirror[contenteditable="true"]').count()).toBe(0);
    expect(await page.locator('[data-testid="role-hint"]').textContent()).toBe(hint);
    await page.click(`${paragraph3} .ProseMirror p`);
    await page.keyboard.type('should not appear');
    expect(await paragraphText(page, paragraph3)).not.toContain('should not appear');
    // Mounting, clicking and typing sent no update the server had to refuse.
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid="notice"]').count()).toBe(0);
    expect(await page.locator('[data-testid="connection-state"]').getAttribute('data-state')).toBe('connected');

    const facilitator = await person(facilitatorUrl);
    const words = `Live words for ${invitation.role} `;
    await facilitator.waitForSelector(`${paragraph3} .ProseMirror[contenteditable="true"]`);
    await facilitator.click(`${paragraph3} .ProseMirror p`);
    await facilitator.keyboard.press('Home');
    await facilitator.keyboard.type(words);
    const shows = ([selector, expected]: string[]) => document.querySelector(selector as string)?.textContent?.includes(expected as string) ?? false;
    await facilitator.waitForFunction(shows, [paragraph3, words.trim()], { timeout: 10_000 });
    await page.waitForFunction(shows, [paragraph3, words.trim()], { timeout: 10_000 });
    expect(await paragraphText(page, paragraph3)).toContain(words.trim());
  });

  it('a paragraph far from the viewport is static HTML with exactly the markup of its editor', async () => {
    const long = ['Long Declaration', 'Zero draft', ''];
    for (let n = 1; n <= 40; n += 1) {
      long.push(`${n}. Paragraph ${n} recalls *the agreed language* of earlier texts and **stresses** its point¹ again. *[source ${n}]*`, '');
    }
    long.push('¹ A footnote with *italic words*.', '');
    const created = await api<{ url: string }>('/api/negotiations', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: long.join('\n'),
    });
    const page = await person(created.url);
    const far = '[data-paragraph-number="38"]';
    await page.waitForSelector(`[data-paragraph-number="1"] .ProseMirror[contenteditable]`);
    expect(await page.getAttribute(far, 'data-mounted')).toBe('static');

    // Someone else edits that paragraph: the static text follows at once.
    const other = await person(created.url);
    await other.$eval(far, (element) => element.scrollIntoView({ block: 'center' }));
    await other.click(`${far} .ProseMirror[contenteditable="true"] p`);
    await other.keyboard.press('Control+Home');
    await other.waitForTimeout(50);
    await other.keyboard.type('Indeed, ', { delay: 10 });
    await expect.poll(() => paragraphText(page, far), { timeout: 10_000 }).toMatch(/^Indeed, Paragraph 38 recalls/);
    expect(await page.getAttribute(far, 'data-mounted')).toBe('static');

    const staticHtml = await page.$eval(`${far} .ProseMirror`, (element) => element.outerHTML);
    expect(staticHtml).toContain('<em>the agreed language</em>');
    expect(staticHtml).toContain('<strong>stresses</strong>');
    await page.$eval(far, (element) => element.scrollIntoView({ block: 'center' }));
    await page.waitForSelector(`${far} .ProseMirror[contenteditable]`);
    const editorHtml = await page.$eval(`${far} .ProseMirror`, (element) => {
      const clone = element.cloneNode(true) as Element;
      // The other person's caret is a decoration of the editor only.
      clone.querySelectorAll('.collaboration-carets__caret').forEach((node) => node.remove());
      clone.normalize();
      for (const name of [...clone.getAttributeNames()]) if (name !== 'class' && name !== 'translate') clone.removeAttribute(name);
      clone.querySelectorAll('[contenteditable]').forEach((node) => node.removeAttribute('contenteditable'));
      return clone.outerHTML;
    });
    const comparableStatic = staticHtml.replace(/ contenteditable="false"/g, '');
    expect(editorHtml.replace(/ class="([^"]*)"/, (_, c: string) => ` class="${c.replace(/ ?ProseMirror-focused/, '')}"`)).toBe(comparableStatic);
  });

  it('an edit the server refuses is thrown away: the page says why and shows the true text', async () => {
    const observer = await api<{ url: string }>(`/api/negotiations/${negotiationId}/invitations`, {
      method: 'POST',
      json: { role: 'observer' },
    });
    const page = await person(observer.url);
    await page.waitForSelector(`${paragraph3} .ProseMirror[contenteditable]`);
    const before = await paragraphText(page, paragraph3);
    // A modified client: make the read-only editor editable from the console and type into it.
    await page.evaluate(() => {
      const dom = document.querySelector('[data-paragraph-number="3"] .ProseMirror') as HTMLElement & {
        editor?: { setEditable(value: boolean): void; commands: { insertContentAt(pos: number, text: string): boolean } };
      };
      dom.editor?.setEditable(true);
      dom.editor?.commands.insertContentAt(1, 'FORGED ');
    });
    await expect.poll(() => page.locator('[data-testid="notice"]').textContent(), { timeout: 10_000 }).toContain('refused');
    await page.waitForSelector(`${paragraph3} .ProseMirror[contenteditable]`);
    await expect.poll(() => paragraphText(page, paragraph3), { timeout: 10_000 }).toBe(before);
    expect(await page.locator('[data-testid="connection-state"]').getAttribute('data-state')).toBe('connected');
  });

  it('an invalid invitation link gets a plain page that says so', async () => {
    const { page } = await openPerson(browser).then((opened) => (people.push(opened), opened));
    await page.goto(`${server.url}/n/${negotiationId}?token=not-a-real-token`);
    await page.waitForSelector('[data-testid="invalid-invitation"]');
    expect(await page.locator('h1').textContent()).toBe('This invitation link is not valid');
  });
});
