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
 * Selects `words` in `paragraph`'s editor on `page` by dragging across them (dragAcross), from a caret the
 * editor already holds just before them (focused, when the editor takes typing). An editor taking the focus
 * from the press writes its own last selection back into the page a moment later (ProseMirror's focus
 * handler) when it has not yet read the press: on a loaded machine that lands mid-drag, and the drag then
 * runs from the old selection's start.
 */
export async function selectWords(page: Page, paragraph: string, words: string): Promise<void> {
  await page.locator(paragraph).scrollIntoViewIfNeeded(deskWait);
  await page.locator(`${paragraph}[data-mounted="editor"]`).waitFor(deskWait);
  const caret = await page.$eval(
    `${paragraph} .ProseMirror`,
    (element, wanted) => {
      type Node = { isText: boolean; text?: string; forEach: (f: (child: Node, offset: number) => void) => void };
      type Commands = { focus: (at: number, options: { scrollIntoView: boolean }) => void; setTextSelection: (at: number) => void };
      const editor = (element as unknown as { editor: { isEditable: boolean; state: { doc: { firstChild: Node } }; commands: Commands } }).editor;
      // The words' start as a document position: the paragraph's text nodes laid end to end (atoms hold no words).
      const texts: { at: number; pos: number }[] = [];
      let plain = '';
      editor.state.doc.firstChild.forEach((child, offset) => {
        if (!child.isText) return;
        texts.push({ at: plain.length, pos: 1 + offset });
        plain += child.text ?? '';
      });
      const at = plain.indexOf(wanted);
      const node = texts.filter((t) => t.at <= at).pop();
      if (at < 0 || !node) throw new Error(`no “${wanted}” in the paragraph's editor`);
      const pos = node.pos + at - node.at;
      // A reader's editor takes no focus: its own selection is what a late write-back would restore.
      if (editor.isEditable) editor.commands.focus(pos, { scrollIntoView: false });
      else editor.commands.setTextSelection(pos);
      return { pos, focus: editor.isEditable };
    },
    words,
  );
  const held = () =>
    page
      .$eval(
        `${paragraph} .ProseMirror`,
        (element, focus) => {
          const { view, state } = (element as unknown as { editor: { view: { hasFocus: () => boolean }; state: { selection: { from: number; to: number } } } }).editor;
          const dom = window.getSelection();
          const focused = view.hasFocus() && dom !== null && dom.isCollapsed && element.contains(dom.anchorNode);
          return (focused || !focus) && state.selection.from === state.selection.to ? state.selection.from : -1;
        },
        caret.focus,
      )
      .catch(() => -1);
  await expect.poll(held, { ...deskWait, message: `the editor's caret before “${words}”` }).toBe(caret.pos);
  // The drag is measured once, then pressed and moved: a line still moving (a resize settling, a caret
  // or a holder's name arriving) would end it on other letters.
  let before = '';
  await expect
    .poll(async () => {
      const now = await wordBoxes(page, paragraph, words);
      const still = now === before;
      before = now;
      return still;
    }, { ...deskWait, message: `“${words}” holding still on the page` })
    .toBe(true);
  await dragAcross(page, paragraph, words);
}

/** Where `words` are drawn in `paragraph`'s editor, two frames from now: their boxes, as a string to compare. */
function wordBoxes(page: Page, paragraph: string, words: string): Promise<string> {
  return page
    .$eval(
      `${paragraph} .ProseMirror`,
      async (element, wanted) => {
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        const texts: Text[] = [];
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!node.parentElement?.closest('.ProseMirror-widget')) texts.push(node as Text);
        const at = texts.map((t) => t.data).join('').indexOf(wanted);
        if (at < 0) return 'not found';
        const place = (index: number): [Text, number] => {
          let rest = index;
          for (const t of texts) {
            if (rest <= t.data.length) return [t, rest];
            rest -= t.data.length;
          }
          throw new Error('past the text');
        };
        const range = document.createRange();
        range.setStart(...place(at));
        range.setEnd(...place(at + wanted.length));
        return JSON.stringify([...range.getClientRects()].map((r) => [r.left, r.top, r.right, r.bottom]));
      },
      words,
    )
    .catch(() => 'not found');
}
