/**
 * Words and the word diff of a proposal against its paragraph, on real paragraphs of the IMRF zero draft:
 * words split where Antragsgrün splits them, and every piece knows where it stands in both texts.
 */
import { describe, expect, it } from 'vitest';
import { applyToString, changesProblem, insertedRanges } from '../../shared/amendments/text-change.ts';
import { diffSide, wordChanges, wordDiff, type DiffPiece } from '../../shared/amendments/word-diff.ts';
import { wordTokens } from '../../shared/amendments/word-tokens.ts';
import { paragraphNumbers, paragraphText, replaceIn } from './amendments-fixture.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const changed = (pieces: readonly DiffPiece[]) => pieces.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text]);

// Every piece reads in both texts at the offsets it gives.
function expectPiecesStand(paragraph: string, proposal: string, pieces: readonly DiffPiece[]): void {
  for (const piece of pieces) {
    if (piece.kind !== 'inserted') expect(paragraph.slice(piece.before.start, piece.before.end)).toBe(piece.text);
    else expect(piece.before.start).toBe(piece.before.end);
    if (piece.kind !== 'deleted') expect(proposal.slice(piece.after.start, piece.after.end)).toBe(piece.text);
    else expect(piece.after.start).toBe(piece.after.end);
  }
  expect(diffSide(pieces, 'before')).toBe(paragraph);
  expect(diffSide(pieces, 'after')).toBe(proposal);
}

describe('word tokens', () => {
  it('split at spaces, hyphens, full stops and colons, keep the separators, and join back exactly', () => {
    const text = 'We recommit to the 360-degree vision: people-centred,  rights-based (para. 11).';
    const tokens = wordTokens(text);
    expect(tokens.map((t) => t.text)).toEqual(['We ', 'recommit ', 'to ', 'the ', '360-', 'degree ', 'vision: ', 'people-', 'centred,  ', 'rights-', 'based ', '(para. ', '11).']);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('read an empty text as no words and leading spaces as a word of their own', () => {
    expect(wordTokens('')).toEqual([]);
    expect(wordTokens('  We').map((t) => t.text)).toEqual(['  ', 'We']);
  });
});

describe.skipIf(!hasImrfFixture)('word diff on the IMRF zero draft', () => {
  it('a replaced verb is deleted then inserted, the space after it unchanged', () => {
    const paragraph = paragraphText('13');
    const proposal = replaceIn(paragraph, 'We welcome', 'We take note of');
    const pieces = wordDiff(paragraph, proposal);
    expect(changed(pieces)).toEqual([['deleted', 'welcome'], ['inserted', 'take note of']]);
    expect(pieces[1]).toMatchObject({ before: { start: 3, end: 10 }, after: { start: 3, end: 3 } });
    expect(pieces[2]).toMatchObject({ before: { start: 10, end: 10 }, after: { start: 3, end: 15 } });
    expectPiecesStand(paragraph, proposal, pieces);
  });

  it('an inserted phrase in a long paragraph is one insertion after the word it follows, the word untouched', () => {
    const paragraph = paragraphText('10');
    const proposal = replaceIn(paragraph, 'natural disasters and', 'natural disasters, slow-onset events and');
    const pieces = wordDiff(paragraph, proposal);
    expect(changed(pieces)).toEqual([['inserted', ', slow-onset events']]);
    expectPiecesStand(paragraph, proposal, pieces);
  });

  it('a hyphen splits words: changing half of a compound changes that half only', () => {
    const paragraph = paragraphText('10');
    const proposal = replaceIn(paragraph, 'climate-related', 'climate-induced');
    expect(changed(wordDiff(paragraph, proposal))).toEqual([['deleted', 'related'], ['inserted', 'induced']]);
  });

  it('several separate edits of paragraph 22 are separate pieces, and its changes rebuild the proposal', () => {
    const paragraph = paragraphText('22');
    let proposal = replaceIn(paragraph, 'many Member States', 'Member States');
    proposal = replaceIn(proposal, 'fair and ethical', 'ethical');
    proposal = replaceIn(proposal, 'decent work', 'decent work and social protection');
    const pieces = wordDiff(paragraph, proposal);
    expect(changed(pieces)).toEqual([['deleted', 'many '], ['deleted', 'fair and '], ['inserted', 'and social protection ']]);
    expectPiecesStand(paragraph, proposal, pieces);
    const changes = wordChanges(paragraph, proposal);
    expect(changes).toHaveLength(3);
    expect(changesProblem(changes, paragraph.length)).toBeNull();
    expect(applyToString(paragraph, changes)).toBe(proposal);
    expect(insertedRanges(changes).map((r, i) => proposal.slice(r.start, r.end) === changes[i]?.insert)).toEqual([true, true, true]);
  });

  it('no change, a whole rewrite, and an emptied text all read exactly', () => {
    const paragraph = paragraphText('17');
    expect(wordDiff(paragraph, paragraph)).toEqual([{ kind: 'same', text: paragraph, before: { start: 0, end: paragraph.length }, after: { start: 0, end: paragraph.length } }]);
    expect(wordChanges(paragraph, paragraph)).toEqual([]);
    const rewrite = 'We thank the Network.';
    expectPiecesStand(paragraph, rewrite, wordDiff(paragraph, rewrite));
    expect(wordDiff(paragraph, '')).toEqual([{ kind: 'deleted', text: paragraph, before: { start: 0, end: paragraph.length }, after: { start: 0, end: 0 } }]);
    expect(applyToString(paragraph, wordChanges(paragraph, rewrite))).toBe(rewrite);
  });

  it('a word replaced before a comma leaves the comma, and one added between two words is an insertion', () => {
    const paragraph = paragraphText('5');
    const proposal = replaceIn(paragraph, 'concerns over migration,', 'concerns regarding migration,');
    const swapped = replaceIn(paragraph, 'dignity, human rights', 'dignity, well-being, human rights');
    expect(changed(wordDiff(paragraph, proposal))).toEqual([['deleted', 'over'], ['inserted', 'regarding']]);
    expect(changed(wordDiff(paragraph, swapped))).toEqual([['inserted', 'well-being, ']]);
    const sold = replaceIn(paragraph, 'safety,', 'safety');
    expect(changed(wordDiff(paragraph, sold))).toEqual([['deleted', ',']]);
  });

  it('a word inserted in a list of paragraph 30 is one insertion', () => {
    const paragraph = paragraphText('30');
    const proposal = replaceIn(paragraph, 'women, children', 'women, girls, children');
    const pieces = wordDiff(paragraph, proposal);
    expect(changed(pieces)).toEqual([['inserted', 'girls, ']]);
    expectPiecesStand(paragraph, proposal, pieces);
  });
});

describe('a long paragraph', () => {
  // node-diff3's alignment would cost too much on these (common words pair quadratically): Myers' diff aligns them.
  const longText = (words: number) => {
    const text = paragraphNumbers.map(paragraphText).join(' ');
    const tokens = wordTokens(text);
    return text.slice(0, (tokens[words] as { start: number }).start);
  };

  it.skipIf(!hasImrfFixture)('of 1,500 words, with edits near both ends, changes only those words', () => {
    const paragraph = longText(1500);
    const proposal = replaceIn(replaceIn(paragraph, ' the ', ' a '), ' the ', ' each ', paragraph.split(' the ').length - 3);
    const pieces = wordDiff(paragraph, proposal);
    expect(changed(pieces)).toEqual([
      ['deleted', 'the'],
      ['inserted', 'a'],
      ['deleted', 'the'],
      ['inserted', 'each'],
    ]);
    expectPiecesStand(paragraph, proposal, pieces);
  });

  it('of a few words repeated and rotated by one, reads as one word moved from the end to the front', () => {
    const paragraph = 'the of and '.repeat(400);
    const proposal = 'and the of '.repeat(400);
    const pieces = wordDiff(paragraph, proposal);
    expect(changed(pieces)).toEqual([
      ['inserted', 'and '],
      ['deleted', 'and '],
    ]);
    expectPiecesStand(paragraph, proposal, pieces);
  });

  it('of a few words shuffled (made to stall a diff) reads as replaced whole, exactly', () => {
    const rng = new Rng(7);
    const shuffled = () => Array.from({ length: 3000 }, () => ['a ', 'b ', 'c '][rng.int(0, 2)]).join('');
    const paragraph = `Start ${shuffled()}end.`;
    const proposal = `Start ${shuffled()}end.`;
    const pieces = wordDiff(paragraph, proposal);
    expect(pieces.map((p) => p.kind)).toEqual(['same', 'deleted', 'inserted', 'same']);
    expect(diffSide(pieces, 'before')).toBe(paragraph);
    expect(diffSide(pieces, 'after')).toBe(proposal);
  });
});

describe('change lists', () => {
  it('name what cannot apply', () => {
    expect(changesProblem([{ from: 2, to: 1, insert: '' }], 5)).toMatch(/not a range/);
    expect(changesProblem([{ from: 0, to: 9, insert: '' }], 5)).toMatch(/past the text/);
    expect(changesProblem([{ from: 2, to: 4, insert: 'x' }, { from: 3, to: 3, insert: 'y' }], 5)).toMatch(/overlaps/);
    expect(changesProblem([{ from: 1, to: 2, insert: 'x' }, { from: 2, to: 2, insert: 'y' }], 5)).toBeNull();
  });
});
