/**
 * A paragraph kept as plain data when it is deleted (by an accepted proposal or a facilitator's command), and
 * put back from that copy when the deletion is undone (where: kept-place.ts): its runs (formatting and
 * footnote markers included), source, footnotes, status and note, round and brackets (holders,
 * alternatives), under its own id and its brackets' own ids, so the proposals and activity that name it
 * point at it again.
 */
import type * as Y from 'yjs';
import { getBrackets, paragraphCharacters } from '../model/bracket.ts';
import { addParagraphMap, getMeta, getParagraphs, LaterParagraphField, MetaField, ParagraphField, readFloor, readOrder, readParagraph } from '../model/negotiation-doc.ts';
import { keptParagraphLimits, type KeptBracket, type KeptParagraph } from '../model/proposal.ts';
import { plainText } from '../model/text-run.ts';
import { placeAfter, storedRange } from './structure-edits.ts';
import { refuse, type Refusal } from './decision.ts';
import { keptCopies, keptPlace, linkedNeighbours, type KeptPlace } from './kept-place.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { bracketsOf, newParagraphLabel } from './structure-facts.ts';

/** The paragraph `id` as plain data, or null when it is not in the text or is larger than keptParagraphLimits. */
export function keepParagraph(doc: Y.Doc, id: string): KeptParagraph | null {
  const map = getParagraphs(doc).get(id);
  const order = readOrder(doc);
  const index = order.indexOf(id);
  if (!map || index < 0) return null;
  const { kind, runs, source, footnotes, status, statusNote, addedInRound } = readParagraph(id, map);
  if (plainText(runs).length > keptParagraphLimits.characters) return null;
  // A bracket whose anchors are gone stands nowhere in the text: it does not come back.
  const brackets: KeptBracket[] = bracketsOf(doc, id)
    .flatMap(({ id: bracketId, record, span }) =>
      span ? [{ id: bracketId, span, holders: record.holders.map((h) => ({ delegation: h.delegation, stance: h.stance })), group: record.group, createdAt: record.createdAt }] : [],
    )
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (brackets.length > keptParagraphLimits.brackets) return null;
  const onFloor = readFloor(doc) === id ? { onFloor: true as const } : {};
  // Next to a paragraph deleted before it, it names that one: put back in any order, they stand as they stood.
  const neighbours = linkedNeighbours(id, order[index - 1] ?? null, order[index + 1] ?? null, keptCopies(doc), order);
  return { kind, runs, source, footnotes, status, statusNote, addedInRound, ...neighbours, brackets, ...onFloor };
}

/** How people will name the kept paragraph once back at `place`: "paragraph 12", "paragraph 5 bis", "the heading “…”". */
export function keptLabel(doc: Y.Doc, kept: KeptParagraph, place: KeptPlace): string {
  const at = place.afterId === null ? 0 : readOrder(doc).indexOf(place.afterId) + 1;
  // Numbered with the round it was first added in, not as a new paragraph of this round.
  return newParagraphLabel(doc, at, kept.kind, plainText(kept.runs), kept.addedInRound);
}

/** A kept paragraph that can go back now: where, what it will be called there, and words saying it moved or goes back on the floor ("" when neither). */
export interface Restoration {
  place: KeptPlace;
  label: string;
  where: string;
}

/**
 * Whether the paragraph `id` kept as `kept` can go back now, or why not. `deleter` says who deleted it, as
 * the refusals name it ("EU’s proposal", a facilitator's name): the paragraph must not be back already, no
 * bracket of it may stand elsewhere, and one of its neighbours must still be there.
 */
export function restoration(doc: Y.Doc, id: string, kept: KeptParagraph, deleter: string): Restoration | Refusal {
  if (getParagraphs(doc).has(id)) return refuse('conflict', `the paragraph ${deleter} deleted is back already, as ${paragraphLabel(doc, id)}: there is nothing to put back`);
  const records = getBrackets(doc);
  if (kept.brackets.some((b) => records.has(b.id))) return refuse('conflict', `a bracket of the paragraph ${deleter} deleted stands elsewhere now: insert the paragraph again`);
  const place = keptPlace(doc, kept);
  if (!place) return refuse('conflict', `the paragraphs before and after the one ${deleter} deleted are both gone: insert it again where it belongs`);
  const moved = place.moved ? ` (the paragraph it followed is gone, so it stands ${place.afterId === null ? 'first' : `after ${paragraphLabel(doc, place.afterId)}`})` : '';
  return { place, label: keptLabel(doc, kept, place), where: `${moved}${backOnFloor(doc, kept) ? ', on the floor again' : ''}` };
}

// A paragraph deleted while on the floor goes back on it, unless the floor moved to another paragraph since.
function backOnFloor(doc: Y.Doc, kept: KeptParagraph): boolean {
  return kept.onFloor === true && readFloor(doc) === null;
}

/** Puts the kept paragraph back under `id` at `place`, its brackets under their own ids. Call inside a transaction. */
export function restoreParagraph(doc: Y.Doc, id: string, kept: KeptParagraph, place: KeptPlace): void {
  const map = addParagraphMap(doc, id, kept, kept.addedInRound);
  map.set(ParagraphField.status, kept.status);
  map.set(LaterParagraphField.statusNote, kept.statusNote);
  placeAfter(doc, id, place.afterId);
  if (backOnFloor(doc, kept)) getMeta(doc).set(MetaField.floor, id);
  const text = paragraphCharacters(doc, id);
  if (!text) return;
  const records = getBrackets(doc);
  for (const bracket of kept.brackets) {
    const { start, end } = storedRange(text, bracket.span.start, bracket.span.end);
    const holders = bracket.holders.map((h) => ({ delegation: h.delegation, stance: h.stance }));
    records.set(bracket.id, { paragraphId: id, start, end, holders, group: bracket.group, createdAt: bracket.createdAt });
  }
}
