/**
 * A proposal that changes only formatting: the plain word diff sees nothing, the rich diff marks the words
 * whose marks changed (and says how), words both reworded and reformatted stay inserted and deleted, and
 * the compilation's wording states the change.
 */
import { describe, expect, it } from 'vitest';
import { compilationLines } from '../../shared/amendments/compilation.ts';
import { compilationEntries } from '../../shared/amendments/compilation-adapter.ts';
import { importText } from '../../shared/import-text.ts';
import { populateNegotiation, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { getProposal, ProposalField, readProposals, writeProposal } from '../../shared/model/proposal.ts';
import { decidedFormattingBase, formattingBase, markChange, markChangeWords, reformattings, richWordDiff, type RichPiece } from '../../shared/amendments/format-diff.ts';
import { proposalWording } from '../../shared/amendments/proposal-wording.ts';
import { diffSide, wordDiff } from '../../shared/amendments/word-diff.ts';
import { parseInlineMarkup } from '../../shared/model/inline-markup.ts';
import * as Y from 'yjs';
import { plainText, type TextRun } from '../../shared/model/text-run.ts';

const runs = (markup: string): TextRun[] => parseInlineMarkup(markup);
const paragraph = runs('We recall the Sendai Framework for Disaster Risk Reduction and **reaffirm** our commitment.');
const italicised = runs('We recall the *Sendai Framework* for Disaster Risk Reduction and **reaffirm** our commitment.');
const plain = plainText(paragraph);

/** The changed pieces as [kind, text, what changed]. */
const changed = (pieces: readonly RichPiece[]) => pieces.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text, markChangeWords(markChange(p))]);

// Every piece reads in both texts at its offsets, with the marks it says.
function expectPiecesStand(before: readonly TextRun[], after: readonly TextRun[], pieces: readonly RichPiece[]): void {
  expect(diffSide(pieces, 'before')).toBe(plainText(before));
  expect(diffSide(pieces, 'after')).toBe(plainText(after));
  for (const piece of pieces) {
    if (piece.kind !== 'inserted') expect(plainText(before).slice(piece.before.start, piece.before.end)).toBe(piece.text);
    if (piece.kind !== 'deleted') expect(plainText(after).slice(piece.after.start, piece.after.end)).toBe(piece.text);
  }
}

describe('a formatting-only proposal', () => {
  it('reads as no change in the plain word diff (the defect): its words are the paragraph’s', () => {
    expect(wordDiff(plain, plainText(italicised)).every((piece) => piece.kind === 'same')).toBe(true);
  });

  it('marks the italicised words as reformatted, "italic added", the rest unchanged', () => {
    const pieces = richWordDiff(paragraph, italicised);
    expect(changed(pieces)).toEqual([['reformatted', 'Sendai Framework', 'italic added']]);
    expectPiecesStand(paragraph, italicised, pieces);
    const reformatted = pieces.find((p) => p.kind === 'reformatted');
    expect(reformatted).toMatchObject({ marks: ['italic'], was: [] });
    // The bold word is drawn bold on both sides, and is no change.
    expect(pieces.find((p) => p.text.includes('reaffirm'))).toMatchObject({ kind: 'same', marks: ['bold'] });
  });

  it('says "bold removed" for bold taken off, and both changes of one word together', () => {
    const unbolded = runs('We recall the Sendai Framework for Disaster Risk Reduction and reaffirm our commitment.');
    expect(changed(richWordDiff(paragraph, unbolded))).toEqual([['reformatted', 'reaffirm', 'bold removed']]);
    const swapped = runs('We recall the Sendai Framework for Disaster Risk Reduction and *reaffirm* our commitment.');
    expect(changed(richWordDiff(paragraph, swapped))).toEqual([['reformatted', 'reaffirm', 'italic added, bold removed']]);
  });

  it('leaves spaces outside a reformatted piece, and ignores marks put only on a space', () => {
    const spaced = [{ text: 'We recall the' }, { text: ' Sendai Framework ', marks: ['italic'] }, { text: 'for Disaster Risk Reduction and ' }, { text: 'reaffirm', marks: ['bold'] }, { text: ' our commitment.' }] as TextRun[];
    expect(changed(richWordDiff(paragraph, spaced))).toEqual([['reformatted', 'Sendai Framework', 'italic added']]);
    const space = [{ text: 'We recall the Sendai' }, { text: ' ', marks: ['italic'] }, { text: 'Framework for Disaster Risk Reduction and ' }, { text: 'reaffirm', marks: ['bold'] }, { text: ' our commitment.' }] as TextRun[];
    expect(changed(richWordDiff(paragraph, space))).toEqual([]);
  });

  it('keeps words both reworded and reformatted as deleted and inserted, with their own marks', () => {
    const reworded = runs('We recall the *Hyogo Framework* for Disaster Risk Reduction and **reaffirm** our commitment.');
    const pieces = richWordDiff(paragraph, reworded);
    expect(changed(pieces)).toEqual([
      ['deleted', 'Sendai', ''],
      ['inserted', 'Hyogo', ''],
      ['reformatted', 'Framework', 'italic added'],
    ]);
    expect(pieces.find((p) => p.kind === 'inserted')?.marks).toEqual(['italic']);
    expectPiecesStand(paragraph, reworded, pieces);
  });

  it('reads reformatted words apart only by spaces as one stretch, and words each stretch in the compilation', () => {
    const apart = [{ text: 'We recall the ' }, { text: 'Sendai', marks: ['italic'] }, { text: ' ' }, { text: 'Framework', marks: ['italic'] }, { text: ' for Disaster Risk Reduction and reaffirm our commitment.' }] as TextRun[];
    const pieces = richWordDiff(paragraph, apart);
    expect(reformattings(pieces).map(({ text, change }) => [text, markChangeWords(change)])).toEqual([
      ['Sendai Framework', 'italic added'],
      ['reaffirm', 'bold removed'],
    ]);
    expect(proposalWording(plain, 'replace-text', plainText(apart), { paragraph, proposal: apart })).toBe('italicise "Sendai Framework"; remove bold from "reaffirm"');
  });

  it('is worded in the compilation: italicise "Sendai Framework", alongside word changes in reading order', () => {
    expect(proposalWording(plain, 'replace-text', plain)).toBe('no change to the text');
    expect(proposalWording(plain, 'replace-text', plain, { paragraph, proposal: italicised })).toBe('italicise "Sendai Framework"');
    const both = runs('We recall the *Sendai Framework* for Disaster Risk Reduction and **reaffirm** our firm commitment.');
    expect(proposalWording(plain, 'replace-text', plainText(both), { paragraph, proposal: both })).toBe('italicise "Sendai Framework"; insert "firm" after "our"');
    // Words that occur twice are placed by the words before them.
    const twice = runs('We recall the Framework and the Framework.');
    const second = runs('We recall the Framework and the *Framework*.');
    expect(proposalWording(plainText(twice), 'replace-text', plainText(second), { paragraph: twice, proposal: second })).toBe('italicise "Framework" after "and the"');
    const lines = compilationLines(plain, [
      { delegation: 'EU', kind: 'replace-text', text: plain, runs: italicised, supporters: [], opponents: [] },
      { delegation: 'NOR', kind: 'replace-text', text: plain, runs: paragraph, supporters: [], opponents: [] },
    ], paragraph);
    expect(lines.map((line) => [line.delegations, line.wording])).toEqual([
      [['EU'], 'italicise "Sendai Framework"'],
      [['NOR'], 'no change to the text'],
    ]);
  });

  it('still shows its change once accepted: the paragraph’s marks compared with those before the acceptance', () => {
    // The paragraph after accepting EU's proposal: "Sendai Framework" italic, "reaffirm" no longer bold.
    const accepted = runs('We recall the *Sendai Framework* for Disaster Risk Reduction and reaffirm our commitment.');
    const from = plain.indexOf('Sendai');
    const reaffirm = plain.indexOf('reaffirm');
    const decision = {
      before: plain,
      after: plain,
      reformatted: [
        { from, to: from + 'Sendai Framework'.length, added: ['italic' as const], removed: [] },
        { from: reaffirm, to: reaffirm + 'reaffirm'.length, added: [], removed: ['bold' as const] },
      ],
    };
    expect(decidedFormattingBase(decision, plain, accepted)).toEqual(paragraph);
    const changed = richWordDiff(decidedFormattingBase(decision, plain, accepted) ?? [], accepted).filter((piece) => piece.kind === 'reformatted');
    expect(changed.map((piece) => piece.text)).toEqual(['Sendai Framework', 'reaffirm']);
    // Against the paragraph's own runs (what the card used before) the change is gone.
    expect(richWordDiff(accepted, accepted).some((piece) => piece.kind === 'reformatted')).toBe(false);
    // Once the words moved on, or for a decision that reformatted nothing, it is compared as a pending one.
    expect(decidedFormattingBase(decision, plain, runs(`${plain} More.`))).toBeNull();
    expect(decidedFormattingBase({ before: plain, after: plain }, plain, accepted)).toBe(accepted);
  });

  it('is compared with the paragraph’s formatting only while the paragraph reads the text it was written on', () => {
    expect(formattingBase(plain, paragraph)).toBe(paragraph);
    expect(formattingBase(`${plain} More.`, paragraph)).toBeNull();
    expect(formattingBase(plain, null)).toBeNull();
  });

  it('is worded by the compilation read from the document, while the paragraph reads the text it was written on', () => {
    const doc = new Y.Doc();
    populateNegotiation(doc, importText('Test\nZero draft\n\n1. We recall the Sendai Framework for Disaster Risk Reduction and **reaffirm** our commitment.\n'));
    const [first] = readNegotiation(doc).paragraphs;
    if (!first) throw new Error('no paragraph');
    const propose = (id: string, basedOn: string) =>
      doc.transact(() => writeProposal(doc, id, { paragraphId: first.id, afterParagraphId: null, delegation: id, kind: 'replace-text', runs: italicised, basedOn, baseMarks: [], rationale: '', createdAt: `2026-01-0${id.length}` }));
    propose('EU', plain);
    // Written on an earlier text, stored before the formatting it was written on was kept: no change of it is claimed.
    propose('NOR', 'We recall the Sendai Framework.');
    doc.transact(() => getProposal(doc, 'NOR')?.delete(ProposalField.baseMarks));
    const lines = compilationEntries(readNegotiation(doc).paragraphs, readProposals(doc))[0]?.lines.map((line) => line.text);
    expect(first.runs).toEqual(paragraph);
    expect(lines).toEqual(['EU: italicise "Sendai Framework"', 'NOR: insert "for Disaster Risk Reduction and reaffirm our commitment" after "Framework"']);
  });
});
