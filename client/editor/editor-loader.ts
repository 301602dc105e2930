/**
 * Loads the editor code (TipTap, ProseMirror, the Yjs binding) in its own chunk, once, while the static
 * text is already on screen. A plain subscribable value rather than React.lazy: a Suspense fallback swap
 * per paragraph cost layout jumps when many editors arrive in one frame. A failed load is tried again
 * (client/editor/chunk-loader.ts) and, while it keeps failing, a notice asks to reload the page.
 */
import { createChunkLoader } from './chunk-loader.ts';
import type { ParagraphEditorProps } from './paragraph-editor.tsx';

/** The editor component, once its chunk has arrived. */
export type ParagraphEditorComponent = React.ComponentType<ParagraphEditorProps>;

const loader = createChunkLoader<ParagraphEditorComponent>('the paragraph editor', () => import('./paragraph-editor.tsx').then((module) => module.ParagraphEditor));

/** Starts loading the editor chunk (idempotent, tried again after a failure); resolves with the component once it has arrived. */
export function loadParagraphEditor(): Promise<ParagraphEditorComponent> {
  return loader.load();
}

/** The editor component, or null while its chunk is loading (for useSyncExternalStore). */
export const getParagraphEditor: () => ParagraphEditorComponent | null = loader.get;

/** Calls `listener` once the chunk has arrived; returns the unsubscribe function. */
export const subscribeParagraphEditor: (listener: () => void) => () => void = loader.subscribe;
