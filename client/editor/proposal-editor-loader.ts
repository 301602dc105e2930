/**
 * Loads the proposal editor with the editor code (TipTap, ProseMirror, the Yjs binding), once, when the
 * first proposal's words are opened for typing; a subscribable value as client/editor/editor-loader.ts,
 * tried again after a failure the same way.
 */
import { createChunkLoader } from './chunk-loader.ts';
import type { ProposalEditorProps } from './proposal-editor.tsx';

/** The proposal editor component, once its chunk has arrived. */
export type ProposalEditorComponent = React.ComponentType<ProposalEditorProps>;

const loader = createChunkLoader<ProposalEditorComponent>('the proposal editor', () => import('./proposal-editor.tsx').then((module) => module.ProposalEditor));

/** Starts loading the proposal editor (idempotent, tried again after a failure); resolves with the component once it has arrived. */
export function loadProposalEditor(): Promise<ProposalEditorComponent> {
  return loader.load();
}

/** The component, or null while loading (for useSyncExternalStore). */
export const getProposalEditor: () => ProposalEditorComponent | null = loader.get;

/** Calls `listener` once the component has arrived; returns the unsubscribe function. */
export const subscribeProposalEditor: (listener: () => void) => () => void = loader.subscribe;
