/**
 * Loads the proposal editor with the editor code (TipTap, ProseMirror, the Yjs binding), once, when the
 * first proposal's words are opened for typing; a subscribable value as client/editor/editor-loader.ts.
 */
import type { ProposalEditorProps } from './proposal-editor.tsx';

/** The proposal editor component, once its chunk has arrived. */
export type ProposalEditorComponent = React.ComponentType<ProposalEditorProps>;

let loaded: ProposalEditorComponent | null = null;
let loading: Promise<ProposalEditorComponent> | null = null;
const listeners = new Set<() => void>();

/** Starts loading the proposal editor (idempotent); resolves with the component. */
export function loadProposalEditor(): Promise<ProposalEditorComponent> {
  loading ??= import('./proposal-editor.tsx').then((module) => {
    loaded = module.ProposalEditor;
    listeners.forEach((listener) => listener());
    return loaded;
  });
  return loading;
}

/** The component, or null while loading (for useSyncExternalStore). */
export function getProposalEditor(): ProposalEditorComponent | null {
  return loaded;
}

/** Calls `listener` once the component has arrived; returns the unsubscribe function. */
export function subscribeProposalEditor(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
