/**
 * The structural decisions of the desk, each one command: split at the caret, merge into the previous
 * paragraph, insert, delete, move (by a step or after another), with the caret and focus put back where
 * a person expects them afterwards.
 */
import * as Y from 'yjs';
import { paragraphCharacters, positionJson } from '../../../shared/model/bracket.ts';
import { ParagraphKind } from '../../../shared/model/paragraph.ts';
import { editorIn, hasParagraph, placeCaretAt, whenStructure } from './caret.ts';
import type { Desk } from './desk.ts';

/** Splits paragraph `id` at character `offset` (Enter); the caret goes to the start of the paragraph the server names. */
export async function splitParagraph(desk: Desk, id: string, offset: number): Promise<void> {
  const text = paragraphCharacters(desk.live.doc, id);
  if (!text) return;
  const at = positionJson(Y.createRelativePositionFromTypeIndex(text, Math.max(0, Math.min(offset, text.length)), 0));
  const result = await desk.send({ type: 'split-paragraph', paragraphId: id, at }, `Splitting ${desk.nameOf(id)}`);
  const focus = result?.focus;
  if (!focus) return;
  await whenStructure(desk.live, () => hasParagraph(desk.live, focus));
  placeCaretAt(desk.live, focus, 0);
}

/** Merges paragraph `id` into the one before it (Backspace at its start); the caret goes to the seam. */
export async function mergeParagraph(desk: Desk, id: string): Promise<void> {
  const result = await desk.send({ type: 'merge-paragraph', paragraphId: id }, `Merging ${desk.nameOf(id)}`);
  if (!result?.paragraphId) return;
  const into = result.paragraphId;
  // Placed once the merged words have arrived, or the seam would be the end of the text without them.
  await whenStructure(desk.live, () => !hasParagraph(desk.live, id));
  placeCaretAt(desk.live, into, Number(result.offset ?? 0));
}

/** Inserts an empty paragraph or heading after `afterId`; the caret goes into it. */
export async function insertAfter(desk: Desk, afterId: string | null, kind: ParagraphKind): Promise<void> {
  const result = await desk.send({ type: 'insert-paragraph', afterId, kind }, `Inserting a ${kind}`);
  const created = result?.paragraphId;
  if (!created) return;
  await whenStructure(desk.live, () => hasParagraph(desk.live, created));
  placeCaretAt(desk.live, created, 0);
}

/** Inserts one paragraph per text after `afterId`, in order (pasted paragraphs); stops at the first refusal. */
export async function addParagraphsAfter(desk: Desk, afterId: string, texts: readonly string[]): Promise<void> {
  let after = afterId;
  for (const text of texts) {
    const result = await desk.send({ type: 'insert-paragraph', afterId: after, kind: ParagraphKind.paragraph, text }, 'Adding a pasted paragraph');
    if (!result?.paragraphId) return;
    after = result.paragraphId;
  }
}

/** Deletes paragraph `id`. */
export async function deleteParagraph(desk: Desk, id: string): Promise<void> {
  await desk.send({ type: 'delete-paragraph', paragraphId: id }, `Deleting ${desk.nameOf(id)}`);
}

/** Moves paragraph `id` one place up (-1) or down (+1); nothing at either end. */
export async function moveBy(desk: Desk, id: string, direction: -1 | 1): Promise<void> {
  if (direction < 0) {
    if (desk.neighbour(id, -1) === undefined) return;
    await moveAfter(desk, id, desk.neighbour(id, -2) ?? null);
    return;
  }
  const next = desk.neighbour(id, 1);
  if (next !== undefined) await moveAfter(desk, id, next);
}

/** Moves paragraph `id` after `afterId` (null: to the top), keeping the focus on it if it had it. */
export async function moveAfter(desk: Desk, id: string, afterId: string | null): Promise<void> {
  if (afterId === id || desk.neighbour(id, -1) === (afterId ?? undefined)) return;
  const section = document.querySelector<HTMLElement>(`[data-paragraph-id="${CSS.escape(id)}"]`);
  const hadFocus = section?.contains(document.activeElement) ? document.activeElement : null;
  const editor = hadFocus ? editorIn(hadFocus) : null;
  const before = desk.slots().map((slot) => slot.id).join();
  const result = await desk.send({ type: 'move-paragraph', paragraphId: id, afterId }, `Moving ${desk.nameOf(id)}`);
  if (!result || !hadFocus) return;
  await whenStructure(desk.live, () => desk.slots().map((slot) => slot.id).join() !== before);
  // Reordering moves elements in the DOM, and a moved element loses the focus: give it back.
  requestAnimationFrame(() => {
    if (section?.contains(document.activeElement)) return;
    if (editor && !editor.isDestroyed) editor.commands.focus();
    else (hadFocus as HTMLElement).focus();
    section?.scrollIntoView({ block: 'nearest' });
  });
}
