/**
 * A mounted TipTap editor bound to one paragraph's own Y.XmlFragment, with named carets of everyone else
 * in the room, the paragraph's brackets, and (for facilitators) the bracket controls. Its extension array is built once per paragraph: rebuilding it on every render would push
 * a Yjs transaction through the editor each time.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { memo, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { getParagraphs, type ParagraphMap } from '../../shared/model/negotiation-doc.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { BracketControls } from '../ui/brackets/bracket-controls.tsx';
import { DeskContext } from '../ui/desk/desk.ts';
import { addParagraphsAfter } from '../ui/desk/structure-actions.ts';
import { useDelegationNames } from '../ui/brackets/delegation-names.ts';
import { setParagraphBrackets } from './bracket-decorations.ts';
import { setParagraphSource } from './paragraph-decorations.ts';
import { buildParagraphExtensions } from './paragraph-extensions.ts';
import { createParagraphUndo } from './paragraph-undo.ts';

const noBrackets: readonly BracketSnapshot[] = [];

/** Props: the live copy, the paragraph, its fragment and source, and whether this person may type. */
export interface ParagraphEditorProps {
  live: LiveNegotiation;
  id: string;
  fragment: Y.XmlFragment;
  source: string;
  editable: boolean;
  /** Read by screen readers: "Paragraph 12", "Heading". */
  label: string;
}

/**
 * The editor for one paragraph; registers itself so the caret can be moved in from its neighbours.
 * Loaded through client/editor/editor-loader.ts, in its own chunk, after the static text is painted.
 */
export const ParagraphEditor = memo(function ParagraphEditor({ live, id, fragment, source, editable, label }: ParagraphEditorProps) {
  live.attachUndo(createParagraphUndo);
  // Read at paste time: the desk may change while the editor (and its memoized extensions) lives on.
  const deskNow = useContext(DeskContext);
  const desk = useRef(deskNow);
  desk.current = deskNow;
  const extensions = useMemo(
    () =>
      buildParagraphExtensions({
        fragment,
        provider: live.provider,
        user: live.user,
        source,
        undo: live.undoEdit,
        redo: live.redoEdit,
        leave: (direction) => live.leaveParagraph(id, direction),
        addParagraphs: (texts) => {
          if (desk.current?.facilitator) void addParagraphsAfter(desk.current, id, texts);
        },
      }),
    // `source` only seeds the extension; later changes go through setParagraphSource below.
    [live, id, fragment],
  );

  const editor = useEditor(
    {
      extensions,
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: { 'aria-label': label, spellcheck: 'true' } },
      onFocus: () => {
        live.editors.setFocused(id, true);
        live.presence.setLocation(id, true);
      },
      onBlur: () => {
        live.editors.setFocused(id, false);
        live.presence.setLocation(id, false);
      },
    },
    [extensions],
  );

  useEffect(() => {
    live.editors.register(id, editor);
    return () => live.editors.unregister(id, editor);
  }, [live, id, editor]);

  // Taken down the moment its paragraph leaves the document (deleted, or merged into the one before), inside
  // the transaction's observers: left mounted until React unmounts it, its next view update (a caret moving,
  // presence arriving) would make the Yjs binding write the paragraph back into the deleted fragment, an
  // update the server refuses (4403), sending every page that had it on screen into a reload.
  useEffect(() => {
    const paragraphs = getParagraphs(live.doc);
    const onChange = (event: Y.YMapEvent<ParagraphMap>) => {
      if (event.keysChanged.has(id) && !paragraphs.has(id) && !editor.isDestroyed) editor.destroy();
    };
    paragraphs.observe(onChange);
    return () => paragraphs.unobserve(onChange);
  }, [live, id, editor]);

  useEffect(() => {
    if (editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor.isDestroyed) setParagraphSource(editor.view, source);
  }, [editor, source]);

  const brackets = useSyncExternalStore(
    useCallback((listener: () => void) => live.store.subscribeParagraph(id, listener), [live, id]),
    () => live.store.getParagraph(id)?.brackets ?? noBrackets,
  );
  const names = useDelegationNames(live.doc);
  // Before paint: the static text showed these brackets, the editor must not flash without them.
  useLayoutEffect(() => {
    if (!editor.isDestroyed) setParagraphBrackets(editor.view, brackets, names);
  }, [editor, brackets, names]);

  // The bracket controls follow the text, so Tab after selecting words reaches their toolbar.
  return (
    <>
      <EditorContent editor={editor} className="para-host" />
      <BracketControls live={live} paragraphId={id} />
    </>
  );
});
