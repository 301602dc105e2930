/**
 * One drag selects bracketed words, in a real browser on the real server: a facilitator whose paragraph
 * editor does not have the focus presses the mouse on words already inside a bracket and drags across them;
 * the page then holds exactly those words selected and offers the bracket's toolbar for them. The same with
 * the editor focused, and for words inside a longer bracket. The hand holds still a moment after the press
 * (dragOnce): the editor has read the press as a caret before the drag, and must not move that caret back
 * across the "[" while the mouse is down, or Chrome drops the drag and a person has to drag a second time.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { anchorRange, paragraphCharacters, Stance } from '../../shared/model/bracket.ts';
import { characterString } from '../../shared/brackets/read-brackets.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { openPerson } from '../helpers/browser.ts';
import { browserPerFile } from '../helpers/browser-per-file.ts';
import { closeWhatIsOpen, deskWait, dragOnce, drawnBrackets, selectedText } from '../helpers/desk-page.ts';
import type { TestServer } from '../helpers/server.ts';
import { connectClient } from '../helpers/yjs-client.ts';

let server: TestServer;
let browser: Browser;
const file = browserPerFile((s, b) => {
  server = s;
  browser = b;
});

const p2 = '[data-paragraph-number="2"]';
const p3 = '[data-paragraph-number="3"]';
const bracketed = 'sharing data';
const inside = 'capacity building';

/** True when the paragraph's editor has the focus. */
function editorFocused(page: Page, paragraph: string): Promise<boolean> {
  return page.$eval(`${paragraph} .ProseMirror`, (element) => element === document.activeElement);
}

/** A negotiation of the small draft with each span's words bracketed for EU through the API, and a facilitator's page on it. */
async function facilitatorWithBrackets(spans: { paragraph: string; words: string }[]): Promise<Page> {
  const { id: negotiationId } = await importDraft(server, smallDraft);
  await addDelegation(server, negotiationId, 'EU', 'European Union');
  const chair = await invite(server, negotiationId, { role: Role.facilitator, label: 'Chair' });
  const copy = connectClient(server, negotiationId, chair.token);
  file.clients.push(copy);
  await expect.poll(() => copy.provider.synced, { ...deskWait, message: 'a Node copy of the document synced' }).toBe(true);
  const person = await openPerson(browser);
  file.people.push(person);
  const { page } = person;
  await page.goto(chair.url);
  for (const { paragraph, words } of spans) {
    await page.locator(`${paragraph}[data-mounted="editor"]`).waitFor(deskWait);
    const paragraphId = (await page.locator(paragraph).getAttribute('data-paragraph-id')) as string;
    const text = paragraphCharacters(copy.doc, paragraphId);
    if (!text) throw new Error(`no text for ${paragraph} in the Node copy`);
    const from = characterString(text).indexOf(words);
    expect(from, `“${words}” in ${paragraph}`).toBeGreaterThanOrEqual(0);
    const command = { type: 'add-bracket', paragraphId, ...anchorRange(text, from, from + words.length), holders: [{ delegation: 'EU', stance: Stance.propose }] };
    const answer = await sendCommand(server, negotiationId, chair.token, command);
    expect(answer.status, answer.body.error ?? '').toBe(200);
  }
  return page;
}

describe('dragging across bracketed words in an editor without the focus', () => {
  it('selects exactly the bracket’s words with one drag and shows its toolbar', async () => {
    const page = await facilitatorWithBrackets([{ paragraph: p2, words: bracketed }]);
    await expect.poll(() => drawnBrackets(page, p2), deskWait).toEqual([`[${bracketed}EU]`]);
    await closeWhatIsOpen(page);
    expect(await editorFocused(page, p2)).toBe(false);

    await dragOnce(page, p2, bracketed);
    await expect.poll(() => selectedText(page), { ...deskWait, message: `the words selected after one drag across “${bracketed}”` }).toBe(bracketed);
    expect(await editorFocused(page, p2)).toBe(true);
    const toolbar = page.locator(`${p2} [data-testid="bracket-toolbar"]`);
    await expect.poll(() => toolbar.locator('[data-testid="bracket-edit"]').textContent().catch(() => null), deskWait).toBe(`Edit bracket “${bracketed}”`);
    expect(await toolbar.locator('[data-testid="bracket-start"]').textContent()).toBe('Bracket…');
  });

  it('selects them with one drag in an editor that has the focus too', async () => {
    const page = await facilitatorWithBrackets([{ paragraph: p2, words: bracketed }]);
    await expect.poll(() => drawnBrackets(page, p2), deskWait).toEqual([`[${bracketed}EU]`]);
    await closeWhatIsOpen(page);
    await page.locator(`${p2} .ProseMirror`).focus();
    await expect.poll(() => editorFocused(page, p2), deskWait).toBe(true);

    await dragOnce(page, p2, bracketed);
    await expect.poll(() => selectedText(page), { ...deskWait, message: `the words selected after one drag across “${bracketed}”` }).toBe(bracketed);
    await page.locator(`${p2} [data-testid="bracket-edit"]`).waitFor(deskWait);
  });

  it('selects words inside a longer bracket with one drag, the bracket offered for them', async () => {
    const page = await facilitatorWithBrackets([{ paragraph: p3, words: `strengthen ${inside} in developing` }]);
    await expect.poll(() => drawnBrackets(page, p3), deskWait).toEqual([`[strengthen ${inside} in developingEU]`]);
    await closeWhatIsOpen(page);
    expect(await editorFocused(page, p3)).toBe(false);

    await dragOnce(page, p3, inside);
    await expect.poll(() => selectedText(page), { ...deskWait, message: `the words selected after one drag across “${inside}”` }).toBe(inside);
    await page.locator(`${p3} [data-testid="bracket-start"]`).waitFor(deskWait);
  });
});
