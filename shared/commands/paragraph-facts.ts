/**
 * What decisions read of paragraphs: whether one exists, how people name it ("paragraph 12", "paragraph 5
 * bis", "the heading “Round table 1”") and its plain text for the activity's before and after.
 */
import type * as Y from 'yjs';
import { getMeta, getParagraphs, getParagraphText, MetaField, ParagraphField, readOrder } from '../model/negotiation-doc.ts';
import { isParagraphKind, ParagraphKind } from '../model/paragraph.ts';
import { readRuns } from '../model/paragraph-fragment.ts';
import { plainText } from '../model/text-run.ts';
import { numberParagraphs, type NumberingInput } from '../numbering.ts';

/** The paragraph's plain text ('' when it has none). */
export function paragraphPlainText(doc: Y.Doc, id: string): string {
  const fragment = getParagraphText(doc, id);
  return fragment ? plainText(readRuns(fragment)) : '';
}

/** How people name the paragraph: "paragraph 12", "paragraph 5 bis", or "the heading “…”" (cut to 40 characters). */
export function paragraphLabel(doc: Y.Doc, id: string): string {
  const map = getParagraphs(doc).get(id);
  if (!map) return 'a paragraph that no longer exists';
  if (map.get(ParagraphField.kind) === ParagraphKind.heading) return headingLabel(paragraphPlainText(doc, id));
  const order = readOrder(doc);
  const round = getMeta(doc).get(MetaField.round);
  const number = numberParagraphs(numberingInputs(doc, order), typeof round === 'number' ? round : 0)[order.indexOf(id)];
  return number ? `paragraph ${number}` : 'a paragraph outside the text';
}

/** How people name a heading that reads `text`: "the heading “…”", cut to 40 characters. */
export function headingLabel(text: string): string {
  return `the heading “${text.length > 40 ? `${text.slice(0, 39)}…` : text}”`;
}

/** What numbering reads of paragraphs `ids` (the text's order unless given): each one's kind and the round it was added in. */
export function numberingInputs(doc: Y.Doc, ids: readonly string[] = readOrder(doc)): NumberingInput[] {
  const paragraphs = getParagraphs(doc);
  return ids.map((id) => {
    const paragraph = paragraphs.get(id);
    const kind = paragraph?.get(ParagraphField.kind);
    const added = paragraph?.get(ParagraphField.addedInRound);
    return { kind: isParagraphKind(kind) ? kind : ParagraphKind.paragraph, addedInRound: typeof added === 'number' ? added : 0 };
  });
}
