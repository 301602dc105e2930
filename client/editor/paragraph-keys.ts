/**
 * Keys of a paragraph editor: one app-level undo over every paragraph (instead of the Collaboration
 * extension's per-editor undo, which is lost when the editor unmounts), Enter kept inside the paragraph,
 * and the arrow keys moving on to the neighbouring paragraph at the text's edges.
 */
import { Extension } from '@tiptap/core';

/** What the keys call out to; each returns true when it handled the key. */
export interface ParagraphKeysOptions {
  undo: () => boolean;
  redo: () => boolean;
  /** Moves the caret to the previous (-1) or next (+1) paragraph; false when there is none. */
  leave: (direction: -1 | 1) => boolean;
}

/** TipTap extension with the paragraph editor's keys; its priority puts it before Collaboration's undo keys. */
export const ParagraphKeys = Extension.create<ParagraphKeysOptions>({
  name: 'paragraphKeys',
  priority: 1100,

  addOptions() {
    return { undo: () => false, redo: () => false, leave: () => false };
  },

  addKeyboardShortcuts() {
    const atStart = () => this.editor.state.selection.empty && this.editor.state.selection.from <= 1;
    const atEnd = () =>
      this.editor.state.selection.empty && this.editor.state.selection.to >= this.editor.state.doc.content.size - 1;
    return {
      // A paragraph is one block: splitting it into two paragraphs is a structural edit, not typing.
      Enter: () => true,
      'Shift-Enter': () => true,
      'Mod-Enter': () => true,
      // Always handled, so the per-editor undo of the Collaboration extension never runs.
      'Mod-z': () => (this.options.undo(), true),
      'Shift-Mod-z': () => (this.options.redo(), true),
      'Mod-y': () => (this.options.redo(), true),
      ArrowUp: () => this.editor.view.endOfTextblock('up') && this.options.leave(-1),
      ArrowDown: () => this.editor.view.endOfTextblock('down') && this.options.leave(1),
      ArrowLeft: () => atStart() && this.options.leave(-1),
      ArrowRight: () => atEnd() && this.options.leave(1),
    };
  },
});
