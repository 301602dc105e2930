/**
 * A paragraph's text as a Node client sees and edits it: plain text, an insert at the end as the editor
 * binding would make it, and an honest caret (Yjs relative positions) for presence.
 */
import * as Y from 'yjs';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import type { CaretRange } from '../../shared/protocol/presence.ts';

/** The plain text of paragraph `id` in `doc` ('' when it is missing). */
export function paragraphPlainText(doc: Y.Doc, id: string): string {
  const fragment = getParagraphText(doc, id);
  return fragment ? readRuns(fragment).map((run) => run.text).join('') : '';
}

/** The Y.XmlText inside paragraph `id`'s single paragraph element; throws when the paragraph has none. */
export function paragraphXmlText(doc: Y.Doc, id: string): Y.XmlText {
  const element = getParagraphText(doc, id)?.get(0);
  const text = element instanceof Y.XmlElement ? element.get(0) : undefined;
  if (!(text instanceof Y.XmlText)) throw new Error(`paragraph ${id} has no text`);
  return text;
}

/** Appends `words` to paragraph `id` in one transaction (sent by the doc's provider). */
export function appendToParagraph(doc: Y.Doc, id: string, words: string): void {
  const text = paragraphXmlText(doc, id);
  doc.transact(() => text.insert(text.length, words));
}

/** An honest collapsed caret at character `index` of paragraph `id`, as y-tiptap publishes it (JSON of RelativePositions). */
export function caretAt(doc: Y.Doc, id: string, index: number): CaretRange {
  const position = Y.createRelativePositionFromTypeIndex(paragraphXmlText(doc, id), index);
  const json = JSON.parse(JSON.stringify(position)) as CaretRange['anchor'];
  return { anchor: json, head: json };
}
