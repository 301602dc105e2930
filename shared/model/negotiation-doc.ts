/**
 * The layout of one negotiation's Yjs document. Each kind of object has its own place, so the server can
 * tell cheaply what an update touches:
 *   meta        Y.Map   title, titleBlock (string[]), round (number), floor (paragraph id or null)
 *   order       Y.Array paragraph ids in reading order
 *   paragraphs  Y.Map   id -> Y.Map { kind, text: Y.XmlFragment, source, footnotes, status, statusNote, addedInRound }
 *   proposals   Y.Map   id -> Y.Map (see shared/model/proposal.ts)
 *   delegations Y.Map   code -> { name }
 *   brackets    Y.Map   id -> plain record (see shared/model/bracket.ts)
 *   removed     Y.Map   paragraph id -> a paragraph a facilitator deleted, kept to be put back (see shared/model/removed-paragraph.ts)
 */
import * as Y from 'yjs';
import { readBracketsByParagraph } from '../brackets/read-brackets.ts';
import { numberParagraphs } from '../numbering.ts';
import {
  isParagraphKind,
  isParagraphStatus,
  ParagraphKind,
  ParagraphStatus,
  type DraftDocument,
  type DraftParagraph,
  type Footnote,
  type NegotiationSnapshot,
  type ParagraphSnapshot,
} from './paragraph.ts';
import { readRuns, writeRuns } from './paragraph-fragment.ts';
import { randomId } from './random-id.ts';

/** Names of the document's root types. */
export const DocRoot = {
  meta: 'meta',
  order: 'order',
  paragraphs: 'paragraphs',
  proposals: 'proposals',
  delegations: 'delegations',
  brackets: 'brackets',
  removed: 'removed',
} as const;

/** Keys of a paragraph's Y.Map. */
export const ParagraphField = {
  kind: 'kind',
  text: 'text',
  source: 'source',
  footnotes: 'footnotes',
  status: 'status',
  addedInRound: 'addedInRound',
} as const;

/** Keys of a paragraph's Y.Map added after the first documents were stored (read with a default when absent). */
export const LaterParagraphField = { statusNote: 'statusNote' } as const;

/** Keys of the meta map. */
export const MetaField = { title: 'title', titleBlock: 'titleBlock', round: 'round', floor: 'floor' } as const;

/** The title used when a document has no title block. */
export const untitled = 'Untitled negotiation';

/** A paragraph's Y.Map. */
export type ParagraphMap = Y.Map<unknown>;

/** The ordered list of paragraph ids. */
export function getOrder(doc: Y.Doc): Y.Array<string> {
  return doc.getArray<string>(DocRoot.order);
}

/** The map of paragraphs keyed by id. */
export function getParagraphs(doc: Y.Doc): Y.Map<ParagraphMap> {
  return doc.getMap<ParagraphMap>(DocRoot.paragraphs);
}

/** The meta map (title, title block, round). */
export function getMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.meta);
}

/** The rich-text fragment of a paragraph, or undefined when the id or its text is missing. */
export function getParagraphText(doc: Y.Doc, id: string): Y.XmlFragment | undefined {
  const text = getParagraphs(doc).get(id)?.get(ParagraphField.text);
  return text instanceof Y.XmlFragment ? text : undefined;
}

/** A new paragraph id: short, random, URL-safe. */
export function newParagraphId(): string {
  return randomId('p');
}

/** Fills an empty document with an imported draft in one transaction; returns the new paragraph ids in order. */
export function populateNegotiation(doc: Y.Doc, draft: DraftDocument, newId: () => string = newParagraphId): string[] {
  const ids = draft.paragraphs.map(() => newId());
  doc.transact(() => {
    const meta = getMeta(doc);
    meta.set(MetaField.title, draft.titleBlock[0] ?? untitled);
    meta.set(MetaField.titleBlock, draft.titleBlock.slice(1));
    meta.set(MetaField.round, 0);
    draft.paragraphs.forEach((paragraph, i) => addParagraphMap(doc, ids[i] as string, paragraph, 0));
    getOrder(doc).insert(0, ids);
  });
  return ids;
}

/** Creates a paragraph's map under `id` (not yet placed in the order). Call inside a transaction. */
export function addParagraphMap(doc: Y.Doc, id: string, paragraph: DraftParagraph, addedInRound: number): ParagraphMap {
  const map = new Y.Map<unknown>();
  getParagraphs(doc).set(id, map);
  map.set(ParagraphField.kind, paragraph.kind);
  map.set(ParagraphField.source, paragraph.source);
  map.set(ParagraphField.footnotes, paragraph.footnotes.map((f) => ({ marker: f.marker, text: f.text })));
  map.set(ParagraphField.status, ParagraphStatus.pending);
  map.set(LaterParagraphField.statusNote, '');
  map.set(ParagraphField.addedInRound, addedInRound);
  const fragment = new Y.XmlFragment();
  map.set(ParagraphField.text, fragment);
  writeRuns(fragment, paragraph.runs);
  return map;
}

/** The paragraph ids in reading order: duplicates (from concurrent moves) and ids without a paragraph are skipped. */
export function readOrder(doc: Y.Doc): string[] {
  const paragraphs = getParagraphs(doc);
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const id of getOrder(doc).toArray()) {
    if (seen.has(id) || !paragraphs.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

/** Reads the whole negotiation as plain data, numbered. */
export function readNegotiation(doc: Y.Doc): NegotiationSnapshot {
  const meta = getMeta(doc);
  const round = numberOr(meta.get(MetaField.round), 0);
  const brackets = readBracketsByParagraph(doc);
  const paragraphs = readOrder(doc).map((id) => ({ ...readParagraph(id, getParagraphs(doc).get(id) as ParagraphMap), brackets: brackets.get(id) ?? [] }));
  const numbers = numberParagraphs(paragraphs, round);
  paragraphs.forEach((paragraph, i) => (paragraph.number = numbers[i] ?? null));
  const titleBlock = meta.get(MetaField.titleBlock);
  return {
    title: stringOr(meta.get(MetaField.title), untitled),
    titleBlock: Array.isArray(titleBlock) ? titleBlock.filter((line) => typeof line === 'string') : [],
    round,
    floor: readFloor(doc),
    paragraphs,
  };
}

/** Reads one paragraph's map as plain data (number left null: numbering needs the whole order). */
export function readParagraph(id: string, map: ParagraphMap): ParagraphSnapshot {
  const kind = map.get(ParagraphField.kind);
  const status = map.get(ParagraphField.status);
  const text = map.get(ParagraphField.text);
  return {
    id,
    number: null,
    kind: isParagraphKind(kind) ? kind : ParagraphKind.paragraph,
    runs: text instanceof Y.XmlFragment ? readRuns(text) : [],
    source: stringOr(map.get(ParagraphField.source), ''),
    footnotes: readFootnotes(map.get(ParagraphField.footnotes)),
    status: isParagraphStatus(status) ? status : ParagraphStatus.pending,
    statusNote: stringOr(map.get(LaterParagraphField.statusNote), ''),
    addedInRound: numberOr(map.get(ParagraphField.addedInRound), 0),
  };
}

/** The paragraph on the floor (under discussion), or null when none is or it no longer exists. */
export function readFloor(doc: Y.Doc): string | null {
  const floor = getMeta(doc).get(MetaField.floor);
  return typeof floor === 'string' && getParagraphs(doc).has(floor) ? floor : null;
}

/** The paragraph's status as stored (pending when absent or unreadable), or undefined when it does not exist. */
export function paragraphStatusOf(doc: Y.Doc, id: string): ParagraphStatus | undefined {
  const map = getParagraphs(doc).get(id);
  if (!map) return undefined;
  const status = map.get(ParagraphField.status);
  return isParagraphStatus(status) ? status : ParagraphStatus.pending;
}

function readFootnotes(value: unknown): Footnote[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const note = item as Partial<Footnote> | null;
    return note && typeof note.marker === 'string' && typeof note.text === 'string'
      ? [{ marker: note.marker, text: note.text }]
      : [];
  });
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
