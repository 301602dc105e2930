/**
 * The keys of one paragraph, caught on its section before the editor inside sees them: Enter starts
 * editing (on the section) or splits at the caret (in the text), Backspace at the very start merges into
 * the paragraph before, Alt+Shift+ArrowUp/Down moves it, Shift+F10 opens its actions, Escape leaves the
 * editor. Only facilitators' keys do anything structural; for others the section is a place to read.
 */
import type { KeyboardEvent } from 'react';
import type { ParagraphKind } from '../../../shared/model/paragraph.ts';
import { editorIn } from './caret.ts';
import type { Desk } from './desk.ts';
import { mergeParagraph, moveBy, splitParagraph } from './structure-actions.ts';

/** The keys, as shown in help text and aria-keyshortcuts. */
export const structureKeys = {
  edit: 'Enter',
  split: 'Enter',
  merge: 'Backspace',
  moveUp: 'Alt+Shift+ArrowUp',
  moveDown: 'Alt+Shift+ArrowDown',
  tools: 'Shift+F10',
} as const;

/** What the handler needs of its paragraph. */
export interface ParagraphKeyContext {
  desk: Desk;
  id: string;
  kind: ParagraphKind;
  /** Agreed or agreed ad ref: no edits. */
  locked: boolean;
  /** Shows why the paragraph takes no edits. */
  explainLocked: () => void;
  /** Opens the paragraph's actions and focuses the first one. */
  openTools: () => void;
}

/** The section's capture-phase keydown handler. */
export function handleParagraphKey(event: KeyboardEvent<HTMLElement>, context: ParagraphKeyContext): void {
  const { desk, id, locked } = context;
  if (!desk.facilitator || event.defaultPrevented || event.nativeEvent.isComposing) return;
  const target = event.target as HTMLElement;
  const onSection = target === event.currentTarget;
  const editor = onSection ? null : editorIn(target);
  if (!onSection && !editor) return;
  const plain = !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
  const handled = () => {
    event.preventDefault();
    event.stopPropagation();
  };

  if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    handled();
    void moveBy(desk, id, event.key === 'ArrowUp' ? -1 : 1);
    return;
  }
  if ((event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') {
    handled();
    context.openTools();
    return;
  }

  if (onSection) {
    if (event.key === 'Enter' && plain) {
      handled();
      if (locked) context.explainLocked();
      else desk.live.editors.requestCaret(id, 'end');
    } else if (locked && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      context.explainLocked();
    }
    return;
  }

  if (!editor) return;
  if (event.key === 'Escape' && plain) {
    handled();
    (event.currentTarget as HTMLElement).focus();
    return;
  }
  if (locked || !editor.isEditable) return;
  const { selection } = editor.state;
  if (event.key === 'Enter' && plain) {
    handled();
    // Position 0 is before the paragraph; its characters start at 1.
    void splitParagraph(desk, id, selection.from - 1);
    return;
  }
  if (event.key === 'Backspace' && plain && selection.empty && selection.from <= 1) {
    const previous = desk.neighbour(id, -1);
    const previousSlot = desk.slots().find((slot) => slot.id === previous);
    if (!previousSlot) return;
    handled();
    if (previousSlot.kind !== context.kind) {
      desk.say(`${desk.nameOf(id)} cannot merge into ${desk.nameOf(previousSlot.id)}: a heading merges only with a heading, a paragraph with a paragraph.`);
      return;
    }
    void mergeParagraph(desk, id);
  }
}
