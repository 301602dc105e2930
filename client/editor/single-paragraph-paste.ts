/**
 * Pasting or dropping several paragraphs into one paragraph's editor: the schema holds exactly one
 * paragraph, and ProseMirror would silently drop every pasted block after the first. Where the page may
 * add paragraphs (`addParagraphs`, a facilitator's), the first block goes where the caret is and each
 * further block becomes a paragraph of its own after this one (by command); elsewhere the blocks are
 * joined into one run of text (separated by a space) so nothing pasted is lost.
 */
import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** Options: what to do with the plain text of every pasted block after the first (absent: join them). */
export interface SingleParagraphPasteOptions {
  addParagraphs: ((texts: string[]) => void) | null;
}

/** TipTap extension splitting multi-paragraph pastes into paragraphs, or flattening them into the current one. */
export const SingleParagraphPaste = Extension.create<SingleParagraphPasteOptions>({
  name: 'singleParagraphPaste',

  addOptions() {
    return { addParagraphs: null };
  },

  addProseMirrorPlugins() {
    const { addParagraphs } = this.options;
    return [
      new Plugin({
        key: new PluginKey('singleParagraphPaste'),
        props: {
          // A control character (Word's soft break U+000B...) is refused by the server: it becomes a space.
          // Line breaks stay: they split the paste into paragraphs below.
          transformPastedText: (text) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '),
          transformPasted: (slice, view) => {
            const paragraph = view.state.schema.nodes.paragraph;
            const blocks = textblocksOf(slice);
            if (!addParagraphs || blocks.length <= 1 || !paragraph) return flattenSlice(slice, paragraph);
            const rest = blocks.slice(1).map((block) => block.textBetween(0, block.size)).filter((text) => text.trim() !== '');
            // After this paste is in: the new paragraphs follow the one being typed in.
            if (rest.length > 0) setTimeout(() => addParagraphs(rest), 0);
            return new Slice(Fragment.from(paragraph.create(null, blocks[0])), 1, 1);
          },
        },
      }),
    ];
  },
});

function textblocksOf(slice: Slice): Fragment[] {
  const blocks: Fragment[] = [];
  slice.content.descendants((node) => {
    if (!node.isTextblock) return true;
    blocks.push(node.content);
    return false;
  });
  return blocks;
}

/** The slice with all its textblocks joined into one open paragraph; unchanged when it has at most one. */
export function flattenSlice(slice: Slice, paragraph: ProseMirrorNode['type'] | undefined): Slice {
  const blocks = textblocksOf(slice);
  if (blocks.length <= 1 || !paragraph) return slice;
  const schema = paragraph.schema;
  const inline: ProseMirrorNode[] = [];
  blocks.forEach((content, i) => {
    if (i > 0 && content.size > 0 && inline.length > 0) inline.push(schema.text(' '));
    content.forEach((node) => inline.push(node));
  });
  // Open on both sides: the text merges into the paragraph the caret is in.
  return new Slice(Fragment.from(paragraph.create(null, inline)), 1, 1);
}
