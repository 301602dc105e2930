/**
 * The conference text: 300 paragraphs (also the benchmark document of test/bench/run.ts), as the plain text that
 * Draftroom imports into exactly that draft, and as a locally populated Yjs document; plus a digest of a
 * document's paragraph texts to tell whether copies converged, and the XmlText a writer types into.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { getParagraphText, populateNegotiation, readOrder } from '../../../shared/model/negotiation-doc.ts';
import type { DraftDocument } from '../../../shared/model/paragraph.ts';

/** Paragraphs in the conference text. */
export const conferenceParagraphs = 300;

/** The draft: 60 words a paragraph, a source on every third. */
export function conferenceDraft(paragraphs = conferenceParagraphs): DraftDocument {
  const words = 'we reaffirm the commitment to sustainable development and international cooperation for all'.split(' ');
  return {
    titleBlock: ['Benchmark declaration', 'Zero draft'],
    paragraphs: Array.from({ length: paragraphs }, (_, i) => ({
      kind: 'paragraph' as const,
      runs: [{ text: Array.from({ length: 60 }, (_, w) => words[(i + w) % words.length]).join(' ') + '.' }],
      source: i % 3 === 0 ? `based on report, para ${i}` : '',
      footnotes: [],
    })),
  };
}

/** The draft as plain text that shared/import-text.ts reads back into exactly conferenceDraft(). */
export function conferenceDraftText(paragraphs = conferenceParagraphs): string {
  const draft = conferenceDraft(paragraphs);
  const body = draft.paragraphs.map((p, i) => `${i + 1}. ${p.runs.map((r) => r.text).join('')}${p.source ? ` *[${p.source}]*` : ''}\n`);
  return [...draft.titleBlock, '', ...body].join('\n');
}

/** Y.encodeStateAsUpdate of a new document populated with the conference draft (used when Draftroom is not run). */
export function localSeedBytes(): Uint8Array {
  const doc = new Y.Doc();
  populateNegotiation(doc, conferenceDraft());
  return Y.encodeStateAsUpdate(doc);
}

/** The XmlText holding paragraph `id`'s words (fragment > <paragraph> > text), or null. */
export function paragraphXmlText(doc: Y.Doc, id: string): Y.XmlText | null {
  const element = getParagraphText(doc, id)?.get(0);
  const text = element instanceof Y.XmlElement ? element.get(0) : null;
  return text instanceof Y.XmlText ? text : null;
}

/** What two copies of the text must agree on. */
export interface DocDigest {
  /** SHA-1 of every paragraph's id and XML, in reading order. */
  hash: string;
  /** Characters in all paragraph texts together. */
  textLength: number;
  paragraphs: number;
}

/** The digest of `doc`'s paragraphs. */
export function digestDoc(doc: Y.Doc): DocDigest {
  const hash = createHash('sha1');
  let textLength = 0;
  const ids = readOrder(doc);
  for (const id of ids) {
    hash.update(`${id}\u0000${getParagraphText(doc, id)?.toString() ?? ''}\u0000`);
    textLength += paragraphXmlText(doc, id)?.length ?? 0;
  }
  return { hash: hash.digest('hex'), textLength, paragraphs: ids.length };
}
