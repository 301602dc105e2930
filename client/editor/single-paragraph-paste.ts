/**
 * Pasting or dropping several paragraphs into one paragraph's editor: the schema holds exactly one
 * paragraph, and ProseMirror would silently drop every pasted block after the first. Join them into one
 * run of text (blocks separated by a space) so nothing pasted is lost.
 */
import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** TipTap extension flattening multi-paragraph pastes and drops into the current paragraph. */
export const SingleParagraphPaste = Extension.create({
  name: 'singleParagraphPaste',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('singleParagraphPaste'),
        props: {
          transformPasted: (slice, view) => flattenSlice(slice, view.state.schema.nodes.paragraph),
        },
      }),
    ];
  },
});

/** The slice with all its textblocks joined into one open paragraph; unchanged when it has at most one. */
export function flattenSlice(slice: Slice, paragraph: ProseMirrorNode['type'] | undefined): Slice {
  const blocks: Fragment[] = [];
  slice.content.descendants((node) => {
    if (!node.isTextblock) return true;
    blocks.push(node.content);
    return false;
  });
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
