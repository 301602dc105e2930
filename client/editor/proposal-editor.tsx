/**
 * A mounted TipTap editor bound to one proposal's own Y.XmlFragment: the paragraph schema and binding of
 * the paragraph editors (client/editor/paragraph-extensions.ts), named carets of everyone typing in the
 * same proposal, one paragraph only (Enter does nothing, a pasted block list is joined; Escape goes back to
 * the paragraph), its own undo. Mounted only while its card has the words open (client/editor/proposal-focus.ts:
 * a few per page at most). While it holds the caret this person's presence names the paragraph it is under and the proposal.
 */
import { Extension, type Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import { memo, useEffect, useMemo } from 'react';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import type * as Y from 'yjs';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { presenceViewOf } from '../sync/presence-view.ts';
import { IsolatedCaret } from './isolated-caret.ts';
import { paragraphSchemaExtensions } from './paragraph-extensions.ts';
import { setFocusedProposal, subscribeFocusedProposal, takeProposalCaret } from './proposal-focus.ts';
import { SingleParagraphPaste } from './single-paragraph-paste.ts';

/** Props: the live copy, the proposal, the paragraph it is shown under, its fragment, whether this person may type, and its label. */
export interface ProposalEditorProps {
  live: LiveNegotiation;
  proposalId: string;
  paragraphId: string;
  fragment: Y.XmlFragment;
  editable: boolean;
  /** Read by screen readers: "Proposed text of European Union". */
  label: string;
}

/** The presence field naming the proposal typed in (shared/protocol/presence-state.ts). */
const proposalField = 'proposalId';

// A proposal is one paragraph: Enter would try to split it, which the schema cannot hold. Escape leaves
// the words for the paragraph they are under, as it leaves a paragraph's text.
const ProposalKeys = Extension.create({
  name: 'proposalKeys',
  priority: 1100,
  addKeyboardShortcuts() {
    return {
      Enter: () => true,
      'Shift-Enter': () => true,
      'Mod-Enter': () => true,
      Escape: () => {
        const section = this.editor.view.dom.closest('[data-paragraph-id]');
        if (!(section instanceof HTMLElement)) return false;
        section.focus();
        return true;
      },
    };
  },
});

/** The extensions of one proposal's editor; built once per fragment. */
export function buildProposalExtensions(live: LiveNegotiation, fragment: Y.XmlFragment): Extensions {
  return [
    ...paragraphSchemaExtensions,
    // Collaboration's own undo is per editor: enough for a proposal, whose editor stays while it is typed in.
    Collaboration.configure({ fragment }),
    IsolatedCaret.configure({ provider: { awareness: presenceViewOf(live.provider.awareness) }, user: { ...live.user } }),
    ProposalKeys,
    SingleParagraphPaste.configure({ addParagraphs: null }),
  ];
}

/** The editor of one proposal's words (loaded with the editor chunk: client/editor/proposal-editor-loader.ts). */
export const ProposalEditor = memo(function ProposalEditor({ live, proposalId, paragraphId, fragment, editable, label }: ProposalEditorProps) {
  const extensions = useMemo(() => buildProposalExtensions(live, fragment), [live, fragment]);
  const editor = useEditor(
    {
      extensions,
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: { 'aria-label': label, spellcheck: 'true', 'aria-multiline': 'false' } },
      onFocus: () => {
        setFocusedProposal({ proposalId, paragraphId });
        publishLocation(live, paragraphId, proposalId);
      },
      onBlur: () => {
        setFocusedProposal(null, proposalId);
        publishLocation(live, paragraphId, null);
      },
    },
    [extensions],
  );

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  // The person who just proposed, or opened the words (button, click, Enter), starts typing at once.
  useEffect(() => {
    const take = () => {
      if (!editable || editor.isDestroyed) return;
      const place = takeProposalCaret(proposalId);
      if (place === null) return;
      editor.commands.focus(place === 'end' ? 'end' : positionOfOffset(editor.state.doc, place));
    };
    take();
    return subscribeFocusedProposal(take);
  }, [editor, editable, proposalId]);

  // An editor unmounted with the caret inside leaves no proposal named in presence.
  useEffect(
    () => () => {
      setFocusedProposal(null, proposalId);
      const state = live.provider.awareness.getLocalState();
      if (state?.[proposalField] === proposalId) publishLocation(live, paragraphId, null);
    },
    [live, proposalId, paragraphId],
  );

  return <EditorContent editor={editor} className="proposal-host" data-testid="proposal-editor" />;
});

/** Publishes this person as typing in `proposalId` under `paragraphId` (null: no longer), in one awareness update. */
function publishLocation(live: LiveNegotiation, paragraphId: string, proposalId: string | null): void {
  const state = live.provider.awareness.getLocalState();
  if (!state) return;
  const next: Record<string, unknown> = { ...state, paragraphId, editing: proposalId !== null };
  if (proposalId === null) delete next[proposalField];
  else next[proposalField] = proposalId;
  live.provider.awareness.setLocalState(next);
}

/** The document position before the `offset`-th character of the proposal's one paragraph (its end when past it). */
function positionOfOffset(doc: ProseMirrorNode, offset: number): number {
  const block = doc.firstChild;
  if (!block) return 0;
  let seen = 0;
  let position = 1;
  for (let i = 0; i < block.childCount; i++) {
    const child = block.child(i);
    // An atom (a footnote marker) counts as one position and no characters of the plain words.
    const length = child.isText ? (child.text ?? '').length : 0;
    if (child.isText && seen + length >= offset) return position + (offset - seen);
    seen += length;
    position += child.nodeSize;
  }
  return position;
}
