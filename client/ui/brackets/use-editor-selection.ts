/**
 * The selection in a paragraph's editor as the bracket controls need it: plain-text offsets (trimmed of
 * spaces at the edges), the selected words, and where the toolbar hangs. It is kept while the focus moves
 * from the editor into the controls (Tab, a click), and dropped when it moves anywhere else.
 */
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { Editor } from '@tiptap/core';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { editorIn } from '../desk/caret.ts';
import { trimRange } from './bracket-words.ts';
import type { Anchor } from './floating.tsx';

/** A selection (or caret) in the paragraph's text. */
export interface ParagraphSelection {
  /** Plain-text offsets [from, to); equal for a caret. */
  from: number;
  to: number;
  /** The selected words, trimmed; '' for a caret or a selection of spaces. */
  words: string;
  anchor: Anchor;
}

/** The paragraph's current selection while its editor (or the controls in `wrapper`) has the focus; null otherwise. */
export function useEditorSelection(live: LiveNegotiation, paragraphId: string, wrapper: RefObject<HTMLElement | null>): ParagraphSelection | null {
  const [selection, setSelection] = useState<ParagraphSelection | null>(null);
  const focused = useSyncExternalStore(live.editors.subscribe, () => live.editors.getFocused() === paragraphId);

  useEffect(() => {
    if (!focused) return;
    const editor = editorIn(wrapper.current?.closest('section')?.querySelector('.ProseMirror') ?? null);
    if (!editor) return;
    const read = () => setSelection(readSelection(editor));
    const onBlur = ({ event }: { event: FocusEvent }) => {
      const next = event.relatedTarget instanceof Node ? event.relatedTarget : null;
      if (!next || !wrapper.current?.contains(next)) setSelection(null);
    };
    read();
    editor.on('selectionUpdate', read);
    editor.on('update', read);
    editor.on('blur', onBlur);
    return () => {
      editor.off('selectionUpdate', read);
      editor.off('update', read);
      editor.off('blur', onBlur);
    };
  }, [focused, wrapper]);

  // Focus leaving the controls for anywhere but the editor drops the selection too.
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget instanceof Node ? event.relatedTarget : null;
      if (next && (element.contains(next) || next instanceof Element && next.closest('.ProseMirror'))) return;
      setSelection(null);
    };
    element.addEventListener('focusout', onFocusOut);
    return () => element.removeEventListener('focusout', onFocusOut);
  }, [wrapper]);

  return selection;
}

function readSelection(editor: Editor): ParagraphSelection | null {
  if (editor.isDestroyed) return null;
  const { from, to } = editor.state.selection;
  const size = editor.state.doc.content.size - 2;
  const plain = editor.state.doc.textBetween(1, size + 1, '');
  const a = Math.max(0, Math.min(from - 1, size));
  const b = Math.max(0, Math.min(to - 1, size));
  const trimmed = a === b ? null : trimRange(plain, a, b);
  const range = trimmed ?? { from: a, to: a === b ? a : b };
  const view = editor.view;
  const end = view.coordsAtPos(range.to + 1, -1);
  const start = view.coordsAtPos(range.from + 1, 1);
  const anchor = { left: Math.abs(start.top - end.top) < 4 ? start.left : end.left - 48, bottom: end.bottom };
  return { from: range.from, to: range.to, words: trimmed ? plain.slice(trimmed.from, trimmed.to) : '', anchor };
}
