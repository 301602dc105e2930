/**
 * The paragraph editor's TipTap extensions must produce the shared paragraph schema: a node or mark the
 * other side does not know is silently deleted by the Yjs binding, and the deletion syncs.
 */
import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { buildParagraphExtensions, paragraphSchemaExtensions } from '../../client/editor/paragraph-extensions.ts';
import { paragraphSchema } from '../../shared/model/editor-schema.ts';
import type { Schema } from '@tiptap/pm/model';

function shape(schema: Schema) {
  return {
    nodes: Object.keys(schema.nodes).sort(),
    marks: Object.keys(schema.marks).sort(),
    docContent: schema.topNodeType.spec.content,
    topNode: schema.topNodeType.name,
    paragraphContent: schema.nodes.paragraph?.spec.content,
    paragraphGroup: schema.nodes.paragraph?.spec.group,
    textGroup: schema.nodes.text?.spec.group,
  };
}

describe('paragraph editor schema', () => {
  const doc = new Y.Doc();
  const extensions = buildParagraphExtensions({
    fragment: doc.getXmlFragment('text'),
    provider: { awareness: new Awareness(doc) },
    user: { name: 'Facilitator', role: 'facilitator', delegation: null, color: '#1f6feb' },
    source: 'GCM para 49',
    undo: () => true,
    redo: () => true,
    leave: () => true,
    addParagraphs: null,
  });

  it('the full editor extension list builds the shared schema', () => {
    expect(shape(getSchema(extensions))).toEqual(shape(paragraphSchema));
  });

  it('the schema extensions alone build the shared schema', () => {
    expect(shape(getSchema(paragraphSchemaExtensions))).toEqual(shape(paragraphSchema));
  });

  it('has exactly doc, paragraph, text and the marks italic and bold, one paragraph per document', () => {
    const schema = getSchema(extensions);
    expect(Object.keys(schema.nodes).sort()).toEqual(['doc', 'paragraph', 'text']);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic']);
    expect(schema.topNodeType.spec.content).toBe('paragraph');
  });

  it('a two-paragraph document does not fit', () => {
    const schema = getSchema(extensions);
    const paragraph = schema.nodes.paragraph!.create(null, schema.text('a'));
    expect(() => schema.topNodeType.create(null, [paragraph, paragraph]).check()).toThrow();
    expect(() => schema.topNodeType.create(null, [paragraph]).check()).not.toThrow();
  });
});
