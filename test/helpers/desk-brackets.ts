/**
 * Brackets on the three-role desk (test/helpers/roles-desk.ts) for browser tests: a paragraph's brackets as
 * the server holds them, made exactly what a step starts from through the facilitator's token, positions
 * read from an honest Node copy of the text, and the "Bracket…" button pressed only once the editor itself
 * holds the words selected.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { characterString } from '../../shared/brackets/read-brackets.ts';
import { anchorRange, paragraphCharacters, Stance } from '../../shared/model/bracket.ts';
import type { NegotiationResponse } from '../../shared/protocol/api.ts';
import { getJson, sendCommand } from './api.ts';
import { deskWait, dragAcross, drawnBracketIds } from './desk-page.ts';
import type { RolesDesk } from './roles-desk.ts';
import { connectClient } from './yjs-client.ts';

/** A bracket a step starts from: its words and its holders' codes (all proposing), in reading order. */
export interface WantedBracket {
  words: string;
  holders: string[];
}

/** Paragraph `number`'s brackets as the server holds them, in reading order. */
export async function serverBrackets(desk: RolesDesk, number: string): Promise<BracketSnapshot[]> {
  const { body } = await getJson<NegotiationResponse>(desk.server, `/api/negotiations/${desk.negotiationId}`);
  return body.paragraphs.find((paragraph) => paragraph.id === desk.ids[number])?.brackets ?? [];
}

/**
 * The start and end of `words` in paragraph `number`, as anchors for add-bracket, read from an honest Node
 * copy of the document connected with `token` and synced (closed again before it resolves).
 */
export async function anchorsOf(desk: RolesDesk, number: string, token: string, words: string) {
  const copy = connectClient(desk.server, desk.negotiationId, token);
  try {
    await expect.poll(() => copy.provider.synced, { ...deskWait, message: 'a Node copy of the document synced' }).toBe(true);
    const text = paragraphCharacters(copy.doc, desk.ids[number] as string);
    if (!text) throw new Error(`¶${number} has no text in the Node copy`);
    const from = characterString(text).indexOf(words);
    expect(from, `“${words}” in ¶${number}`).toBeGreaterThan(0);
    return anchorRange(text, from, from + words.length);
  } finally {
    copy.destroy();
  }
}

/** Sends `command` with the facilitator's token; fails the step when the server refuses it. */
async function facilitatorSends(desk: RolesDesk, command: Record<string, unknown>): Promise<void> {
  const answer = await sendCommand(desk.server, desk.negotiationId, desk.facilitatorToken, command);
  expect(answer.status, `the facilitator's ${String(command.type)} through the API: ${answer.body.error ?? ''}`).toBe(200);
}

const matches = (bracket: BracketSnapshot, wanted: WantedBracket, grouped: boolean) =>
  bracket.text === wanted.words && bracket.holders.map((h) => h.delegation).join() === wanted.holders.join() && bracket.holders.every((h) => h.stance === Stance.propose) && (bracket.alternative !== null) === grouped;

/**
 * Makes paragraph `number`'s brackets exactly `wanted` (grouped as alternatives when `grouped`), whatever
 * the steps before left: brackets that differ are lifted (their words stay), missing ones added, through
 * the facilitator's token; a paragraph already as wanted is left alone. Resolves with the brackets' ids in
 * reading order once the facilitator's page draws exactly them.
 */
export async function bracketsExactly(desk: RolesDesk, number: string, wanted: WantedBracket[], grouped = false): Promise<string[]> {
  const held = await serverBrackets(desk, number);
  const kept = held.filter((bracket) => wanted.some((w) => matches(bracket, w, grouped)));
  const groups = new Set(kept.map((bracket) => bracket.group));
  const whole = kept.length === wanted.length && wanted.every((w) => kept.some((bracket) => matches(bracket, w, grouped))) && (!grouped || groups.size === 1);
  for (const bracket of held) if (!whole || !kept.includes(bracket)) await facilitatorSends(desk, { type: 'lift-bracket', bracketId: bracket.id });
  if (!whole) {
    for (const { words, holders } of wanted) {
      const anchors = await anchorsOf(desk, number, desk.facilitatorToken, words);
      await facilitatorSends(desk, { type: 'add-bracket', paragraphId: desk.ids[number], ...anchors, holders: holders.map((delegation) => ({ delegation, stance: Stance.propose })) });
    }
    const added = await serverBrackets(desk, number);
    if (grouped) await facilitatorSends(desk, { type: 'group-alternatives', bracketIds: added.map((bracket) => bracket.id) });
  }
  const ids = (await serverBrackets(desk, number)).map((bracket) => bracket.id);
  expect(ids, `¶${number}'s brackets after setting them`).toHaveLength(wanted.length);
  await expect.poll(() => drawnBracketIds(desk.facilitator, `[data-paragraph-number="${number}"]`), { ...deskWait, message: `¶${number}'s brackets on the facilitator's page` }).toEqual(ids);
  return ids;
}

/**
 * Presses "Bracket…" under `words`, selected in `paragraph`'s editor on `page`, and resolves once the picker
 * is open for exactly those words. The toolbar takes the words from the editor's own selection, which follows
 * the page's selection only when the browser reports the change (a moment after the mouse is released, longer
 * on a loaded machine): pressed before, it would bracket the words selected halfway through the drag.
 */
export async function startBracket(page: Page, paragraph: string, words: string): Promise<void> {
  const editorSelection = () =>
    page
      .$eval(`${paragraph} .ProseMirror`, (element) => {
        const { state } = (element as unknown as { editor: { state: { selection: { from: number; to: number }; doc: { textBetween: (from: number, to: number, separator: string) => string } } } }).editor;
        return state.doc.textBetween(state.selection.from, state.selection.to, '').trim();
      })
      .catch(() => null);
  await expect.poll(editorSelection, { ...deskWait, message: "the words selected in the editor's own state" }).toBe(words);
  await page.locator(`${paragraph} [data-testid="bracket-start"]`).click(deskWait);
  const picker = page.locator(`${paragraph} [data-testid="bracket-picker"]`);
  await expect.poll(() => picker.getAttribute('aria-label').catch(() => null), { ...deskWait, message: 'the words the bracket picker is open for' }).toBe(`Bracket “${words}”`);
}

/**
 * Selects `words` in `paragraph`'s editor on `page` by dragging across them (dragAcross: from the editor's own
 * caret put just before them, focused when it takes typing, once they hold still on the page).
 */
export async function selectWords(page: Page, paragraph: string, words: string): Promise<void> {
  await dragAcross(page, paragraph, words);
}
