/**
 * Paragraph text, and a proposal's words, must fit the editor schema (shared/model/editor-schema.ts) on
 * every client: content that does not fit would be silently deleted by the ProseMirror binding, and that
 * deletion would sync.
 */
import { paragraphElementName } from '../model/paragraph-fragment.ts';
import { MarkName } from '../model/text-run.ts';
import type { Touch } from './touch.ts';

const marks = new Set<string>(Object.values(MarkName));

/**
 * Why a change inside a paragraph's text fragment (path paragraphs/<id>/text/…) or a proposal's
 * (proposals/<id>/text/…, laid out the same) does not fit the schema, or null when it fits. Deletions
 * always fit.
 */
export function paragraphTextProblem(touch: Touch): string | null {
  if (touch.op === 'delete') return null;
  if (touch.op === 'set') return 'paragraph text carries no attributes';
  const { content } = touch;
  if (content.kind === 'deleted') return null;
  switch (touch.path.length) {
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
