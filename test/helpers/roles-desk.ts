/**
 * The facilitators' desk seen by three roles at once, for browser tests: a negotiation with four
 * delegations, a named facilitator's page (1280 px), the EU delegation's (1280 px) and an observer's
 * (390 px), the two readers following the floor; and what a test checks of the readers: that the server
 * refuses them a command, that they see the facilitator's decision in their activity, that they hold no
 * control of the desk.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite } from './api.ts';
import { openPerson } from './browser.ts';
import type { BrowserFile } from './browser-per-file.ts';
import { deskWait } from './desk-page.ts';
import type { TestServer } from './server.ts';

/** A reader: the page, the invitation token it was opened with, the name the server gives it. */
export interface Reader {
  page: Page;
  token: string;
  name: string;
}

/** The desk: the server, the negotiation, its three people's pages. */
export interface RolesDesk {
  server: TestServer;
  negotiationId: string;
  /** Paragraph ids by number, as the facilitator's page shows them. */
  ids: Record<string, string>;
  facilitator: Page;
  facilitatorToken: string;
  readers: [Reader, Reader];
}

/** The facilitator's name as the activity shows it. */
export const facilitatorName = 'Facilitator (Ms. Aalto)';

/** Every control of the desk; a reader's page holds none of them. */
const deskControls = ['bracket-toolbar', 'bracket-start', 'bracket-edit', 'bracket-picker', 'bracket-menu', 'paragraph-handle', 'paragraph-tools', 'status-control', 'floor-set', 'clear-floor'];

/** Opening a page of a whole draft, three at once on a loaded machine. */
const pageOpening = { timeout: 60_000 };

/** The selector of the paragraph numbered `n`. */
export function byNumber(n: string): string {
  return `[data-paragraph-number="${n}"]`;
}

/**
 * Imports `draft`, adds EU, G77, KEN and USA, and opens the three people's pages (each waits for paragraph
 * `lastShown` to be on it); the readers tick "follow the floor". Their contexts go to `file`, closed after it.
 */
export async function openRolesDesk(server: TestServer, browser: Browser, file: BrowserFile, draft: string, lastShown = '7'): Promise<RolesDesk> {
  const open = async (url: string, viewport: { width: number; height: number }): Promise<Page> => {
    const person = await openPerson(browser, viewport);
    file.people.push(person);
    await person.page.goto(url, pageOpening);
    await person.page.waitForSelector(byNumber(lastShown), pageOpening);
    return person.page;
  };
  const { id: negotiationId } = await importDraft(server, draft);
  for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77 and China'], ['KEN', 'Kenya'], ['USA', 'United States of America']] as const) {
    await addDelegation(server, negotiationId, code, name);
  }
  const [chair, eu, watcher] = await Promise.all([
    invite(server, negotiationId, { role: Role.facilitator, label: 'Ms. Aalto' }),
    invite(server, negotiationId, { role: Role.delegation, delegation: 'EU' }),
    invite(server, negotiationId, { role: Role.observer }),
  ]);
  const [facilitator, euPage, observerPage] = await Promise.all([open(chair.url, { width: 1280, height: 900 }), open(eu.url, { width: 1280, height: 900 }), open(watcher.url, { width: 390, height: 800 })]);
  const readers: [Reader, Reader] = [
    { page: euPage, token: eu.token, name: 'European Union' },
    { page: observerPage, token: watcher.token, name: 'Observer' },
  ];
  const ids = (await facilitator.$$eval('[data-paragraph-number]', (elements) =>
    Object.fromEntries(elements.map((e) => [e.getAttribute('data-paragraph-number'), e.getAttribute('data-paragraph-id')])),
  )) as Record<string, string>;
  for (const { page } of readers) await page.check('[data-testid="follow-floor"]', deskWait);
  return { server, negotiationId, ids, facilitator, facilitatorToken: chair.token, readers };
}

/** The facilitator's page and the readers'. */
export function everyone(desk: RolesDesk): Page[] {
  return [desk.facilitator, ...desk.readers.map((r) => r.page)];
}

/** What the server holds: the text with its brackets, statuses, notes and the floor, and the newest activity. */
async function serverState(desk: RolesDesk): Promise<string> {
  const [text, activity] = await Promise.all([
    getJson<unknown>(desk.server, `/api/negotiations/${desk.negotiationId}`),
    getJson<{ entries: { id: number }[] }>(desk.server, `/api/negotiations/${desk.negotiationId}/activity?limit=1`),
  ]);
  return JSON.stringify({ text: text.body, newest: activity.body.entries[0]?.id ?? null });
}

/** Each reader sends `command` from its own page with its own token: refused with 403 and its name, nothing changed. */
export async function readersAreRefused(desk: RolesDesk, command: Record<string, unknown>): Promise<void> {
  const before = await serverState(desk);
  for (const { page, token, name } of desk.readers) {
    const answer = await page.evaluate(
      async ({ id, token: bearer, body }) => {
        const response = await fetch(`/api/negotiations/${id}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { error?: string } };
      },
      { id: desk.negotiationId, token, body: command },
    );
    expect(answer.status, `${name}: ${String(command.type)}`).toBe(403);
    expect(answer.body.error).toContain(`${name} may not`);
  }
  expect(await serverState(desk), `the server after the readers' ${String(command.type)}`).toBe(before);
}

/** Every reader's feed shows, newest of its kind, the decision `action` in `summary`, made by the facilitator. */
export async function readersSeeInActivity(desk: RolesDesk, action: string, summary: string): Promise<void> {
  for (const { page, name } of desk.readers) {
    const entry = page.locator(`[data-testid="activity-feed"] [data-testid="activity-entry"][data-action="${action}"]`).first();
    await expect.poll(() => entry.locator('[data-testid="activity-summary"]').textContent().catch(() => null), { ...deskWait, message: `${name}'s activity` }).toBe(summary);
    expect(await entry.locator('.activity-who').textContent()).toBe(facilitatorName);
  }
}

/** No reader's page holds any desk control. */
export async function readersHaveNoControls(desk: RolesDesk): Promise<void> {
  for (const { page } of desk.readers) {
    for (const control of deskControls) expect(await page.locator(`[data-testid="${control}"]`).count(), control).toBe(0);
    expect(await page.locator('.bracket-controls').count()).toBe(0);
  }
}
