/**
 * The three roles' pages under axe-core in Chromium, on the real server: no serious or critical violation
 * (WCAG 2.x A and AA rules, contrast included), with a few people in the room and the people popover open
 * as well as closed. At 390 px wide nothing scrolls sideways and the top bar's items do not overlap. The
 * keyboard: the skip link is the first tab stop and takes the focus to the text.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { demoDraftText } from '../../server/demo/demo-draft.ts';
import { addDelegation, importDraft, invite } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { connectRaw, encodeAwarenessStates, type RawClient } from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});


interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is; the serious and critical violations, each with where it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes
        .map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help}`),
    );
}

/** The boxes of the top bar's visible items that overlap one another or stick out of the window. */
async function topBarProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const items = ['.topbar .product', '.negotiation-title', '[data-testid="connection-state"]', '[data-testid="presence-chips"]', '[data-testid="room-people-button"]', '[data-testid="people-button"]', '[data-testid="identity"]'];
    const boxes = items.flatMap((selector) => {
      const element = document.querySelector(selector);
      if (!element) return [];
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? [{ name: selector, box }] : [];
    });
    const problems = boxes.filter(({ box }) => box.left < 0 || box.right > window.innerWidth + 0.5).map(({ name }) => `${name} outside the window`);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const across = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const down = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (across > 0.5 && down > 0.5) problems.push(`${a.name} overlaps ${b.name}`);
      }
    }
    return problems;
  });
}

const sockets: RawClient[] = [];
const renewals: ReturnType<typeof setInterval>[] = [];
afterAll(() => {
  renewals.forEach((timer) => clearInterval(timer));
  sockets.forEach((socket) => socket.close());
});

/** A person's page at `width`; the context bypasses the page's CSP only so axe can be injected. */
async function open(url: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector('[data-paragraph-number="3"]');
  return page;
}

describe('the pages of the three roles', () => {
  let links: Record<string, string>;
  let negotiationId: string;
  let sixth: string;

  it('are set up: a facilitator, Kenya and an observer invited', async () => {
    const { id, url } = await importDraft(server, demoDraftText);
    await addDelegation(server, id, 'KEN', 'Kenya');
    const [kenya, observer] = await Promise.all([
      invite(server, id, { role: Role.delegation, delegation: 'KEN' }),
      invite(server, id, { role: Role.observer }),
    ]);
    links = { facilitator: url, delegation: kenya.url, observer: observer.url };
    // Others in the room (a co-facilitator editing, Kenya reading), so chips and markers are checked too.
    const api = await fetch(`${server.url}/api/negotiations/${id}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const paragraphs = ((await api.json()) as { paragraphs: { id: string; kind: string }[] }).paragraphs.filter((p) => p.kind === 'paragraph');
    negotiationId = id;
    sixth = (paragraphs[5] as { id: string }).id;
    const coFacilitator = await invite(server, id, { role: Role.facilitator, label: 'Co-facilitator' });
    for (const [token, index, editing] of [[coFacilitator.token, 1, true], [kenya.token, 2, false]] as const) {
      const client = connectRaw(server, id, token, { follow: false });
      sockets.push(client);
      await client.handshake();
      const paragraphId = (paragraphs[index] as { id: string }).id;
      // Renewed as a page does: a state not renewed for 30 s is dropped as outdated.
      let clock = 1;
      const send = () => client.sendAwareness(encodeAwarenessStates([{ clientId: client.doc.clientID, clock: clock++, state: { paragraphId, editing } }]));
      send();
      renewals.push(setInterval(send, 10_000));
    }
  });

  for (const role of [Role.facilitator, Role.delegation, Role.observer]) {
    it(`${role}: no serious or critical axe violation at 1280 px, with the people popover closed and open`, async () => {
      const page = await open(links[role] as string, 1280);
      await expect.poll(() => page.locator('[data-testid="paragraph-presence"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/a11y-${role}-1280.png` });
      await page.click('[data-testid="room-people-button"]');
      await page.waitForSelector('[data-testid="room-people"]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }, 60_000);

    it(`${role}: at 390 px nothing scrolls sideways, the bar does not overlap, and axe finds nothing serious`, async () => {
      const page = await open(links[role] as string, 390);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await topBarProblems(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/a11y-${role}-390.png`, fullPage: false });
      await page.click('[data-testid="room-people-button"]');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/a11y-${role}-390-people.png` });
      await page.context().close();
    }, 60_000);
  }

  it('the facilitator\'s bar (the most items) never overlaps, from 320 px to 1920 px', async () => {
    const page = await open(links.facilitator as string, 1280);
    for (const width of [320, 360, 390, 480, 640, 641, 768, 900, 901, 1024, 1180, 1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(50);
      expect({ width, problems: await topBarProblems(page) }).toEqual({ width, problems: [] });
      expect({ width, scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ width, scrollWidth: width });
    }
    await page.context().close();
  }, 60_000);

  it('the skip link is the first tab stop and moves the focus to the text', async () => {
    const page = await open(links.observer as string, 1280);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-link');
    expect(await page.isVisible('[data-testid="skip-link"]')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('text');
    expect(await page.evaluate(() => location.hash)).toBe('');
    await page.context().close();
  });

  it('a paragraph whose status changes is announced in a live region', async () => {
    const page = await open(links.observer as string, 1280);
    const token = new URL(links.facilitator as string).searchParams.get('token') as string;
    const response = await fetch(`${server.url}/api/negotiations/${negotiationId}/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'set-status', paragraphId: sixth, status: 'agreed-ad-ref', note: 'pending confirmation from capital' }),
    });
    expect(response.status).toBe(200);
    await expect.poll(() => page.textContent('[data-testid="status-announcer"]'), { timeout: 10_000 }).toBe('Paragraph 6 is now agreed ad ref.');
    expect(await page.getAttribute('[data-testid="status-announcer"]', 'role')).toBe('status');
    await page.context().close();
  });
});
