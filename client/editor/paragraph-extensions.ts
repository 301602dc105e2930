/**
 * The TipTap extensions of one paragraph editor. The schema they produce must equal
 * shared/model/editor-schema.ts (test/client/editor-schema.test.ts checks it): a document of exactly one
 * paragraph, text, italic and bold. Content outside that schema would be silently deleted by the binding.
 */
import type { Extensions } from '@tiptap/core';
import Bold from '@tiptap/extension-bold';
import Collaboration from '@tiptap/extension-collaboration';
import Document from '@tiptap/extension-document';
import Italic from '@tiptap/extension-italic';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '../../shared/protocol/presence.ts';
import { presenceViewOf } from '../sync/presence-view.ts';
import { BracketDecorations } from './bracket-decorations.ts';
import { IsolatedCaret } from './isolated-caret.ts';
import { ParagraphDecorations } from './paragraph-decorations.ts';
import { ParagraphKeys, type ParagraphKeysOptions } from './paragraph-keys.ts';
import { SingleParagraphPaste } from './single-paragraph-paste.ts';

/** The extensions that define the paragraph schema, in schema order (italic before bold). */
export const paragraphSchemaExtensions: Extensions = [
  Document.extend({ content: 'paragraph' }),
  Paragraph,
  Text,
  Italic,
  Bold,
];

/** Everything one paragraph editor is bound to. */
export interface ParagraphEditorSetup extends ParagraphKeysOptions {
  /** The paragraph's own rich-text fragment (getParagraphText). */
  fragment: Y.XmlFragment;
  /** Anything with the provider's awareness: the caret extension publishes the caret there and reads others' through a PresenceView. */
  provider: { awareness: Awareness };
  /** Who this person is, as shown on their caret to others. */
  user: PresenceUser;
  /** The source annotation when the editor is created. */
  source: string;
  /** Adds pasted blocks after the first as paragraphs of their own after this one; null joins them into this one. */
  addParagraphs: ((texts: string[]) => void) | null;
}

/** The full extension list of a paragraph editor; build it once per paragraph and memoize it. */
export function buildParagraphExtensions(setup: ParagraphEditorSetup): Extensions {
  return [
    ...paragraphSchemaExtensions,
    Collaboration.configure({ fragment: setup.fragment }),
    // Carets read the awareness through its validating view: no peer's presence can stop this editor.
    IsolatedCaret.configure({ provider: { awareness: presenceViewOf(setup.provider.awareness) }, user: { ...setup.user } }),
    ParagraphDecorations.configure({ source: setup.source }),
    BracketDecorations,
    ParagraphKeys.configure({ undo: setup.undo, redo: setup.redo, leave: setup.leave }),
    SingleParagraphPaste.configure({ addParagraphs: setup.addParagraphs }),
  ];
}
