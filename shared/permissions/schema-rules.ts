/**
 * Paragraph text, and a proposal's words, must fit the editor schema (shared/model/editor-schema.ts) on
 * every client: content that does not fit would be silently deleted by the ProseMirror binding, and that
 * deletion would sync. Typed characters are one line (typed-words.ts), and marks carry no attributes.
 */
import { paragraphElementName } from '../model/paragraph-fragment.ts';
import { MarkName } from '../model/text-run.ts';
import type { Touch } from './touch.ts';
import { unfitTypedProblem } from './typed-words.ts';

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
      if (content.kind === 'string') return unfitTypedProblem(content.text);
      if (content.kind !== 'format' || !marks.has(content.key)) return `paragraph text may only carry the marks ${[...marks].join(' and ')}`;
      return markValueFits(content.value) ? null : `the mark ${content.key} may carry no attributes`;
    default:
      return 'paragraph text nests deeper than the editor schema allows';
  }
}

/**
 * True for what y-prosemirror writes as a mark's value: its attributes, an empty object for our marks (none
 * of the schema's marks has attributes), or null where the mark ends.
 */
function markValueFits(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object') return false;
  // ProseMirror's attributes have no prototype; decoded from an update, they have Object's.
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.keys(value).length === 0;
}
