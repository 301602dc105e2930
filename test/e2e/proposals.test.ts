/**
 * Amendments in real browsers on the real server, one context per person: the EU's delegation (two people,
 * Anna and Ben), the G77's, a facilitator, and an observer at 390 px. Anna proposes new words for ¶5 and
 * types them while the others watch the redline grow; Ben co-edits the same proposal (his named caret shows
 * on Anna's page) and its reason; the G77 cannot type in it and is told why, and supports it; the facilitator
 * accepts it into brackets and lifts the bracket; the observer sees every step live and has no control at
 * all. At each step the observer and a second reader switch to the compilation view and the clean view and
 * find ¶5 as the step left it (the export's compilation text too), then go back to the text. Then: a
 * proposal written on an earlier text says so, many proposals fold away, and an accept that
 * clashes with later edits shows where and takes the facilitator's choice (on ¶4, with a proposal of its
 * own: it does not lean on the steps before having passed). Screenshots go to SHOTS_DIR when it is set.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand } from '../helpers/api.ts';
import { paragraphText } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR;
const live = { timeout: 10_000 };
const p5 = '[data-paragraph-number="5"]';
const p6 = '[data-paragraph-number="6"]';
const p4 = '[data-paragraph-number="4"]';
const euCard = `${p5} [data-testid="proposal"][data-delegation="EU"]`;
const g77Card = `${p5} [data-testid="proposal"][data-delegation="G77"]`;

const draft = `Test Declaration on Resilience
Zero draft

1. We, the representatives of States, meet to agree on cooperation.

Commitments

2. We commit to sharing data on a voluntary basis.

3. We recognize the role of local authorities.

4. We encourage partnerships with the private sector.

5. We will strengthen capacity building in developing countries.

6. We request the Secretary-General to report on progress.
`;
const original5 = 'We will strengthen capacity building in developing countries.';
/** What Anna types after “capacity building”, in two goes, and what Ben types at the end in place of the full stop. */
const annaTyped = [' and climate', ' resilience'] as const;
const benTyped = ', including small island developing States.';
// The expected texts, from what is typed: the words each adds, and ¶5 as the proposal reads after each.
const annaWords = annaTyped.join('').trim();
const benWords = benTyped.replace(/\.$/, '');
const afterAnna = original5.replace('capacity building', `capacity building${annaTyped.join('')}`);
const proposed5 = afterAnna.replace(/\.$/, benTyped);
/** The EU's proposal in the compilation's words, once each has typed, and the G77's own proposal (“will” to “shall”). */
const euWordingAnna = `EU: insert "${annaWords}" after "building"`;
const euWording = `EU: insert "${annaWords}" after "building"; insert "${benWords}" after "countries"`;
const g77Proposed = original5.replace('will', 'shall');
const g77Wording = 'G77: replace "will" with "shall"';
/** ¶4 as the G77 proposes it in the last step, and as the facilitator edits it meanwhile. */
const g77Proposed4 = 'We welcome partnerships with the private sector.';
const facilitator4 = 'We support partnerships with the private sector and civil society.';

let negotiationId: string;
let g77Token: string;
let facilitatorToken: string;
let anna: Page;
let ben: Page;
let g77: Page;
let facilitator: Page;
let observer: Page;
/** A second observer at 1280 px, who reads the other views and drives nothing. */
let reader: Page;
let observerToken: string;
/** Everyone but Anna, who types. */
let watchers: Page[];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A person's page; the context bypasses the page's CSP only so axe can be injected. */
async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector(`${p5} .para-text`);
  return page;
}

/** The words inserted in the EU proposal's redline on `page`, each trimmed, joined by |. */
function inserted(page: Page): Promise<string> {
  return page.$$eval(`${euCard} [data-testid="proposal-redline"] ins`, (nodes) =>
    nodes
      .map((node) => {
        const copy = node.cloneNode(true) as Element;
        copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
        return (copy.textContent ?? '').trim();
      })
      .join('|'),
  );
}

/** Puts the caret of `page` right after `words` in the EU proposal's editor (the editor's own command, as a click would). */
async function caretAfter(page: Page, words: string): Promise<void> {
  await page.$eval(
    `${euCard} .ProseMirror`,
    (element, target) => {
      const editor = (element as unknown as { editor: { state: { doc: { textContent: string } }; commands: { focus: () => void; setTextSelection: (at: number) => void } } }).editor;
      const at = editor.state.doc.textContent.indexOf(target);
      if (at < 0) throw new Error(`no “${target}” in the proposal`);
      editor.commands.focus();
      editor.commands.setTextSelection(at + 1 + target.length);
    },
    words,
  );
}

/** ¶5's text as drawn on `page` (brackets' spoken words and carets left out). */
function drawn5(page: Page): Promise<string> {
  return drawnText(page, p5);
}

/** The text of the paragraph `paragraph` names as drawn on `page` (brackets' spoken words and carets left out). */
function drawnText(page: Page, paragraph: string): Promise<string> {
  return page.$eval(`${paragraph} .para-text p`, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden, .collaboration-carets__label, .collaboration-carets__caret').forEach((n) => n.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** What a reader should find of ¶5 in the other views: the compilation's text and lines, the clean text and its count of alternatives, the brackets' holders (unchecked when absent). */
interface OtherViews {
  text: string;
  lines: string[];
  clean: string;
  alternatives: number;
  holders?: string[];
}

/** The text of the paragraph `selector` names on `page`, as read: spoken words and holders' chips left out, spacing flattened. */
function readText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (p) => {
    const copy = p.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden, .bracket-holders').forEach((n) => n.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Picks the view whose radio is `testId` the way a person does, by its label. */
async function pickView(page: Page, testId: string): Promise<void> {
  const radio = page.locator(`[data-testid="${testId}"]`);
  await page.locator('label.doc-view', { has: radio }).click();
  expect(await radio.isChecked()).toBe(true);
}

/** On `page`: the compilation view and the clean view show ¶5 as `expected` says; then the page is back on the text. */
async function expectViews(page: Page, expected: OtherViews): Promise<void> {
  try {
    await pickView(page, 'view-compilation');
    const block = '[data-compilation-paragraph="5"]';
    await expect.poll(() => readText(page, `${block} .para-host p`), live).toBe(expected.text);
    await expect.poll(() => page.locator(`${block} [data-testid="compilation-line"]`).allTextContents(), live).toEqual(expected.lines);
    if (expected.holders) expect(await page.locator(`${block} .bracket-holder`).evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-delegation')))).toEqual(expected.holders);
    // A reader has nothing to act on here either.
    expect(await page.locator(`${block} button, ${block} [contenteditable="true"]`).count()).toBe(0);
    await pickView(page, 'clean-view-toggle');
    await expect.poll(() => readText(page, '[data-clean-paragraph="5"] .para-host p'), live).toBe(expected.clean);
    const count = expected.alternatives === 0 ? 'No unresolved alternatives.' : `${expected.alternatives} unresolved`;
    expect(await page.locator('[data-testid="clean-view-summary"]').textContent()).toContain(count);
  } finally {
    // Back on the text even when a check failed, so the steps after it read the page they expect.
    await pickView(page, 'view-text');
    await page.waitForSelector(`${p5} .para-text`);
  }
}

/** Paragraph `n` of the `format=compilation` export as the observer downloads it: its line of text and the lines under it. */
async function exportedParagraph(n: number): Promise<string> {
  const response = await fetch(`${server.url}/api/negotiations/${negotiationId}/export?format=compilation`, { headers: { authorization: `Bearer ${observerToken}` } });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return text.split('\n\n').find((entry) => entry.startsWith(`${n}. `)) ?? `no paragraph ${n} in:\n${text}`;
}

/** The serious and critical axe violations inside `selector`, each with where it is. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (scope) => {
    type Found = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Element, options: object) => Promise<{ violations: Found[] }> } }).axe;
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    return (await axe.run(document.querySelector(scope) as Element, { runOnly: { type: 'tag', values: tags } })).violations;
  }, selector);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id} at ${n.target.join(' ')}: ${v.help}`));
}

async function shot(page: Page, name: string, selector = p5): Promise<void> {
  if (!shots) return;
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/${name}.png` });
}

describe('amendments under each paragraph', () => {
  it('opens: two people of the EU, the G77, a facilitator, and an observer at 390 px', async () => {
    const created = await importDraft(server, draft);
    negotiationId = created.id;
    facilitatorToken = new URL(created.url).searchParams.get('token') ?? '';
    await addDelegation(server, created.id, 'EU', 'European Union');
    await addDelegation(server, created.id, 'G77', 'Group of 77 and China');
    const [annaLink, benLink, g77Link, watcher] = await Promise.all([
      invite(server, created.id, { role: Role.delegation, delegation: 'EU', label: 'Anna' }),
      invite(server, created.id, { role: Role.delegation, delegation: 'EU', label: 'Ben' }),
      invite(server, created.id, { role: Role.delegation, delegation: 'G77' }),
      invite(server, created.id, { role: Role.observer }),
    ]);
    g77Token = g77Link.token;
    observerToken = watcher.token;
    [anna, g77, facilitator, observer] = await Promise.all([
      open(annaLink.url, { width: 1280, height: 900 }),
      open(g77Link.url, { width: 1280, height: 900 }),
      open(created.url, { width: 1280, height: 900 }),
      open(watcher.url, { width: 390, height: 800 }),
    ]);
    ben = await open(benLink.url, { width: 1280, height: 900 });
    reader = await open((await invite(server, created.id, { role: Role.observer, label: 'Reader' })).url, { width: 1280, height: 900 });
    watchers = [ben, g77, facilitator, observer];
    expect(await paragraphText(observer, `${p5} .para-host`)).toBe(original5);
    for (const page of [observer, reader]) await expectViews(page, { text: original5, lines: [], clean: original5, alternatives: 0 });
    // The observer may propose nothing: no Propose button anywhere.
    expect(await observer.locator('[data-testid="propose-button"]').count()).toBe(0);
  }, 60_000);

  it('the EU proposes new words for ¶5 and types them; everyone watches the redline grow', async () => {
    await anna.locator(p5).hover();
    await anna.locator(`${p5} [data-testid="propose-button"]`).click();
    const form = anna.locator(`${p5} [data-testid="propose-form"]`);
    await form.waitFor();
    await shot(anna, 'propose-form-1280');
    await form.locator('textarea').fill('Resilience is what the region asked for.');
    await form.locator('[data-testid="propose-submit"]').click();
    // The proposal starts as a copy of the paragraph, its editor takes Anna's caret.
    await anna.waitForSelector(`${euCard} .ProseMirror-focused`, live);
    for (const page of [...watchers, anna]) {
      await expect.poll(() => page.locator(`${euCard} [data-testid="proposal-status"]`).textContent(), live).toContain('pending');
    }
    await caretAfter(anna, 'capacity building');
    await anna.keyboard.type(annaTyped[0]);
    for (const page of watchers) await expect.poll(() => inserted(page), live).toBe(annaTyped[0].trim());
    await anna.keyboard.type(annaTyped[1]);
    for (const page of watchers) await expect.poll(() => inserted(page), live).toBe(annaWords);
    await expect.poll(() => g77.locator(`${euCard} [data-testid="proposal-rationale"]`).textContent(), live).toContain('Resilience is what the region asked for.');
    // The words are drawn in the EU's colour, and read as an insertion without colour.
    const style = await observer.$eval(`${euCard} ins`, (ins) => ({ decoration: getComputedStyle(ins).textDecorationLine, label: ins.querySelector('.visually-hidden')?.textContent }));
    expect(style).toEqual({ decoration: 'underline', label: 'inserted: ' });
    // The spaces at an insertion's edges stand outside its underline.
    const underlined = await observer.$$eval(`${euCard} ins`, (elements) =>
      elements.map((ins) => [...ins.childNodes].filter((node) => !(node instanceof Element && node.classList.contains('visually-hidden'))).map((node) => node.textContent).join('')),
    );
    expect(underlined.length).toBeGreaterThan(0);
    for (const words of underlined) expect(words).toBe(words.trim());
    // Pending: the compilation lists it under ¶5, the clean text has not moved.
    for (const page of [observer, reader]) await expectViews(page, { text: original5, lines: [euWordingAnna], clean: original5, alternatives: 0 });
  }, 60_000);

  it('a second person of the EU co-edits the same proposal, with a named caret', async () => {
    // The words show as a redline until opened: Ben opens them with the card's button.
    await ben.locator(`${euCard} [data-testid="proposal-edit-words"]`).click();
    await ben.waitForSelector(`${euCard} .ProseMirror[contenteditable="true"]`, live);
    await ben.$eval(`${euCard} .ProseMirror`, (element) => {
      const editor = (element as unknown as { editor: { commands: { focus: (at: string) => void } } }).editor;
      editor.commands.focus('end');
    });
    await ben.keyboard.press('Backspace');
    await ben.keyboard.type(benTyped);
    await expect.poll(() => anna.locator(`${euCard} .collaboration-carets__label`).allTextContents(), live).toContain('European Union (Ben)');
    for (const page of [anna, g77, observer]) {
      await expect.poll(() => inserted(page), live).toBe(`${annaWords}|${benWords}`);
    }
    // The reason is theirs to change too, while the proposal is pending.
    await ben.locator(`${euCard} .proposal-rationale-edit`).click();
    await ben.locator(`${euCard} .proposal-rationale-form textarea`).fill('Resilience is what the region asked for, and island States most of all.');
    await ben.locator(`${euCard} .proposal-rationale-form button[type="submit"]`).click();
    for (const page of [anna, g77, observer]) {
      await expect.poll(() => page.locator(`${euCard} [data-testid="proposal-rationale"]`).textContent(), live).toContain('island States most of all.');
    }
    // A reason left open is saved when focus leaves it, as the words are; Cancel drops a change.
    await ben.locator(`${euCard} .proposal-rationale-edit`).click();
    await ben.locator(`${euCard} .proposal-rationale-form textarea`).fill('Resilience is what the region asked for, island States most of all.');
    await ben.locator(`${euCard} .proposal-head`).click();
    for (const page of [anna, g77]) {
      await expect.poll(() => page.locator(`${euCard} [data-testid="proposal-rationale"]`).textContent(), live).toContain('asked for, island States most of all.');
    }
    await ben.locator(`${euCard} .proposal-rationale-edit`).click();
    await ben.locator(`${euCard} .proposal-rationale-form textarea`).fill('Dropped.');
    await ben.locator(`${euCard} .proposal-rationale-form button[type="button"]`).click();
    expect(await ben.locator(`${euCard} .proposal-rationale-form`).count()).toBe(0);
    expect(await ben.locator(`${euCard} [data-testid="proposal-rationale"]`).textContent()).toContain('asked for, island States most of all.');
    await shot(anna, 'proposal-coedit-1280');
    await shot(observer, 'proposal-redline-390');
    for (const page of [observer, reader]) await expectViews(page, { text: original5, lines: [euWording], clean: original5, alternatives: 0 });
  }, 60_000);

  it('the G77 cannot type in the EU’s proposal and is told why; it supports it with one click', async () => {
    expect(await g77.locator(`${euCard} [contenteditable="true"]`).count()).toBe(0);
    expect(await g77.locator(`${euCard} [data-testid="proposal-withdraw"]`).count()).toBe(0);
    await g77.locator(`${euCard} [data-testid="proposal-words"]`).click();
    await expect.poll(() => g77.locator(`${euCard} [data-testid="proposal-edit-refused"]`).textContent(), live).toContain('Only European Union’s delegation');
    // The EU cannot support its own proposal.
    expect(await anna.locator(`${euCard} [data-testid="proposal-support"]`).count()).toBe(0);
    await g77.locator(`${euCard} [data-testid="proposal-support"]`).click();
    for (const page of [anna, facilitator, observer]) {
      await expect.poll(() => page.locator(`${euCard} [data-testid="proposal-supporters"] [data-delegation]`).allTextContents(), live).toEqual(['G77Group of 77 and China']);
    }
    // The G77's own page hears of its support with the others, not before them: wait for it there too.
    await expect.poll(() => g77.locator(`${euCard} [data-testid="proposal-support"]`).getAttribute('aria-pressed'), live).toBe('true');
    // The G77 proposes other words of ¶5 too (over HTTP, as a script would): on the text as it reads now.
    const made = await sendCommand(server, negotiationId, g77Token, { type: 'propose', paragraphId: await paragraphId(g77, p5), kind: 'replace-text', text: g77Proposed, rationale: 'Stronger verb.' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    await expect.poll(() => observer.locator(`${g77Card} del`).count(), live).toBe(1);
    expect(await observer.locator(`${g77Card} [data-testid="proposal-stale"]`).count()).toBe(0);
    await shot(g77, 'proposal-supported-1280');
    // Both proposals stand under ¶5, the EU's with its supporter; the clean text has not moved; the export says the same.
    const supported = [`${euWording} (supported by G77)`, g77Wording];
    for (const page of [observer, reader]) await expectViews(page, { text: original5, lines: supported, clean: original5, alternatives: 0 });
    expect(await exportedParagraph(5)).toBe([`5. ${original5}`, ...supported].join('\n'));
  }, 60_000);

  it('the facilitator accepts it into brackets, then lifts the bracket; the observer sees each step and has no control', async () => {
    expect(await observer.locator('[data-testid="proposals"] button, [data-testid="proposals"] [contenteditable="true"]').count()).toBe(0);
    await facilitator.locator(`${euCard} [data-testid="proposal-accept-brackets"]`).click();
    for (const page of [anna, g77, observer]) {
      await expect.poll(() => page.locator(`${euCard} [data-testid="proposal-status"]`).textContent(), live).toContain('accepted into brackets');
      await expect.poll(() => page.locator(`${p5} .bracket-open`).count(), live).toBeGreaterThan(0);
    }
    // Decided: nobody types in it any more (Anna's editor is made read-only just after the card shows the
    // status), the G77's support button is gone, the facilitator may undo.
    await expect.poll(() => anna.locator(`${euCard} [contenteditable="true"]`).count(), live).toBe(0);
    await expect.poll(() => g77.locator(`${euCard} [data-testid="proposal-support"]`).count(), live).toBe(0);
    await facilitator.locator(`${euCard} [data-testid="proposal-undo"]`).waitFor();
    expect(await observer.locator('[data-testid="proposals"] button').count()).toBe(0);
    await shot(observer, 'accepted-into-brackets-390');
    await shot(facilitator, 'accepted-into-brackets-1280');
    // The EU's words are in the text, each insertion in brackets held by the EU and its supporter: no EU line
    // any more, and the G77's open proposal is still worded as its own change (never as deleting the EU's
    // words, which it was written before). The clean view lifts the
    // brackets; two insertions make no alternatives, so none is counted.
    const bracketed = `We will strengthen capacity building [${annaWords}] in developing countries[${benWords}].`;
    const g77Now = g77Wording;
    for (const page of [observer, reader]) {
      await expectViews(page, { text: bracketed, lines: [g77Now], clean: proposed5, alternatives: 0, holders: ['EU', 'G77', 'EU', 'G77'] });
    }
    expect(await exportedParagraph(5)).toBe([`5. ${bracketed}`, g77Now].join('\n'));

    while ((await facilitator.locator(`${p5} .bracket-close`).count()) > 0) {
      const before = await facilitator.locator(`${p5} .bracket-close`).count();
      await facilitator.locator(`${p5} .bracket-close .bracket-mark`).first().click();
      const menu = facilitator.locator(`${p5} [data-testid="bracket-menu"]`);
      await menu.waitFor();
      await menu.locator('[data-testid="bracket-lift"]').click();
      await expect.poll(() => facilitator.locator(`${p5} .bracket-close`).count(), live).toBeLessThan(before);
    }
    const adopted = 'We will strengthen capacity building and climate resilience in developing countries, including small island developing States.';
    expect(proposed5).toBe(adopted);
    for (const page of [anna, g77, observer, facilitator]) await expect.poll(() => drawn5(page), live).toBe(adopted);
    for (const page of [observer, reader]) {
      await expectViews(page, { text: adopted, lines: [g77Wording], clean: adopted, alternatives: 0, holders: [] });
    }
  }, 60_000);

  it('a proposal made on an earlier text says so; many proposals fold away behind “Show N more”', async () => {
    for (const page of [g77, observer, facilitator]) {
      await expect.poll(() => page.locator(`${g77Card} [data-testid="proposal-stale"]`).textContent(), live).toContain('Written on an earlier text of this paragraph');
    }
    // Its redline shows its own change to the text it was written on, not a deletion of the EU's words accepted since.
    const deleted = await observer.locator(`${g77Card} [data-testid="proposal-words"] del`).allTextContents();
    expect(deleted.map((words) => words.replace('deleted: ', '').replace('(end of deletion)', '').trim())).toEqual(['will']);
    const id6 = await paragraphId(facilitator, p6);
    for (const [i, code] of ['EU', 'G77', 'EU', 'G77', 'EU', 'G77'].entries()) {
      const answer = await sendCommand(server, negotiationId, facilitatorToken, { type: 'propose', paragraphId: id6, kind: 'comment', text: `Comment ${i + 1} on reporting.`, delegation: code });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    await expect.poll(() => observer.locator(`${p6} [data-testid="proposal"]`).count(), live).toBe(3);
    // Three cards show as soon as three proposals have arrived: wait for all six in the count.
    await expect.poll(() => observer.locator(`${p6} [data-testid="proposals-more"]`).textContent(), live).toBe('Show 3 more proposals');
    await observer.locator(`${p6} [data-testid="proposals-more"]`).click();
    await expect.poll(() => observer.locator(`${p6} [data-testid="proposal"]`).count(), live).toBe(6);
    await shot(observer, 'many-proposals-390', p6);
    for (const [page, where] of [[g77, p5], [facilitator, p5], [observer, p6]] as const) {
      expect(await seriousViolations(page, `${where} [data-testid="proposals"]`)).toEqual([]);
    }
    await shot(g77, 'proposals-p5-1280');
    // A delegation on a phone: the cards, the editor of its own proposal and the propose form fit 390 px.
    await g77.setViewportSize({ width: 390, height: 800 });
    await g77.locator(`${p6} [data-testid="propose-button"]`).click();
    await g77.locator(`${p6} [data-testid="propose-form"]`).waitFor();
    await shot(g77, 'propose-form-390', `${p6} [data-testid="propose-form"]`);
    expect(await g77.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await g77.keyboard.press('Escape');
    await g77.locator(`${p6} [data-testid="propose-form"]`).waitFor({ state: 'detached' });
    await shot(g77, 'own-proposal-390', g77Card);
    expect(await g77.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await g77.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('accepting a proposal that clashes with later edits shows where, and takes the facilitator’s choice', async () => {
    // A proposal of its own, whatever the steps before left: the G77 proposes “welcome” for “encourage” in ¶4.
    const made = await sendCommand(server, negotiationId, g77Token, { type: 'propose', paragraphId: await paragraphId(facilitator, p4), kind: 'replace-text', text: g77Proposed4, rationale: 'Warmer.' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const card = `${p4} [data-testid="proposal"][data-delegation="G77"]`;
    await facilitator.locator(`${card} [data-testid="proposal-accept"]`).waitFor(live);
    // Then the facilitator changes the very word it changes, “encourage” becomes “support”, and adds words of its own.
    await facilitator.locator(`${p4}[data-mounted="editor"]`).waitFor(live);
    await facilitator.$eval(`${p4} .para-text .ProseMirror`, (element) => {
      type Transaction = { insertText: (text: string, from: number, to?: number) => Transaction };
      type Editor = { state: { doc: { textContent: string }; tr: Transaction }; view: { dispatch: (tr: Transaction) => void }; commands: { focus: () => void } };
      const editor = (element as unknown as { editor: Editor }).editor;
      const text = editor.state.doc.textContent;
      // Text offsets are document positions less one (one paragraph); the later place first, in one change.
      const end = text.indexOf('sector') + 'sector'.length;
      const at = text.indexOf('encourage');
      editor.commands.focus();
      editor.view.dispatch(editor.state.tr.insertText(' and civil society', end + 1).insertText('support', at + 1, at + 1 + 'encourage'.length));
    });
    // The server holds the edit once another page shows it; the facilitator's page reads the clashes from its own copy.
    for (const page of [observer, facilitator]) await expect.poll(() => drawnText(page, p4), live).toBe(facilitator4);
    await facilitator.locator(`${card} [data-testid="proposal-accept"]`).click(live);
    const refusal = facilitator.locator(`${card} [data-testid="proposal-refusal"]`);
    await expect.poll(() => refusal.textContent(), live).toContain('clashes');
    const clashes = refusal.locator('[data-testid="proposal-clashes"]');
    expect(await clashes.locator('li').count()).toBe(1);
    expect(await clashes.locator('li').textContent()).toContain('now “support”');
    await shot(facilitator, 'accept-clash-1280', p4);
    await clashes.locator('li label', { hasText: 'take the proposal’s' }).locator('input').check(live);
    await clashes.locator('[data-testid="proposal-accept-resolved"]').click(live);
    for (const page of [g77, observer]) {
      await expect.poll(() => page.locator(`${card} [data-testid="proposal-status"]`).textContent(), live).toContain('accepted');
      await expect.poll(() => drawnText(page, p4), live).toBe(facilitator4.replace('support', 'welcome'));
    }
  }, 60_000);

  it('the G77 comments on ¶4 through the form: what it writes is the comment, on its card and in the compilation; withdrawing it asks first', async () => {
    await g77.locator(p4).hover();
    await g77.locator(`${p4} [data-testid="propose-button"]`).click();
    const form = g77.locator(`${p4} [data-testid="propose-form"]`);
    await form.waitFor();
    await form.locator('input[value="comment"]').check();
    // A comment is its words: they are asked for instead of a reason, and nothing goes without them.
    expect(await form.locator('textarea').count()).toBe(1);
    expect(await form.locator('[data-testid="propose-comment"]').isVisible()).toBe(true);
    expect(await form.locator('[data-testid="propose-submit"]').isDisabled()).toBe(true);
    await form.locator('[data-testid="propose-comment"]').fill('We can join on the understanding that\nthe private sector is not singled out.');
    await form.locator('[data-testid="propose-submit"]').click();
    await form.waitFor({ state: 'detached', ...live });
    const words = 'We can join on the understanding that the private sector is not singled out.';
    // One line of words, as a comment is one paragraph; the card shows them to everyone.
    for (const page of [g77, observer]) {
      await expect.poll(() => page.locator(`${p4} [data-testid="proposal"][data-delegation="G77"][data-status="pending"] [data-testid="proposal-words"]`).allTextContents(), live).toEqual([words]);
    }
    expect(await exportedParagraph(4)).toContain(`G77: comment: "${words}"`);
    // Withdrawing asks first, the focus on keeping it: Enter by habit keeps the comment.
    const comment = `${p4} [data-testid="proposal"][data-delegation="G77"][data-status="pending"]`;
    await g77.locator(`${comment} [data-testid="proposal-withdraw"]`).click();
    await g77.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'proposal-withdraw-cancel');
    await g77.keyboard.press('Enter');
    await g77.locator(`${comment} [data-testid="proposal-withdraw"]`).waitFor(live);
    expect(await g77.locator(comment).count()).toBe(1);
    await g77.locator(`${comment} [data-testid="proposal-withdraw"]`).click();
    await g77.locator(`${comment} [data-testid="proposal-withdraw-confirm"]`).click();
    for (const page of [g77, observer]) await expect.poll(() => page.locator(comment).count(), live).toBe(0);
    expect(await exportedParagraph(4)).not.toContain('G77: comment');
  }, 60_000);

  it('nothing scrolls sideways at 390 px', async () => {
    expect(await observer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

/** The id of the paragraph `selector` names on `page`. */
async function paragraphId(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).getAttribute('data-paragraph-id')) ?? '';
}
