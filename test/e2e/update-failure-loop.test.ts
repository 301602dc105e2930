/**
 * Class 8 of issue 6 in Chromium: a server failure on one update never makes a page loop.
 *
 * The failure the issue found (a facilitator deleting ~150,000 items in one update: 1011 on every attempt,
 * the page resending forever) is fixed on the server; the second test keeps that exact case honest through
 * the page. The page's own guard is tested with the server failure that remains real: the storage cannot
 * save the update (another process holds the SQLite write lock), the room fails and closes with 1011, on
 * every attempt. After three such closes in a row the page stops resending, loads the true text and says
 * plainly that the last change could not be saved.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { importDraft, smallDraft } from '../helpers/api.ts';
import { openPerson, paragraphText } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const { people, clients } = browserPerFile((started, launched) => {
  server = started;
  browser = launched;
});

async function facilitatorPage(url: string): Promise<{ page: Page; sockets: () => number }> {
  const person = await openPerson(browser);
  people.push(person);
  let opened = 0;
  person.page.on('websocket', () => (opened += 1));
  await person.page.goto(url);
  return { page: person.page, sockets: () => opened };
}

async function client(negotiationId: string, token: string): Promise<YClient> {
  const connected = connectClient(server, negotiationId, token);
  clients.push(connected);
  await connected.synced;
  return connected;
}

const state = (page: Page) => page.getAttribute('[data-testid="connection-state"]', 'data-state');

describe('a change the server fails on, every time', () => {
  it('is resent a few times only; then the page loads the true text and says the change was not saved', async () => {
    const { url } = await importDraft(server, smallDraft);
    const { page, sockets } = await facilitatorPage(url);
    const paragraph = '[data-paragraph-number="3"]';
    await page.waitForSelector(`${paragraph} .ProseMirror[contenteditable="true"]`);
    const before = await paragraphText(page, paragraph);

    // Another process holds the database's write lock: every save fails ("database is locked"), the room closes with 1011.
    const lock = new Database(join(server.dataDir, 'draftroom.sqlite'));
    lock.exec('BEGIN IMMEDIATE');
    try {
      await page.click(`${paragraph} .ProseMirror p`);
      await page.keyboard.press('End');
      await page.keyboard.type(' Lost words.');
      const notice = page.locator('[data-testid="notice"]', { hasText: 'could not be saved' });
      await notice.waitFor({ timeout: 60_000 });
      expect(await notice.locator('.notice-text').textContent()).toMatch(
        /^Your last change could not be saved: the server failed on it 3 times in a row \(close code 1011\)\. The page stopped resending it and loaded the true text:$/,
      );
      expect(await notice.locator('li').allTextContents()).toEqual([
        'Your edits to the text of paragraph 3 were not kept: the server failed each time it received it.',
      ]);
      // Three attempts with the change, then one fresh copy: not one more.
      expect(sockets()).toBeLessThanOrEqual(5);
    } finally {
      lock.exec('ROLLBACK');
      lock.close();
    }

    // The storage works again: the page is connected, shows the true text, and sends the lost words no more.
    await eventually(async () => (await state(page)) === 'connected', 20_000, 'connected again');
    await expect.poll(() => paragraphText(page, paragraph), { timeout: 10_000 }).toBe(before);
    const opened = sockets();
    await page.waitForTimeout(2000);
    expect(sockets()).toBe(opened);
    const text = await fetch(`${url.replace('/n/', '/api/negotiations/').replace(/\?token=.*/, '')}/export?format=txt`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    }).then((response) => response.text());
    expect(text).not.toContain('Lost words');
  }, 120_000);

  it('a facilitator deleting a paragraph of 150,000 separate items in one update: saved once, no loop', async () => {
    const { id, url } = await importDraft(server, smallDraft);
    const token = new URL(url, server.url).searchParams.get('token') as string;
    const writer = await client(id, token);
    const paragraphId = readOrder(writer.doc)[3] as string;
    const text = (getParagraphText(writer.doc, paragraphId)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const before = text.length;
    // Each character inserted at the start is an item of its own (Yjs cannot merge them).
    for (let batch = 0; batch < 15; batch += 1) writer.doc.transact(() => {
      for (let i = 0; i < 10_000; i += 1) text.insert(0, 'x');
    });
    const reader = await client(id, token);
    const readerText = () => (getParagraphText(reader.doc, paragraphId)?.get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText | undefined;
    await waitFor(reader.doc, () => readerText()?.length === before + 150_000, 30_000, 'the long paragraph');
    writer.destroy();

    const { page, sockets } = await facilitatorPage(url);
    const paragraph = '[data-paragraph-number="3"]';
    await page.waitForSelector(`${paragraph} .ProseMirror[contenteditable="true"]`, { timeout: 30_000 });
    await page.click(`${paragraph} .ProseMirror p`);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');

    await waitFor(reader.doc, () => readerText()?.length === 0, 30_000, 'the deletion on the server');
    const opened = sockets();
    await page.waitForTimeout(2000);
    expect(sockets()).toBe(opened);
    expect(opened).toBe(1);
    expect(await state(page)).toBe('connected');
    expect(await page.locator('[data-testid="notice"]').count()).toBe(0);
  }, 120_000);
});
