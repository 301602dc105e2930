/**
 * Loads the editor code (TipTap, ProseMirror, the Yjs binding) in its own chunk, once, while the static
 * text is already on screen. A plain subscribable value rather than React.lazy: a Suspense fallback swap
 * per paragraph cost layout jumps when many editors arrive in one frame.
 */
import type { ParagraphEditorProps } from './paragraph-editor.tsx';

/** The editor component, once its chunk has arrived. */
export type ParagraphEditorComponent = React.ComponentType<ParagraphEditorProps>;

let loaded: ParagraphEditorComponent | null = null;
let loading: Promise<ParagraphEditorComponent> | null = null;
const listeners = new Set<() => void>();

/** Starts loading the editor chunk (idempotent); resolves with the component. */
export function loadParagraphEditor(): Promise<ParagraphEditorComponent> {
  loading ??= import('./paragraph-editor.tsx').then((module) => {
    loaded = module.ParagraphEditor;
    listeners.forEach((listener) => listener());
    return loaded;
  });
  return loading;
}

/** The editor component, or null while its chunk is loading (for useSyncExternalStore). */
export function getParagraphEditor(): ParagraphEditorComponent | null {
  return loaded;
}

/** Calls `listener` once the chunk has arrived; returns the unsubscribe function. */
export function subscribeParagraphEditor(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
