/**
 * The paragraph editors mounted right now, and which paragraph holds (or is about to receive) the caret.
 * A paragraph whose editor has the caret stays mounted when it scrolls away; a paragraph asked to take
 * the caret mounts its editor and takes it as soon as the editor exists.
 */
import type { Editor } from '@tiptap/core';

/** Where the caret goes in a paragraph that takes it: its start, its end, or the point under a click. */
export type CaretPlacement = 'start' | 'end' | { x: number; y: number };

type Listener = () => void;

/** Mounted editors by paragraph id, with the focus target as a subscribable value. */
export class EditorRegistry {
  private readonly editors = new Map<string, Editor>();
  private focused: string | null = null;
  private pending: { id: string; placement: CaretPlacement } | null = null;
  private readonly listeners = new Set<Listener>();

  /** The paragraph that must keep its editor mounted (caret inside, or caret requested), or null. */
  getFocusTarget = (): string | null => this.pending?.id ?? this.focused;

  /** Calls `listener` when the focus target changes; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Records a mounted editor; if the caret was requested for this paragraph, places it now. */
  register(id: string, editor: Editor): void {
    this.editors.set(id, editor);
    if (this.pending?.id === id) {
      const { placement } = this.pending;
      this.pending = null;
      placeCaret(editor, placement);
      this.emit();
    }
  }

  /** Forgets an editor that is being destroyed (only if it is still the registered one). */
  unregister(id: string, editor: Editor): void {
    if (this.editors.get(id) !== editor) return;
    this.editors.delete(id);
    if (this.focused === id) this.setFocused(id, false);
    // A destroyed editor clears the awareness caret even when another editor owns it: republish it.
    const focusedEditor = this.focused === null ? undefined : this.editors.get(this.focused);
    if (focusedEditor && !focusedEditor.isDestroyed) focusedEditor.view.dispatch(focusedEditor.state.tr);
  }

  /** Moves the caret into paragraph `id`, mounting its editor first if needed. */
  requestCaret(id: string, placement: CaretPlacement): void {
    const editor = this.editors.get(id);
    if (editor && !editor.isDestroyed) {
      placeCaret(editor, placement);
      return;
    }
    this.pending = { id, placement };
    this.emit();
  }

  /** Called by editors on focus (true) and blur (false). */
  setFocused(id: string, focused: boolean): void {
    const next = focused ? id : this.focused === id ? null : this.focused;
    if (next === this.focused) return;
    this.focused = next;
    this.emit();
  }

  /** The paragraph whose editor has the caret, or null. */
  getFocused(): string | null {
    return this.focused;
  }

  /** True when paragraph `id` has a mounted editor that takes typing (a reader's editors do not). */
  isEditable(id: string): boolean {
    const editor = this.editors.get(id);
    return editor !== undefined && !editor.isDestroyed && editor.isEditable;
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}

function placeCaret(editor: Editor, placement: CaretPlacement): void {
  if (!editor.isEditable) return;
  if (placement === 'start' || placement === 'end') {
    editor.commands.focus(placement);
    return;
  }
  const hit = editor.view.posAtCoords({ left: placement.x, top: placement.y });
  editor.commands.focus(hit ? hit.pos : 'end');
}
