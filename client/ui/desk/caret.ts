/**
 * Putting the caret where a structural command leaves it: the paragraph it names may not have arrived
 * through the websocket yet when the HTTP answer does, and its editor may not be mounted.
 */
import type { Editor, TiptapEditorHTMLElement } from '@tiptap/core';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';

const patienceMs = 5_000;

/** The mounted TipTap editor inside `element` (TipTap hangs it on its view's element), or null. */
export function editorIn(element: Element | null): Editor | null {
  const view = element?.closest('.ProseMirror') ?? element?.querySelector('.ProseMirror');
  const editor = (view as TiptapEditorHTMLElement | null | undefined)?.editor;
  return editor && !editor.isDestroyed ? editor : null;
}

/** Resolves once `ready()` holds for the document's structure (checked now and after each change), or after a few seconds. */
export function whenStructure(live: LiveNegotiation, ready: () => boolean): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((done) => {
    const finish = () => {
      unsubscribe();
      clearTimeout(timer);
      done();
    };
    const unsubscribe = live.store.subscribeStructure(() => ready() && finish());
    const timer = setTimeout(finish, patienceMs);
  });
}

/** True while paragraph `id` is in the document. */
export function hasParagraph(live: LiveNegotiation, id: string): boolean {
  return live.store.getStructure().slots.some((slot) => slot.id === id);
}

/** Puts the caret at character `offset` of paragraph `id`, mounting its editor if needed. */
export function placeCaretAt(live: LiveNegotiation, id: string, offset: number): void {
  live.editors.requestCaret(id, 'start');
  const until = performance.now() + patienceMs;
  const attempt = () => {
    const editor = editorIn(document.querySelector(`[data-paragraph-id="${CSS.escape(id)}"]`));
    // Once the editor is there, place the caret ourselves: the registry's request may have been spent on
    // an editor that was still being attached, leaving the focus where it was.
    if (editor?.isEditable) {
      // Position 0 is before the paragraph; its first character is at 1.
      editor.commands.focus(offset + 1);
      if (live.editors.getFocused() === id || performance.now() >= until) return;
    }
    if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
