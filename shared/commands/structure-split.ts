/**
 * split-paragraph: Enter inside a paragraph. The words after the caret, with their formatting, their
 * brackets and the footnotes only they mark, become a new paragraph of the same kind just after it; at the
 * very start an empty paragraph goes before instead, so the text keeps its identity (and its number).
 */
import * as Y from 'yjs';
import { getBrackets, paragraphCharacters, resolveAnchor } from '../model/bracket.ts';
import { addParagraphMap, getParagraphs, ParagraphField, readOrder, readParagraph } from '../model/negotiation-doc.ts';
import type { Footnote } from '../model/paragraph.ts';
import type { RelativePositionJson } from '../protocol/presence.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { superscriptMarkers } from '../superscript.ts';
import { accept, refuse, type DecideEnv, type Decision } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { appendDelta, deltaFrom, placeAfter, placeBefore, storedRange } from './structure-edits.ts';
import { bracketsOf, bracketWords, characters, kindOf, lockedRefusal, newParagraphLabel, roundOf, type PlacedBracket } from './structure-facts.ts';

/** Decides a split of `paragraphId` at the relative position `at` of its characters. */
export function decideSplit(doc: Y.Doc, { paragraphId, at }: CommandOf<'split-paragraph'>, env: DecideEnv): Decision {
  const order = readOrder(doc);
  const index = order.indexOf(paragraphId);
  if (index < 0) return refuse('conflict', 'that paragraph no longer exists');
  const locked = lockedRefusal(doc, paragraphId, 'split it');
  if (locked) return locked;
  const label = paragraphLabel(doc, paragraphId);
  const text = paragraphCharacters(doc, paragraphId);
  if (!text) return refuse('invalid', `${label} has no text to split`);
  const offset = splitOffset(doc, text, at);
  if (offset === null) return refuse('invalid', `the split point is not in ${label}`);
  const kind = kindOf(doc, paragraphId);
  const round = roundOf(doc);
  const empty = { kind, runs: [], source: '', footnotes: [] };

  if (offset === 0 && text.length > 0) {
    const newId = env.newId('p');
    return accept(
      (target) => {
        addParagraphMap(target, newId, empty, round + 1);
        placeBefore(target, newId, paragraphId);
      },
      { paragraphId, summary: `split ${label} at its start: ${newParagraphLabel(doc, index, kind)} inserted before it` },
      { paragraphId: newId, focus: paragraphId },
    );
  }
  if (offset === text.length) {
    const newId = env.newId('p');
    return accept(
      (target) => {
        addParagraphMap(target, newId, empty, round + 1);
        placeAfter(target, newId, paragraphId);
      },
      { paragraphId, summary: `split ${label} at its end: ${newParagraphLabel(doc, index + 1, kind)} inserted after it` },
      { paragraphId: newId, focus: newId },
    );
  }

  const all = characters(text);
  const brackets = bracketsOf(doc, paragraphId);
  const crossing = brackets.find(({ span }) => span !== null && span.start < offset && offset < span.end);
  if (crossing?.span) return refuse('invalid', `the bracket ${bracketWords(all, crossing.span)} crosses the split point: lift it or split outside it`);
  const torn = tornGroup(brackets, offset);
  if (torn) return refuse('invalid', `the alternatives ${torn.map((b) => bracketWords(all, b.span!)).join(' and ')} would fall into two paragraphs: split outside them`);
  const moving = brackets.filter(({ span }) => span !== null && movesWith(span, offset));
  const map = getParagraphs(doc).get(paragraphId);
  const footnotes = map ? readParagraph(paragraphId, map).footnotes : [];
  const { kept, moved } = shareFootnotes(footnotes, all.slice(0, offset), all.slice(offset));
  const newId = env.newId('p');

  return accept(
    (target) => {
      const source = paragraphCharacters(target, paragraphId);
      if (!source) return;
      addParagraphMap(target, newId, { ...empty, footnotes: moved }, round + 1);
      const copy = paragraphCharacters(target, newId);
      if (copy) appendDelta(copy, deltaFrom(source, offset));
      source.delete(offset, source.length - offset);
      if (moved.length > 0) getParagraphs(target).get(paragraphId)?.set(ParagraphField.footnotes, kept);
      const records = getBrackets(target);
      for (const { id, record, span } of moving) {
        if (copy && span) records.set(id, { ...record, paragraphId: newId, ...storedRange(copy, span.start - offset, span.end - offset) });
      }
      placeAfter(target, newId, paragraphId);
    },
    { paragraphId, summary: `split ${label}; the rest is now ${newParagraphLabel(doc, index + 1, kind)}`, before: all, after: all.slice(0, offset) },
    { paragraphId: newId, focus: newId },
  );
}

/** The character index `at` points to in `text`, or null when it points anywhere else (or nowhere). */
function splitOffset(doc: Y.Doc, text: Y.XmlText, at: RelativePositionJson): number | null {
  // A paragraph's text is never a root type; resolving a root name would create that root in the document.
  if (at.tname != null || (at.type == null && at.item == null)) return null;
  try {
    return resolveAnchor(doc, text, at);
  } catch {
    return null;
  }
}

/** True when the bracket lies after the split point (an emptied bracket right at the point stays). */
function movesWith(span: { start: number; end: number }, offset: number): boolean {
  return span.start > offset || (span.start === offset && span.end > offset);
}

/** The members of an alternatives group the split would part (some before it, some after), or null. */
function tornGroup(brackets: readonly PlacedBracket[], offset: number): PlacedBracket[] | null {
  const groups = new Map<string, PlacedBracket[]>();
  for (const bracket of brackets) {
    if (bracket.record.group === null || bracket.span === null) continue;
    groups.set(bracket.record.group, [...(groups.get(bracket.record.group) ?? []), bracket]);
  }
  for (const members of groups.values()) {
    const sides = new Set(members.map((member) => movesWith(member.span!, offset)));
    if (sides.size > 1) return members;
  }
  return null;
}

/** Footnotes whose marker appears only in the moved words go with them; every other footnote stays. */
function shareFootnotes(footnotes: readonly Footnote[], keptText: string, movedText: string): { kept: Footnote[]; moved: Footnote[] } {
  const before = new Set(superscriptMarkers(keptText));
  const after = new Set(superscriptMarkers(movedText));
  const goes = (note: Footnote): boolean => after.has(note.marker) && !before.has(note.marker);
  return { kept: footnotes.filter((note) => !goes(note)), moved: footnotes.filter(goes) };
}
