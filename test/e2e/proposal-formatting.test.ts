/**
 * A proposal that changes only formatting, in Chromium on the real server: the EU italicises a title in its
 * proposal's editor on its own page (Ctrl+I), G77 takes the bold off a word through its Yjs client; the
 * facilitator (1280 px) and an observer (390 px) see each card mark the words whose formatting changed and
 * say how ("italic added", "bold removed"), distinct from insertions and deletions, and the compilation
 * words them (`italicise "Sendai Framework"`). A word the facilitator emboldens afterwards is not read as the
 * proposals taking the bold back, and accepting one keeps it; once the paragraph's words move on, a card still
 * shows its formatting against the text it was written on. Screenshots go to SHOTS_DIR (default
 * /tmp/proposal-formatting).
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { getProposalText } from '../../shared/model/proposal.ts';
import * as Y from 'yjs';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand } from '../helpers/api.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient, waitFor } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const shots = process.env.SHOTS_DIR ?? '/tmp/proposal-formatting';
mkdirSync(shots, { recursive: true });
const live = { timeout: 10_000 };
const p1 = '[data-paragraph-number="1"]';
const card = (delegation: string) => `${p1} [data-testid="proposal"][data-delegation="${delegation}"]`;

const draft = `Test Declaration on Disaster Risk
Zero draft

1. We recall the Sendai Framework for Disaster Risk Reduction 2015–2030 and **reaffirm** our commitment to its targets.

2. We will strengthen early warning systems in developing countries.
`;

let negotiationId: string;
let tokens: Record<string, string>;
let paragraphId: string;
let g77Id: string;
let facilitator: Page;
let eu: Page;
let observer: Page;

async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  file.people.push({ context, page });
  await page.goto(url);
  await page.waitForSelector(`${p1} .para-text`);
  return page;
}

async function command(token: string, body: Record<string, unknown>): Promise<Record<string, string>> {
  const answer = await sendCommand(server, negotiationId, token, body);
  expect(answer.status, answer.body.error).toBe(200);
  return answer.body.result ?? {};
}

/** The reformatted pieces of a delegation's card: their words (without the spoken labels and the note) and what changed. */
function reformatted(page: Page, delegation: string): Promise<string[][]> {
  return page.$$eval(`${card(delegation)} [data-testid="proposal-reformatted"]`, (nodes) =>
    nodes.map((node) => {
      const copy = node.cloneNode(true) as Element;
      copy.querySelectorAll('.visually-hidden, .proposal-reformatted-note').forEach((label) => label.remove());
      return [(copy.textContent ?? '').trim(), node.getAttribute('title') ?? ''];
    }),
  );
}

/** Insertions and deletions in a delegation's card. */
const wordChanges = (page: Page, delegation: string) => page.locator(`${card(delegation)} [data-testid="proposal-redline"] :is(ins, del)`).count();
const linesOf = (page: Page) => page.locator(`[data-compilation-paragraph="1"] [data-testid="compilation-line"]`).allTextContents();

describe('a proposal that changes only formatting', () => {
  it('is made: the EU italicises a title on its page, G77 takes the bold off a word through Yjs', async () => {
    const created = await importDraft(server, draft);
    negotiationId = created.id;
    await addDelegation(server, negotiationId, 'EU', 'European Union');
    await addDelegation(server, negotiationId, 'G77', 'Group of 77 and China');
    const [euInvite, g77Invite, observerInvite] = await Promise.all([
      invite(server, negotiationId, { role: Role.delegation, delegation: 'EU' }),
      invite(server, negotiationId, { role: Role.delegation, delegation: 'G77' }),
      invite(server, negotiationId, { role: Role.observer }),
    ]);
    tokens = { facilitator: new URL(created.url).searchParams.get('token') as string, EU: euInvite.token, G77: g77Invite.token };
    facilitator = await open(created.url, { width: 1280, height: 900 });
    eu = await open(euInvite.url, { width: 1280, height: 900 });
    observer = await open(observerInvite.url, { width: 390, height: 800 });
    paragraphId = (await facilitator.locator(p1).getAttribute('data-paragraph-id')) as string;
    // The imported paragraph carries its bold word.
    expect(await facilitator.locator(`${p1} .para-text strong`).allTextContents()).toEqual(['reaffirm']);

    // Both start as copies of the paragraph: the same words, the same formatting.
    const euId = (await command(tokens.EU as string, { type: 'propose', paragraphId, kind: 'replace-text' })).proposalId as string;
    g77Id = (await command(tokens.G77 as string, { type: 'propose', paragraphId, kind: 'replace-text' })).proposalId as string;
    await expect.poll(() => facilitator.locator(`${card('G77')} .proposal-redline-note`).textContent(), live).toContain('no change yet');

    // The EU opens its words, selects the title and presses Ctrl+I.
    await eu.locator(`${card('EU')} [data-testid="proposal-edit-words"]`).click();
    await eu.waitForSelector(`${card('EU')} .ProseMirror[contenteditable="true"]`, live);
    await eu.$eval(`${card('EU')} .ProseMirror`, (element) => {
      const editor = (element as unknown as { editor: { state: { doc: { textContent: string } }; commands: { focus: () => void; setTextSelection: (range: { from: number; to: number }) => void } } }).editor;
      const from = editor.state.doc.textContent.indexOf('Sendai Framework') + 1;
      editor.commands.focus();
      editor.commands.setTextSelection({ from, to: from + 'Sendai Framework'.length });
    });
    await eu.keyboard.press('Control+i');
    await eu.locator(`${card('EU')} [data-testid="proposal-edit-done"]`).click();

    // G77 writes its proposal's text as its editor would: the bold attribute taken off "reaffirm".
    const g77 = connectClient(server, negotiationId, tokens.G77 as string);
    file.clients.push(g77);
    await g77.synced;
    await waitFor(g77.doc, () => getProposalText(g77.doc, g77Id) !== undefined, 5_000, 'the G77 proposal');
    const text = (getProposalText(g77.doc, g77Id)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    // toString() would write the marks as tags: the plain words are the delta's.
    const words = (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('');
    const at = words.indexOf('reaffirm');
    text.format(at, 'reaffirm'.length, { bold: null });
    expect(euId).not.toBe('');
  }, 60_000);

  it('the facilitator (1280 px) sees each card mark the reformatted words and say how, with no insertion or deletion', async () => {
    await expect.poll(() => reformatted(facilitator, 'EU'), live).toEqual([['Sendai Framework', 'italic added']]);
    await expect.poll(() => reformatted(facilitator, 'G77'), live).toEqual([['reaffirm', 'bold removed']]);
    for (const delegation of ['EU', 'G77']) {
      expect(await wordChanges(facilitator, delegation)).toBe(0);
      expect(await facilitator.locator(`${card(delegation)} .proposal-redline-note`).count()).toBe(0);
    }
    // Drawn as it would read (italic), boxed apart from insertions (underlined) and deletions (struck), said to screen readers.
    const look = await facilitator.$eval(`${card('EU')} [data-testid="proposal-reformatted"]`, (piece) => {
      const style = getComputedStyle(piece);
      return {
        fontStyle: style.fontStyle,
        border: style.borderTopStyle,
        decoration: style.textDecorationLine,
        spoken: piece.querySelector('.visually-hidden')?.textContent,
        note: piece.querySelector('.proposal-reformatted-note')?.textContent,
      };
    });
    expect(look).toEqual({ fontStyle: 'italic', border: 'dashed', decoration: 'none', spoken: 'formatting changed, italic added: ', note: 'italic added' });
    // The word the G77 unbolds reads in its new weight; the EU card still draws it bold, unchanged.
    expect(await facilitator.$eval(`${card('G77')} [data-testid="proposal-reformatted"]`, (piece) => Number(getComputedStyle(piece).fontWeight))).toBeLessThan(600);
    expect(await facilitator.locator(`${card('EU')} .redline-bold`).allTextContents()).toEqual(['reaffirm']);
    await facilitator.locator(p1).scrollIntoViewIfNeeded();
    await facilitator.locator(p1).screenshot({ path: `${shots}/proposal-formatting-1280.png` });
  }, 60_000);

  it('an observer at 390 px reads the same without sideways scroll', async () => {
    await expect.poll(() => reformatted(observer, 'EU'), live).toEqual([['Sendai Framework', 'italic added']]);
    expect(await reformatted(observer, 'G77')).toEqual([['reaffirm', 'bold removed']]);
    expect(await observer.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await observer.locator(p1).scrollIntoViewIfNeeded();
    await observer.locator(p1).screenshot({ path: `${shots}/proposal-formatting-390.png` });
  }, 60_000);

  it('the compilation words each change of formatting', async () => {
    await facilitator.check('[data-testid="view-compilation"]');
    await facilitator.waitForSelector('[data-testid="compilation-view"]');
    await expect.poll(() => linesOf(facilitator), live).toEqual(['EU: italicise "Sendai Framework"', 'G77: remove bold from "reaffirm"']);
    await facilitator.check('[data-testid="view-text"]');
  }, 60_000);

  it('a word the facilitator emboldens afterwards is not read as the proposals taking the bold back, and accepting keeps it', async () => {
    // A comment that repeats the paragraph's words is words of its own: the paragraph's formatting never shows in it.
    const commentId = (await command(tokens.G77 as string, { type: 'propose', paragraphId, kind: 'comment', text: 'We value the commitment to its targets.' })).proposalId as string;
    const comment = `[data-proposal-id="${commentId}"]`;
    await facilitator.waitForSelector(`${comment} [data-testid="proposal-redline"]`, live);
    const chair = connectClient(server, negotiationId, tokens.facilitator as string);
    file.clients.push(chair);
    await chair.synced;
    const characters = (getParagraphText(chair.doc, paragraphId)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const words = (characters.toDelta() as { insert: string }[]).map((op) => op.insert).join('');
    characters.format(words.indexOf('targets'), 'targets'.length, { bold: {} });
    await expect.poll(() => facilitator.locator(`${p1} .para-text strong`).allTextContents(), live).toEqual(['reaffirm', 'targets']);
    // Each card still shows its own change alone, and draws the new bold as the paragraph now has it.
    await expect.poll(() => facilitator.locator(`${card('EU')} .redline-bold`).allTextContents(), live).toEqual(['reaffirm', 'targets']);
    expect(await reformatted(facilitator, 'EU')).toEqual([['Sendai Framework', 'italic added']]);
    expect(await reformatted(facilitator, 'G77')).toEqual([['reaffirm', 'bold removed']]);
    expect(await reformatted(observer, 'EU')).toEqual([['Sendai Framework', 'italic added']]);
    expect(await facilitator.locator(`${comment} [data-testid="proposal-redline"] .redline-bold`).count()).toBe(0);
    // A chair takes note of a comment: so its button says, and so its card reads afterwards.
    const note = facilitator.locator(`${comment} [data-testid="proposal-accept"]`);
    expect(await note.textContent()).toBe('Take note');
    await note.click();
    await expect.poll(() => observer.locator(`${comment} [data-testid="proposal-status"]`).textContent(), live).toBe(', status: noted');
    await command(tokens.facilitator as string, { type: 'accept-proposal', proposalId: await facilitator.locator(card('EU')).getAttribute('data-proposal-id') });
    await expect.poll(() => facilitator.locator(`${p1} .para-text em`).allTextContents(), live).toEqual(['Sendai Framework']);
    expect(await facilitator.locator(`${p1} .para-text strong`).allTextContents()).toEqual(['reaffirm', 'targets']);
    // The paragraph's words move on: the G77 card, now written on an earlier text, still shows its change of formatting against that text.
    characters.insert(words.indexOf('commitment'), 'full ');
    await expect.poll(() => facilitator.locator(`[data-proposal-id="${g77Id}"] [data-testid="proposal-stale"]`).count(), live).toBe(1);
    expect(await reformatted(facilitator, 'G77')).toEqual([['reaffirm', 'bold removed']]);
    await facilitator.locator(`[data-proposal-id="${g77Id}"]`).screenshot({ path: `${shots}/proposal-formatting-stale-1280.png` });
  }, 60_000);
});
