/**
 * TipTap's collaboration caret with each peer's presence isolated. It reads the awareness through a
 * PresenceView (only validated states), and its caret plugin's decorations are computed so that a throw
 * can never abort the transaction carrying it: a remote edit whose decorations fail would otherwise never
 * reach the editor, and the next keystroke would delete it. A peer whose state still makes the plugin
 * throw is hidden until it publishes a new state (PresenceView.renderIsolated).
 */
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Plugin, type EditorState, type StateField, type Transaction } from '@tiptap/pm/state';
import { DecorationSet } from '@tiptap/pm/view';
import { yCursorPluginKey } from '@tiptap/y-tiptap';
import type { PresenceView } from '../sync/presence-view.ts';

/** CollaborationCaret configured with `provider: { awareness: PresenceView }`; same options otherwise. */
export const IsolatedCaret = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const view = (this.options.provider as { awareness: PresenceView }).awareness;
    const plugins = this.parent?.() ?? [];
    return plugins.map((plugin) => (plugin.spec.key === yCursorPluginKey ? isolateDecorations(plugin as Plugin<DecorationSet>, view) : plugin));
  },
});

/** A copy of y-tiptap's caret plugin whose state (the caret decorations) is computed through renderIsolated. */
function isolateDecorations(plugin: Plugin<DecorationSet>, view: PresenceView): Plugin<DecorationSet> {
  const field = plugin.spec.state as StateField<DecorationSet>;
  const state: StateField<DecorationSet> = {
    init: (config, editorState: EditorState) =>
      view.renderIsolated(
        () => field.init.call(plugin, config, editorState),
        () => DecorationSet.empty,
      ),
    apply: (tr: Transaction, previous: DecorationSet, oldState: EditorState, newState: EditorState) =>
      view.renderIsolated(
        () => field.apply.call(plugin, tr, previous, oldState, newState),
        () => DecorationSet.empty,
      ),
  };
  return new Plugin<DecorationSet>({ ...plugin.spec, state });
}
