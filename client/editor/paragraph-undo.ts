/**
 * One undo history for the whole text: a Y.UndoManager over the paragraphs map that tracks only this
 * client's editor transactions (the binding's origin), so undo never reverts another delegation's words
 * and survives editors mounting and unmounting as the page scrolls.
 */
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { getParagraphs } from '../../shared/model/negotiation-doc.ts';

/** Creates the application-level undo manager for `doc`; destroy it with the doc. */
export function createParagraphUndo(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(getParagraphs(doc), {
    trackedOrigins: new Set<unknown>([ySyncPluginKey]),
    // Typing within half a second is one step, as in a word processor.
    captureTimeout: 500,
  });
}
