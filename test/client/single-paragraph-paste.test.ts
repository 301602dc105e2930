/**
 * A paste of several paragraphs into one paragraph's editor keeps every word: the blocks are joined
 * into the one paragraph the schema allows, instead of everything after the first being dropped.
 */
import { getSchema } from '@tiptap/core';
import { Fragment, Slice } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { paragraphSchemaExtensions } from '../../client/editor/paragraph-extensions.ts';
import { flattenSlice } from '../../client/editor/single-paragraph-paste.ts';

const schema = getSchema(paragraphSchemaExtensions);
const paragraph = schema.nodes.paragraph!;
const italic = schema.marks.italic!;

describe('flattenSlice', () => {
  it('joins pasted paragraphs with a space into one open paragraph, keeping marks', () => {
    const slice = new Slice(
      Fragment.from([
        paragraph.create(null, schema.text('First line')),
        paragraph.create(null, schema.text('second', [italic.create()])),
        paragraph.create(null, []),
        paragraph.create(null, schema.text('third')),
      ]),
      1,
      1,
    );
    const flat = flattenSlice(slice, paragraph);
    expect(flat.openStart).toBe(1);
    expect(flat.openEnd).toBe(1);
    expect(flat.content.childCount).toBe(1);
    expect(flat.content.firstChild?.textContent).toBe('First line second third');
    const marked: string[] = [];
    flat.content.firstChild?.forEach((node) => node.marks.length > 0 && marked.push(node.text ?? ''));
    expect(marked).toEqual(['second']);
  });

  it('leaves a single-paragraph or inline paste as it is', () => {
    const inline = new Slice(Fragment.from(schema.text('just words')), 0, 0);
    expect(flattenSlice(inline, paragraph)).toBe(inline);
    const one = new Slice(Fragment.from(paragraph.create(null, schema.text('one'))), 1, 1);
    expect(flattenSlice(one, paragraph)).toBe(one);
  });
});
