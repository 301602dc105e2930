/**
 * Debian's Chromium (/usr/bin/chromium) driven through playwright-core, never a downloaded browser.
 * Launch one browser per test file; give each simulated person a context of their own (separate storage
 * and BroadcastChannel), as two people on two computers would have.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium binary installed by `apt-get install chromium`. */
export const chromiumPath = '/usr/bin/chromium';

/** Flags that keep headless Chromium quiet on a closed network. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; close it with `browser.close()` in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/** A simulated person: their own browser context and one page in it. */
export interface Person {
  context: BrowserContext;
  page: Page;
}

/** Opens a fresh context (one person) with a page, at `viewport` (1280×900 by default). */
export async function openPerson(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Person> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { context, page };
}

/** The visible text of a paragraph element, without other people's caret labels and caret elements. */
export async function paragraphText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll('.collaboration-carets__label, .collaboration-carets__caret').forEach((node) => node.remove());
    copy.querySelectorAll('.para-number, .para-aside, .source-tag, .desk-handle, .proposals').forEach((node) => node.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}
