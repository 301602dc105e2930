/**
 * merge-paragraph: Backspace at the start of a paragraph. Its words, with their formatting, brackets and
 * footnotes, are appended to the paragraph before it (of the same kind), their sources are joined, and it
 * goes; the floor moves with it.
 */
import type * as Y from 'yjs';
import { getBrackets, paragraphCharacters } from '../model/bracket.ts';
import { getParagraphs, ParagraphField, readOrder, readParagraph } from '../model/negotiation-doc.ts';
import type { Footnote } from '../model/paragraph.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type Decision } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { appendDelta, deltaFrom, removeParagraph, storedRange } from './structure-edits.ts';
import { bracketsOf, characters, kindOf, lockedRefusal } from './structure-facts.ts';

/** Decides merging `paragraphId` into the paragraph before it in the order. */
export function decideMerge(doc: Y.Doc, { paragraphId }: CommandOf<'merge-paragraph'>): Decision {
  const order = readOrder(doc);
  const index = order.indexOf(paragraphId);
  if (index < 0) return refuse('conflict', 'that paragraph no longer exists');
  const label = paragraphLabel(doc, paragraphId);
  const previousId = order[index - 1];
  if (previousId === undefined) return refuse('invalid', `${label} is the first: there is nothing before it to merge it into`);
  const previousLabel = paragraphLabel(doc, previousId);
  if (kindOf(doc, previousId) !== kindOf(doc, paragraphId)) {
    return refuse('invalid', `${label} cannot merge into ${previousLabel}: a heading merges only with a heading, a paragraph with a paragraph`);
  }
  const locked = lockedRefusal(doc, paragraphId, 'merge it') ?? lockedRefusal(doc, previousId, 'merge into it');
  if (locked) return locked;
  const text = paragraphCharacters(doc, paragraphId);
  const previousText = paragraphCharacters(doc, previousId);
  const paragraphs = getParagraphs(doc);
  const map = paragraphs.get(paragraphId);
  const previousMap = paragraphs.get(previousId);
  if (!text || !previousText || !map || !previousMap) return refuse('invalid', `${label} or ${previousLabel} has no text to merge`);

  const offset = previousText.length;
  const brackets = bracketsOf(doc, paragraphId);
  const merging = readParagraph(paragraphId, map);
  const previous = readParagraph(previousId, previousMap);
  const footnotes = joinFootnotes(previous.footnotes, merging.footnotes);
  const source = [...new Set([previous.source, merging.source].map((s) => s.trim()).filter((s) => s !== ''))].join('; ');
  const before = characters(previousText);

  return accept(
    (target) => {
      const from = paragraphCharacters(target, paragraphId);
      const into = paragraphCharacters(target, previousId);
      const intoMap = getParagraphs(target).get(previousId);
      if (!from || !into || !intoMap) return;
      appendDelta(into, deltaFrom(from, 0));
      const records = getBrackets(target);
      for (const { id, record, span } of brackets) {
        if (span) records.set(id, { ...record, paragraphId: previousId, ...storedRange(into, offset + span.start, offset + span.end) });
        else records.delete(id);
      }
      if (merging.footnotes.length > 0) intoMap.set(ParagraphField.footnotes, footnotes);
      if (source !== previous.source) intoMap.set(ParagraphField.source, source);
      removeParagraph(target, paragraphId, previousId);
    },
    { paragraphId: previousId, summary: `merged ${label} into ${previousLabel}`, before, after: before + characters(text) },
    { paragraphId: previousId, offset: String(offset) },
  );
}

/** The previous paragraph's footnotes, then the merged one's that it does not have already. */
function joinFootnotes(first: readonly Footnote[], second: readonly Footnote[]): Footnote[] {
  const has = (note: Footnote): boolean => first.some((f) => f.marker === note.marker && f.text === note.text);
  return [...first, ...second.filter((note) => !has(note))];
}
