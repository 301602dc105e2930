/**
 * Proposals written straight into a stopped server's stored document (its SQLite file), as the server itself
 * would store a command's change, for benchmarks that need thousands of proposals (2,000 propose commands
 * over HTTP would take longer than the measurements). Also realistic proposals on a paragraph: a replacement
 * that changes a few words, a comment, reactions from several delegations.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { getParagraphs, getParagraphText, ParagraphField, readOrder } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { getProposal, ProposalField, ProposalKind, Reaction, writeProposal } from '../../shared/model/proposal.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { openSqliteStorage } from '../../server/storage/sqlite-storage.ts';
import type { Rng } from './fuzz-random.ts';

/**
 * Applies `change` (in one transaction) to negotiation `negotiationId` as stored in `dataDir`, appending the
 * change to its update log. The server using `dataDir` must be stopped; the next start loads the change.
 */
export async function changeStoredDocument(dataDir: string, negotiationId: string, change: (doc: Y.Doc) => void): Promise<void> {
  const storage = openSqliteStorage(join(dataDir, 'draftroom.sqlite'));
  try {
    const stored = await storage.loadDocument(negotiationId);
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(doc, update);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc));
    await storage.appendUpdate(negotiationId, Y.encodeStateAsUpdate(doc, before));
    doc.destroy();
  } finally {
    await storage.close();
  }
}

/** The plain text of paragraph `id` ('' when it has none). */
export function paragraphPlain(doc: Y.Doc, id: string): string {
  const fragment = getParagraphText(doc, id);
  return fragment ? plainText(readRuns(fragment)) : '';
}

/** The numbered paragraphs of `doc`, in reading order (headings left out). */
export function numberedParagraphs(doc: Y.Doc): string[] {
  return readOrder(doc).filter((id) => getParagraphs(doc).get(id)?.get(ParagraphField.kind) === 'paragraph');
}

const replacementWords = ['effective', 'sustainable', 'voluntary', 'regular', 'inclusive', 'all', 'relevant', 'national', 'safe', 'appropriate', 'further', 'strengthened'];

/** `text` with one to three small word changes (a word replaced, a word or two inserted, a word deleted), as a delegation writes them. */
export function smallWordChanges(text: string, rng: Rng): string {
  const words = text.split(' ');
  const changes = rng.int(1, 3);
  for (let i = 0; i < changes && words.length > 3; i++) {
    const at = rng.int(1, words.length - 2);
    const kind = rng.weighted([[3, 'replace'], [2, 'insert'], [1, 'delete']] as const);
    if (kind === 'replace') words[at] = rng.pick(replacementWords);
    else if (kind === 'insert') words.splice(at, 0, ...(rng.chance(0.5) ? [rng.pick(replacementWords)] : ['and', rng.pick(replacementWords)]));
    else words.splice(at, 1);
  }
  return words.join(' ');
}

/** What writeProposals wrote: every proposal id, and those of each delegation. */
export interface WrittenProposals {
  ids: string[];
  byDelegation: Map<string, string[]>;
}

/**
 * Writes `count` pending proposals over the numbered paragraphs of `doc` (round robin), attributed in turn to
 * `delegations`: four in five replace the paragraph's text with a few words changed, the rest are comments;
 * about half carry reactions (support or oppose) from one to three other delegations. Ids are `${prefix}${n}`.
 * Call inside a transaction.
 */
export function writeProposals(doc: Y.Doc, count: number, delegations: readonly string[], rng: Rng, prefix = 'bench'): WrittenProposals {
  const paragraphs = numberedParagraphs(doc);
  const texts = new Map(paragraphs.map((id) => [id, paragraphPlain(doc, id)]));
  const written: WrittenProposals = { ids: [], byDelegation: new Map(delegations.map((code) => [code, []])) };
  const start = Date.parse('2026-11-30T09:00:00.000Z');
  for (let n = 0; n < count; n++) {
    const paragraphId = paragraphs[n % paragraphs.length] as string;
    const delegation = delegations[n % delegations.length] as string;
    const basedOn = texts.get(paragraphId) ?? '';
    const comment = rng.chance(0.2);
    const id = `${prefix}${n}`;
    writeProposal(doc, id, {
      paragraphId,
      afterParagraphId: null,
      delegation,
      kind: comment ? ProposalKind.comment : ProposalKind.replaceText,
      runs: [{ text: comment ? 'We would prefer language closer to the agreed text of the Global Compact here.' : smallWordChanges(basedOn, rng) }],
      basedOn,
      baseMarks: [],
      rationale: rng.chance(0.3) ? 'Closer to agreed language.' : '',
      createdAt: new Date(start + n * 1_000).toISOString(),
    });
    if (rng.chance(0.5)) {
      const reactions = getProposal(doc, id)?.get(ProposalField.reactions) as Y.Map<Reaction>;
      const others = delegations.filter((code) => code !== delegation);
      for (let r = rng.int(1, 3); r > 0 && others.length > 0; r--) {
        const code = others.splice(rng.int(0, others.length - 1), 1)[0] as string;
        reactions.set(code, rng.chance(0.75) ? Reaction.support : Reaction.oppose);
      }
    }
    written.ids.push(id);
    written.byDelegation.get(delegation)?.push(id);
  }
  return written;
}

/** The Y.XmlText inside a proposal's one paragraph block (what its editor types into); throws when there is none. */
export function proposalXmlText(doc: Y.Doc, proposalId: string): Y.XmlText {
  const fragment = getProposal(doc, proposalId)?.get(ProposalField.text);
  const element = fragment instanceof Y.XmlFragment ? fragment.get(0) : undefined;
  const text = element instanceof Y.XmlElement ? element.get(0) : undefined;
  if (!(text instanceof Y.XmlText)) throw new Error(`proposal ${proposalId} has no text`);
  return text;
}
