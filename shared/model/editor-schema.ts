/**
 * The one ProseMirror schema of a paragraph's text, shared by every client and checked by the server:
 * a document holds exactly one paragraph of text with italic and bold marks. The client's TipTap
 * extensions (client/editor/paragraph-extensions.ts) must produce this schema; a test checks they do.
 */
import { Schema } from '@tiptap/pm/model';

/** The paragraph-text schema. */
export const paragraphSchema = new Schema({
  nodes: {
    doc: { content: 'paragraph' },
    paragraph: { content: 'inline*', group: 'block' },
    text: { group: 'inline' },
  },
  marks: {
    italic: {},
    bold: {},
  },
});
