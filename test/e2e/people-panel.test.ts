/**
 * The facilitator's "People & links" panel in real browsers on the real server: add Kenya from the ready
 * list, make a link for it, a second person opens that link as Kenya, the facilitator revokes it and the
 * Kenya page says so at once. Delegations and observers get no panel button.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import { launchBrowser, openPerson, type Person } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
let negotiationId: string;
let facilitatorUrl: string;
const people: Person[] = [];

async function open(url: string, permissions: string[] = []): Promise<Page> {
  const person = await openPerson(browser);
  people.push(person);
  if (permissions.length > 0) await person.context.grantPermissions(permissions, { origin: server.url });
  await person.page.goto(url);
  await person.page.waitForSelector('[data-paragraph-number="3"]');
  return person.page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const created = await importDraft(server, smallDraft);
  negotiationId = created.id;
  facilitatorUrl = created.url;
});

afterAll(async () => {
  await Promise.all(people.map(({ context }) => context.close()));
  await browser?.close();
  await server?.stop();
});

describe('the People & links panel', () => {
  it('adds Kenya from the ready list, makes its link, and revoking it disconnects Kenya at once', async () => {
    const facilitator = await open(facilitatorUrl, ['clipboard-read', 'clipboard-write']);
    await facilitator.click('[data-testid="people-button"]');
    const panel = facilitator.locator('[data-testid="people-panel"]');
    await panel.waitFor();

    // Search as you type: "g77" offers the group, "ken" offers Kenya.
    const search = panel.locator('[data-testid="delegation-search"]');
    await search.fill('g77');
    await expect.poll(() => panel.locator('[data-testid="delegation-offer"]').first().getAttribute('data-code')).toBe('G77');
    await search.fill('');
    await search.pressSequentially('ken', { delay: 20 });
    const kenya = panel.locator('[data-testid="delegation-offer"][data-code="KEN"]');
    await kenya.waitFor();
    expect(await kenya.textContent()).toContain('Kenya');
    await kenya.click();

    // The list comes from the document: the new row appears once the server relays the change.
    const row = panel.locator('[data-testid="delegation-row"][data-code="KEN"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.delegation-name').textContent()).toBe('Kenya');

    // "Create its link" picks Kenya in the form; no label: one shared link for the delegation.
    await panel.locator('[data-testid="delegation-added"] button').click();
    expect(await panel.locator('[data-testid="invitation-audience"]').inputValue()).toBe('delegation:KEN');
    await panel.locator('[data-testid="create-link"]').click();
    const created = panel.locator('[data-testid="created-link"]');
    await created.waitFor();
    const kenyaUrl = await created.locator('[data-testid="link-url"]').inputValue();
    expect(kenyaUrl).toMatch(new RegExp(`/n/${negotiationId}\\?token=`));

    // Copy puts the link on the clipboard.
    await created.locator('[data-testid="copy-link"]').click();
    await expect.poll(() => created.locator('[data-testid="copy-link"]').textContent()).toBe('Copied');
    expect(await facilitator.evaluate(() => navigator.clipboard.readText())).toBe(kenyaUrl);

    // The link is listed under Kenya.
    const kenyaLinks = panel.locator('[data-testid="link-group"][data-group="delegation:KEN"] [data-testid="invitation-item"]');
    await expect.poll(() => kenyaLinks.count(), { timeout: 10_000 }).toBe(1);

    // A second person opens it: Kenya, as a delegation, without the panel button.
    const delegate = await open(kenyaUrl);
    expect(await delegate.locator('[data-testid="identity"] .identity-name').textContent()).toBe('Kenya');
    expect(await delegate.locator('[data-testid="identity"] .role-badge').textContent()).toBe('Delegation');
    expect(await delegate.locator('[data-testid="people-button"]').count()).toBe(0);
    await expect.poll(() => delegate.locator('[data-testid="connection-state"]').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');

    // The facilitator revokes it, after a confirmation.
    await kenyaLinks.first().locator('[data-testid="revoke-link"]').click();
    await kenyaLinks.first().locator('[data-testid="confirm-yes"]').click();
    await expect.poll(() => kenyaLinks.count(), { timeout: 10_000 }).toBe(0);

    // The Kenya page says so within a few seconds and stops.
    await expect
      .poll(() => delegate.locator('[data-testid="notice"]').allTextContents(), { timeout: 5_000 })
      .toContainEqual(expect.stringContaining('revoked'));
    expect(await delegate.locator('[data-testid="connection-state"]').getAttribute('data-state')).toBe('closed');
  });

  it('an observer’s page has no panel button', async () => {
    const observer = await invite(server, negotiationId, { role: 'observer' });
    const page = await open(observer.url);
    expect(await page.locator('[data-testid="identity"] .role-badge').textContent()).toBe('Observer');
    expect(await page.locator('[data-testid="people-button"]').count()).toBe(0);
    expect(await page.locator('[data-testid="people-panel"]').count()).toBe(0);
  });
});
