/**
 * A proposal's formatting against the paragraph formatted otherwise since it was written: the formatting it
 * was written on is kept with it, so a facilitator's later bold or italic is neither shown as the proposal
 * taking it back nor taken back when it is accepted, while the proposal's own formatting still lands.
 * Proposals stored before the base formatting was kept read as before, against the paragraph now.
 */
import { describe, expect, it } from 'vitest';
import { compilationEntries } from '../../shared/amendments/compilation-adapter.ts';
import { decidedFormattingBase, formattingBase, reformattings, richWordDiff } from '../../shared/amendments/format-diff.ts';
import { rebasedRuns, threeWayMarks } from '../../shared/amendments/proposal-rebase.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { getProposal, ProposalField, readProposals } from '../../shared/model/proposal.ts';
import { markSpansOf, plainText, runsWithMarks, type TextRun } from '../../shared/model/text-run.ts';
import { format, marked, people, proposalCharacters, proposalRoom, runsOf, swap } from './proposal-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const { chair, eu } = people;

describe('base formatting as data', () => {
  it('mark spans round-trip through runs, and a span past the text is cut at its end', () => {
    const runs: TextRun[] = [{ text: 'We ' }, { text: 'reaffirm', marks: ['bold'] }, { text: ' the ' }, { text: 'Compact', marks: ['bold', 'italic'] }, { text: '.' }];
    const spans = markSpansOf(runs);
    expect(spans).toEqual([
      { from: 3, to: 11, marks: ['bold'] },
      { from: 16, to: 23, marks: ['bold', 'italic'] },
    ]);
    expect(runsWithMarks('We reaffirm the Compact.', spans)).toEqual(runs);
    expect(runsWithMarks('We reaffirm', [{ from: 3, to: 40, marks: ['italic'] }])).toEqual([{ text: 'We ' }, { text: 'reaffirm', marks: ['italic'] }]);
  });

  it('three-way marks: the proposal’s additions and removals land on the marks the words carry now', () => {
    expect(threeWayMarks([], ['italic'], ['bold'])).toEqual(['bold', 'italic']);
    expect(threeWayMarks(['bold'], [], ['bold', 'italic'])).toEqual(['italic']);
    expect(threeWayMarks([], [], ['bold'])).toEqual(['bold']);
    expect(threeWayMarks(['bold'], ['bold'], [])).toEqual([]);
  });

  it('rebased runs: a later bold stays, the proposal’s italic is added; words the proposal rewrote keep its own marks', () => {
    const basedOn = 'We reaffirm the Global Compact for Migration.';
    const current: TextRun[] = [{ text: 'We ' }, { text: 'reaffirm', marks: ['bold'] }, { text: ' the Global Compact for Migration.' }];
    const proposal: TextRun[] = [{ text: 'We strongly reaffirm the ' }, { text: 'Global Compact', marks: ['italic'] }, { text: ' for Migration.' }];
    const rebased = rebasedRuns(proposal, basedOn, [], current);
    expect(rebased).toEqual([{ text: 'We strongly ' }, { text: 'reaffirm', marks: ['bold'] }, { text: ' the ' }, { text: 'Global Compact', marks: ['italic'] }, { text: ' for Migration.' }]);
    // Against the paragraph now, only the proposal's own changes show.
    const shown = reformattings(richWordDiff(current, rebased)).map((r) => [r.text, r.change]);
    expect(shown).toEqual([['Global Compact', { added: ['italic'], removed: [] }]]);
    // Without the base formatting (an older proposal) the copy reads as it is.
    expect(rebasedRuns(proposal, basedOn, null, current)).toEqual(proposal);
    expect(reformattings(richWordDiff(current, proposal)).map((r) => r.text)).toEqual(['reaffirm', 'Global Compact']);
  });
});

describe.skipIf(!hasImrfFixture)('a paragraph formatted after the proposal was written', () => {
  it('the propose command keeps the paragraph’s formatting with the proposal', () => {
    const r = proposalRoom();
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const id = r.replace(eu, '12', (now) => now);
    const at = r.words('12').indexOf('deeply concerned');
    expect(r.proposal(id).baseMarks).toEqual([{ from: at, to: at + 'deeply concerned'.length, marks: ['bold'] }]);
    expect(getProposal(r.doc, id)?.get(ProposalField.baseMarks)).toEqual([{ from: at, to: at + 'deeply concerned'.length, marks: ['bold'] }]);
  });

  it('accepting keeps a facilitator’s later formatting and applies only the proposal’s own', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    // After EU copied the paragraph, the chair emboldens two words in it.
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const decision = r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(decision.record.summary).toBe('accepted EU’s proposal to amend paragraph 12: italic added to “perilous routes”');
    expect(marked(runsOf(r, '12'), 'bold')).toEqual(['deeply concerned']);
    expect(marked(runsOf(r, '12'), 'italic')).toEqual(['perilous routes']);
    // Undo takes back the italic alone.
    r.act(chair, { type: 'undo-decision', proposalId: id });
    expect(marked(runsOf(r, '12'), 'bold')).toEqual(['deeply concerned']);
    expect(marked(runsOf(r, '12'), 'italic')).toEqual([]);
  });

  it('a proposal that removes bold still removes it where the chair italicised the same words since; the italic stays', () => {
    const r = proposalRoom();
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const id = r.replace(eu, '12', (now) => swap(now, 'thousands of people', 'thousands of migrants'));
    format(r, proposalCharacters(r, id), 'deeply concerned', { bold: null });
    format(r, r.text(r.para('12')), 'deeply concerned', { italic: {} });
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(r.words('12')).toContain('thousands of migrants');
    expect(marked(runsOf(r, '12'), 'bold')).toEqual([]);
    expect(marked(runsOf(r, '12'), 'italic')).toEqual(['deeply concerned']);
  });

  it('the compilation words only the proposal’s own formatting', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const entry = compilationEntries(readNegotiation(r.doc).paragraphs, readProposals(r.doc), {}).find((e) => e.paragraphId === r.para('12'));
    expect(entry?.lines.map((line) => line.text)).toEqual(['EU: italicise "perilous routes"']);
  });

  it('written on an older text: its formatting still shows, against the text it was written on; decided, likewise', () => {
    const r = proposalRoom();
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    r.type('12', 'at sea', 'by sea');
    const proposal = r.proposal(id);
    const base = formattingBase(proposal.basedOn, runsOf(r, '12'), proposal.baseMarks);
    expect(base && plainText(base)).toBe(proposal.basedOn);
    expect(reformattings(richWordDiff(base ?? [], proposal.runs)).map((f) => [f.text, f.change])).toEqual([['perilous routes', { added: ['italic'], removed: [] }]]);
    expect(formattingBase(proposal.basedOn, runsOf(r, '12'), null)).toBeNull();
    const entry = compilationEntries(readNegotiation(r.doc).paragraphs, readProposals(r.doc), {}).find((e) => e.paragraphId === r.para('12'));
    expect(entry?.lines.map((line) => line.text)).toEqual(['EU: italicise "perilous routes"']);
    r.act(chair, { type: 'reject-proposal', proposalId: id });
    expect(decidedFormattingBase(r.proposal(id).decision, proposal.basedOn, runsOf(r, '12'), proposal.baseMarks)).toEqual(base);
  });

  it('the compilation of decided proposals words a rejected one’s own formatting too, not the paragraph’s later bold', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    r.act(chair, { type: 'reject-proposal', proposalId: id });
    const entry = compilationEntries(readNegotiation(r.doc).paragraphs, readProposals(r.doc), { all: true }).find((e) => e.paragraphId === r.para('12'));
    expect(entry?.lines.map((line) => line.text)).toEqual(['EU: italicise "perilous routes" — rejected']);
  });

  it('in the compilation, proposals on one text join only with the same base formatting: an older one without it hides nothing', () => {
    const r = proposalRoom();
    const old = r.replace(people.us, '12', (now) => swap(now, 'thousands of people', 'thousands of persons'));
    r.doc.transact(() => getProposal(r.doc, old)?.delete(ProposalField.baseMarks));
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    r.type('12', 'at sea', 'by sea');
    const entry = compilationEntries(readNegotiation(r.doc).paragraphs, readProposals(r.doc), {}).find((e) => e.paragraphId === r.para('12'));
    expect(entry?.lines.map((line) => line.text)).toContain('EU: italicise "perilous routes"');
  });

  it('a proposal stored before its base formatting was kept reads the paragraph’s later bold as its own removal, as before', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => now);
    r.doc.transact(() => getProposal(r.doc, id)?.delete(ProposalField.baseMarks));
    expect(r.proposal(id).baseMarks).toBeNull();
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    expect(r.act(chair, { type: 'accept-proposal', proposalId: id }).record.summary).toBe('accepted EU’s proposal to amend paragraph 12: bold removed from “deeply concerned”');
  });
});
