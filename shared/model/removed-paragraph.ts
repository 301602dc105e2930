/**
 * Paragraphs a facilitator deleted directly (the delete-paragraph command), each kept as plain data under
 * its own id in the `removed` root map, so that it can be put back (restore-paragraph) with its words,
 * formatting, footnotes, source, status and brackets. Only commands write here. The most recent
 * `maxRemovedParagraphs` deletions are kept, `maxRemovedCharacters` of text at most together (every page
 * downloads them); an older one, or a paragraph too large to keep, can only be inserted again. (A deletion accepted from a proposal keeps its copy in the proposal's decision instead.)
 */
import * as Y from 'yjs';
import { DocRoot } from './negotiation-doc.ts';
import { isKeptParagraph, type KeptParagraph } from './proposal.ts';
import { plainText } from './text-run.ts';

/** A directly deleted paragraph as stored: the kept copy, who deleted it and when (ISO 8601). */
export interface RemovedParagraph {
  paragraph: KeptParagraph;
  by: string;
  at: string;
}

/** A stored deletion with the id of the paragraph it removed. */
export interface RemovedEntry extends RemovedParagraph {
  id: string;
}

/** How many direct deletions are kept to be put back; the oldest goes when one more is kept. */
export const maxRemovedParagraphs = 50;

/** How many characters of text the kept deletions hold together at most (every page downloads them): the oldest go first. */
export const maxRemovedCharacters = 200_000;

/** The removed root map: paragraph id -> RemovedParagraph. */
export function getRemoved(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(DocRoot.removed);
}

/** The kept deletion of paragraph `id`, or null (read defensively: only commands write it). */
export function readRemovedParagraph(doc: Y.Doc, id: string): RemovedParagraph | null {
  return removedOf(getRemoved(doc).get(id));
}

/** Every kept deletion, oldest first (ties by id). */
export function readRemovedParagraphs(doc: Y.Doc): RemovedEntry[] {
  const out: RemovedEntry[] = [];
  for (const [id, value] of getRemoved(doc).entries()) {
    const removed = removedOf(value);
    if (removed) out.push({ id, ...removed });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Keeps `paragraph` as deleted by `by` at `at`, dropping the oldest kept deletions past the limit. Call inside a transaction. */
export function keepRemoved(doc: Y.Doc, id: string, removed: RemovedParagraph, limit = maxRemovedParagraphs): void {
  const map = getRemoved(doc);
  map.set(id, removed);
  // The one just kept stays, whatever its time says (a clock set back must not drop it at once).
  const others = readRemovedParagraphs(doc).filter((entry) => entry.id !== id);
  let characters = charactersOf(removed);
  for (const entry of others) characters += charactersOf(entry);
  others.forEach((old, i) => {
    if (others.length - i < limit && characters <= maxRemovedCharacters) return;
    map.delete(old.id);
    characters -= charactersOf(old);
  });
}

function charactersOf(removed: RemovedParagraph): number {
  return plainText(removed.paragraph.runs).length;
}

function removedOf(value: unknown): RemovedParagraph | null {
  if (value === null || typeof value !== 'object') return null;
  const { paragraph, by, at } = value as Partial<RemovedParagraph>;
  return typeof by === 'string' && typeof at === 'string' && isKeptParagraph(paragraph) ? { paragraph, by, at } : null;
}
