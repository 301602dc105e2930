/**
 * The compilation adapter on the real IMRF zero draft, read back through Yjs as the server and the page read
 * it: proposals written into the document come out under their paragraph in the conventional form,
 * identical ones once with every name, supporters and opponents worded, open ones by default and the
 * decided ones (with their status) only when asked.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { compilationEntries, formatCompilationEntries, orphanHeading, type CompilationEntry } from '../../shared/amendments/compilation-adapter.ts';
import { importText } from '../../shared/import-text.ts';
import { populateNegotiation, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { getProposal, readProposals, writeProposal, ProposalField, type ProposalKind, type ProposalStatus, type Reaction } from '../../shared/model/proposal.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { replaceIn } from './amendments-fixture.ts';
import { hasImrfFixture, imrfText } from './snapshot-of.ts';

interface Draft {
  doc: Y.Doc;
  /** Paragraph id and plain text by number. */
  byNumber: (number: string) => { id: string; text: string };
  /** Writes a proposal (as the propose command would) and returns its id. */
  propose: (id: string, delegation: string, number: string, kind: ProposalKind, text: string, reactions?: Record<string, Reaction>) => string;
}

let clock = 0;

function imrfDraft(): Draft {
  const doc = new Y.Doc();
  populateNegotiation(doc, importText(imrfText));
  const paragraphs = readNegotiation(doc).paragraphs;
  const byNumber = (number: string) => {
    const found = paragraphs.find((p) => p.number === number);
    if (!found) throw new Error(`no paragraph ${number}`);
    return { id: found.id, text: plainText(found.runs) };
  };
  const propose: Draft['propose'] = (id, delegation, number, kind, text, reactions = {}) => {
    const paragraph = byNumber(number);
    const insert = kind === 'insert-paragraph';
    doc.transact(() => {
      writeProposal(doc, id, {
        paragraphId: insert ? null : paragraph.id,
        afterParagraphId: insert ? paragraph.id : null,
        delegation,
        kind,
        runs: text === '' ? [] : [{ text }],
        basedOn: paragraph.text,
        baseMarks: [],
        rationale: '',
        createdAt: new Date(Date.UTC(2026, 10, 30, 12, 0, clock++)).toISOString(),
      });
      const marks = getProposal(doc, id)?.get(ProposalField.reactions) as Y.Map<Reaction>;
      for (const [code, reaction] of Object.entries(reactions)) marks.set(code, reaction);
    });
    return id;
  };
  return { doc, byNumber, propose };
}

function setStatus(doc: Y.Doc, id: string, status: ProposalStatus): void {
  getProposal(doc, id)?.set(ProposalField.status, status);
}

function entriesOf(doc: Y.Doc, options: { all?: boolean } = {}): CompilationEntry[] {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return compilationEntries(readNegotiation(copy).paragraphs, readProposals(copy), options);
}

const linesUnder = (entries: CompilationEntry[], number: string) => entries.find((entry) => entry.number === number)?.lines.map((line) => line.text);

describe.skipIf(!hasImrfFixture)('compilation adapter on the IMRF zero draft', () => {
  it('joins identical proposals of several delegations once, with every name, supporters and opponents after them', () => {
    const d = imrfDraft();
    const p5 = d.byNumber('5').text;
    const regarding = replaceIn(p5, 'concerns over migration', 'concerns regarding migration');
    d.propose('eu-5', 'EU', '5', 'replace-text', regarding, { NOR: 'support', CHE: 'support', G77: 'oppose' });
    d.propose('g77-5', 'G77', '5', 'delete-paragraph', '');
    // The same words with other spacing and another supporter: the same proposal.
    d.propose('nor-5', 'NOR', '5', 'replace-text', regarding.replace('regarding migration', 'regarding  migration'), { EU: 'support', AUS: 'support' });
    d.propose('ken-5', 'KEN', '5', 'insert-paragraph', 'We commit to end child detention.', { USA: 'oppose' });
    d.propose('usa-5', 'USA', '5', 'retain', '');
    d.propose('che-5', 'CHE', '5', 'retain', '', { MEX: 'support' });
    const entries = entriesOf(d.doc);
    expect(linesUnder(entries, '5')).toEqual([
      'EU, NOR: replace "over" with "regarding" (supported by CHE, AUS; opposed by G77)',
      'G77: delete',
      'KEN: insert after: "We commit to end child detention." (opposed by USA)',
      'USA, CHE: retain (supported by MEX)',
    ]);
    const line = entries.find((entry) => entry.number === '5')?.lines[0];
    expect(line).toMatchObject({ delegations: ['EU', 'NOR'], supporters: ['CHE', 'AUS'], opponents: ['G77'], status: 'pending' });
    // Paragraphs without proposals are there, with no lines.
    expect(linesUnder(entries, '6')).toEqual([]);
  });

  it('writes the whole text: headings without number, each paragraph numbered, its lines under it', () => {
    const d = imrfDraft();
    const p13 = d.byNumber('13').text;
    d.propose('eu-13', 'EU', '13', 'replace-text', replaceIn(p13, 'We welcome', 'We take note of'), { KEN: 'support' });
    d.propose('g77-13', 'G77', '13', 'retain', '');
    const text = formatCompilationEntries(entriesOf(d.doc));
    expect(text).toContain(['', `13. ${p13}`, 'EU: replace "welcome" with "take note of" (supported by KEN)', 'G77: retain', '', `14. ${d.byNumber('14').text}`, ''].join('\n'));
    // Italics are written as the text export writes them (`*GCM para 49*`).
    expect(text).toMatch(/^1\. We, the Heads of State[^\n]* \*\[GCM para 49\]\*, have adopted[^\n]*\n\nIntroduction\n\n2\. We reaffirm /);
    expect(text.endsWith('\n')).toBe(true);
    // One block per paragraph and heading, nothing else.
    expect(text.trimEnd().split('\n\n')).toHaveLength(readNegotiation(d.doc).paragraphs.length);
  });

  it('leaves decided proposals out by default; with all, lists them after the open ones with their status, worded against their base', () => {
    const d = imrfDraft();
    const p22 = d.byNumber('22').text;
    const accepted = replaceIn(p22, 'decent work', 'decent work and social protection');
    d.propose('eu-22', 'EU', '22', 'replace-text', accepted, { NOR: 'support' });
    d.propose('g77-22', 'G77', '22', 'delete-paragraph', '');
    d.propose('ken-22', 'KEN', '22', 'comment', 'Reservation pending consultations.');
    d.propose('usa-22', 'USA', '22', 'retain', '');
    setStatus(d.doc, 'eu-22', 'accepted');
    setStatus(d.doc, 'g77-22', 'rejected');
    setStatus(d.doc, 'usa-22', 'withdrawn');
    expect(linesUnder(entriesOf(d.doc), '22')).toEqual(['KEN: comment: "Reservation pending consultations."']);
    expect(linesUnder(entriesOf(d.doc, { all: true }), '22')).toEqual([
      'KEN: comment: "Reservation pending consultations."',
      'EU: insert "and social protection" after "decent work" (supported by NOR) — accepted',
      'G77: delete — rejected',
      'USA: retain — withdrawn',
    ]);
  });

  it('puts proposals whose paragraph is gone at the end, worded against their base', () => {
    const d = imrfDraft();
    const p7 = d.byNumber('7');
    d.propose('eu-7', 'EU', '7', 'replace-text', replaceIn(p7.text, 'We', 'We, the Ministers,'));
    d.doc.transact(() => getProposal(d.doc, 'eu-7')?.set(ProposalField.paragraphId, 'gone-paragraph'));
    const entries = entriesOf(d.doc);
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ paragraphId: null, number: null, display: orphanHeading });
    expect(last?.lines.map((line) => line.text)).toEqual(['EU: insert ", the Ministers," after "We"']);
    expect(linesUnder(entries, '7')).toEqual([]);
  });
});
