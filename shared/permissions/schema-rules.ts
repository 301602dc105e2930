/**
 * Paragraph text must fit the editor schema (shared/model/editor-schema.ts) on every client: content that
 * does not fit would be silently deleted by the ProseMirror binding, and that deletion would sync.
 */
import { DocRoot, ParagraphField } from '../model/negotiation-doc.ts';
import { paragraphElementName } from '../model/paragraph-fragment.ts';
import { MarkName } from '../model/text-run.ts';
import type { Touch } from './update-scope.ts';

const marks = new Set<string>(Object.values(MarkName));

/** Why an insert into a paragraph's text does not fit the schema, or null when it fits (or is elsewhere). */
export function checkParagraphSchema(touch: Touch): string | null {
  if (touch.op !== 'insert' || touch.root !== DocRoot.paragraphs) return null;
  const { content } = touch;
  if (content.kind === 'deleted') return null;
  // Every reader (the API, exporters, the page) expects a paragraph map holding an XML fragment of text.
  if (touch.path.length === 1) return content.kind === 'type' && content.typeName === 'map' ? null : 'a paragraph is a map of its fields';
  if (touch.path[1] !== ParagraphField.text) return null;
  switch (touch.path.length) {
    case 2:
      return content.kind === 'type' && content.typeName === 'xml-fragment' ? null : 'a paragraph\'s text is an XML fragment';
    case 3:
      return content.kind === 'type' && content.typeName === 'xml-element' && content.nodeName === paragraphElementName
        ? null
        : 'a paragraph holds exactly one block of text';
    case 4:
      return content.kind === 'type' && content.typeName === 'xml-text' ? null : 'only text may stand inside a paragraph';
    case 5:
      if (content.kind === 'string') return null;
      if (content.kind === 'format' && marks.has(content.key)) return null;
      return `paragraph text may only carry the marks ${[...marks].join(' and ')}`;
    default:
      return 'paragraph text nests deeper than the editor schema allows';
  }
}
