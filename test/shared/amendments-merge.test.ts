/**
 * The three-way merge of proposals written against an older text, on real paragraphs of the IMRF zero
 * draft: what the facilitators changed meanwhile stays, what the proposal changed applies word by word,
 * and where both changed the same words the three versions come back as a clash.
 */
import { describe, expect, it } from 'vitest';
import { mergeThreeWay, resolveClashes, type ClashingMerge, type MergeResult } from '../../shared/amendments/three-way-merge.ts';
import { applyToString, changesProblem } from '../../shared/amendments/text-change.ts';
import { wordChanges } from '../../shared/amendments/word-diff.ts';
import { paragraphNumbers, paragraphText, replaceIn } from './amendments-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

function clashing(result: MergeResult): ClashingMerge {
  if (result.ok) throw new Error('expected a clash');
  return result;
}

// Each change names words of the current text and inserts the proposal's; together they give the merged text.
function expectApplies(current: string, result: MergeResult, merged: string): void {
  if (!result.ok) throw new Error(`unexpected clash: ${JSON.stringify(result.clashes)}`);
  expect(result.text).toBe(merged);
  expect(changesProblem(result.changes, current.length)).toBeNull();
  expect(applyToString(current, result.changes)).toBe(merged);
}

describe.skipIf(!hasImrfFixture)('three-way merge on the IMRF zero draft', () => {
  it('a proposal on the text it was written against is its word changes', () => {
    const base = paragraphText('22');
    const proposal = replaceIn(base, 'decent work', 'decent work and social protection');
    const result = mergeThreeWay(base, base, proposal);
    expectApplies(base, result, proposal);
    expect(result.changes).toEqual(wordChanges(base, proposal));
    expect(result.changes).toEqual([{ from: base.indexOf('decent work') + 'decent work '.length, to: base.indexOf('decent work') + 'decent work '.length, insert: 'and social protection ' }]);
  });

  it('keeps what the facilitators changed elsewhere and applies the proposal’s changes at their place in the current text', () => {
    const base = paragraphText('22');
    let current = replaceIn(base, 'digital technologies', 'digital tools');
    current = replaceIn(current, 'Progress has been made', 'Progress has been achieved');
    let proposal = replaceIn(base, 'many Member States', 'Member States');
    proposal = replaceIn(proposal, 'returning migrants', 'returning migrants and their families');
    const merged = replaceIn(replaceIn(current, 'many Member States', 'Member States'), 'returning migrants', 'returning migrants and their families');
    const result = mergeThreeWay(base, current, proposal);
    expectApplies(current, result, merged);
    expect(result.changes.map((c) => [current.slice(c.from, c.to), c.insert])).toEqual([['many ', ''], ['', ' and their families']]);
  });

  it('the same change made on both sides merges without a clash and without changing anything twice', () => {
    const base = paragraphText('22');
    const current = replaceIn(base, 'fair and ethical', 'ethical');
    const proposal = replaceIn(replaceIn(base, 'fair and ethical', 'ethical'), 'skills of migrant', 'skills of all migrant');
    const result = mergeThreeWay(base, current, proposal);
    expectApplies(current, result, replaceIn(current, 'skills of migrant', 'skills of all migrant'));
    expect(result.changes).toHaveLength(1);
  });

  it('the same words changed differently are a clash with the three versions, and the rest still merges', () => {
    const base = paragraphText('22');
    const current = replaceIn(base, 'fair and ethical recruitment', 'ethical recruitment');
    const proposal = replaceIn(replaceIn(base, 'fair and ethical recruitment', 'fair, ethical and transparent recruitment'), 'many Member States', 'Member States');
    const result = clashing(mergeThreeWay(base, current, proposal));
    // The facilitators struck "fair and", the proposal made it "fair,": that clashes. Its "and transparent"
    // after "ethical" touches nothing the facilitators changed, so it merges like the struck "many".
    expect(result.clashes.map((c) => [c.base.text, c.current.text, c.proposal.text])).toEqual([['fair and ', '', 'fair, ']]);
    const [clash] = result.clashes;
    expect(current.slice(clash?.current.span.start, clash?.current.span.end)).toBe(clash?.current.text);
    expect(current.slice(clash?.current.span.start)).toMatch(/^ethical recruitment/);
    expect(base.slice(clash?.base.span.start, clash?.base.span.end)).toBe(clash?.base.text);
    expect(proposal.slice(clash?.proposal.span.start, clash?.proposal.span.end)).toBe(clash?.proposal.text);
    expect(result.changes.map((c) => [current.slice(c.from, c.to), c.insert])).toEqual([['many ', ''], ['', 'and transparent ']]);
  });

  it('a clash resolves to the proposal’s words, the current words, or words the facilitator writes', () => {
    const base = paragraphText('22');
    const current = replaceIn(base, 'fair and ethical recruitment', 'ethical recruitment');
    const proposal = replaceIn(replaceIn(base, 'fair and ethical recruitment', 'fair, ethical and transparent recruitment'), 'many Member States', 'Member States');
    const result = clashing(mergeThreeWay(base, current, proposal));
    const merged = replaceIn(replaceIn(current, 'many Member States', 'Member States'), 'ethical recruitment', 'ethical and transparent recruitment');
    expectApplies(current, resolveClashes(current, result, ['proposal']), replaceIn(merged, 'ethical and', 'fair, ethical and'));
    expectApplies(current, resolveClashes(current, result, ['current']), merged);
    const own = resolveClashes(current, result, [{ text: 'equitable, ' }]);
    expectApplies(current, own, replaceIn(merged, 'ethical and', 'equitable, ethical and'));
    expect(own.changes.map((c) => [current.slice(c.from, c.to), c.insert])).toEqual([['many ', ''], ['', 'equitable, '], ['', 'and transparent ']]);
    // Written without the space before the next word, the words still stand apart from it.
    expectApplies(current, resolveClashes(current, result, [{ text: 'equitable,' }]), replaceIn(merged, 'ethical and', 'equitable, ethical and'));
    expect(() => resolveClashes(current, result, [])).toThrow(/1 clashes need as many choices/);
  });

  it('words the facilitators deleted meanwhile (a bracket deleted) do not stop a proposal on other words', () => {
    const base = paragraphText('30');
    const current = replaceIn(base, ', including for women, children and young people', '');
    const proposal = replaceIn(base, 'practical challenges', 'serious practical challenges');
    const result = mergeThreeWay(base, current, proposal);
    expectApplies(current, result, replaceIn(current, 'practical challenges', 'serious practical challenges'));
  });

  it('a proposal changing words the facilitators deleted meanwhile clashes with the deletion', () => {
    const base = paragraphText('30');
    const current = replaceIn(base, 'women, children and young people', 'children');
    const proposal = replaceIn(base, 'women, children and young people', 'women, girls, children and young people');
    const result = clashing(mergeThreeWay(base, current, proposal));
    expect(result.clashes.map((c) => [c.base.text, c.current.text, c.proposal.text])).toEqual([
      ['women, children and young people. ', 'children. ', 'women, girls, children and young people. '],
    ]);
  });

  it('an insertion touching words the facilitators changed is read with them (a clash, as diff3 reads it); one a word away merges', () => {
    const base = paragraphText('13');
    const touching = replaceIn(base, 'regional reviews', 'regional assessments');
    const apart = replaceIn(base, 'regional reviews', 'regional and national reviews');
    const proposal = replaceIn(base, 'regional reviews', 'regional reviews and consultations');
    const result = clashing(mergeThreeWay(base, touching, proposal));
    expect(result.clashes.map((c) => [c.base.text, c.current.text, c.proposal.text])).toEqual([['reviews ', 'assessments ', 'reviews and consultations ']]);
    expect(result.changes).toEqual([]);
    expectApplies(apart, mergeThreeWay(base, apart, proposal), replaceIn(base, 'regional reviews', 'regional and national reviews and consultations'));
  });

  it('an untouched base, current text and proposal merge to the text itself', () => {
    const text = paragraphText('17');
    expectApplies(text, mergeThreeWay(text, text, text), text);
    expectApplies('', mergeThreeWay('', '', 'New words.'), 'New words.');
  });
});

// A small seeded generator (mulberry32), so a failing case replays.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// `text` with a few words replaced, deleted or inserted at random places.
function edit(text: string, next: () => number): string {
  const words = text.split(/(?<= )/);
  const vocabulary = ['migrants', 'fully ', 'and ', 'safe, ', 'well-managed ', 'Member States ', 'inter alia: '];
  for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
    const at = Math.floor(next() * words.length);
    const word = vocabulary[Math.floor(next() * vocabulary.length)] as string;
    const roll = next();
    if (roll < 0.33) words.splice(at, 1);
    else if (roll < 0.66) words.splice(at, 1, word);
    else words.splice(at, 0, word);
  }
  return words.join('');
}

describe.skipIf(!hasImrfFixture)('three-way merge, seeded', () => {
  const seed = Number(process.env.AMENDMENTS_SEED ?? 20261130);
  it(`holds its contract on random edits of every paragraph (seed ${seed})`, () => {
    const next = random(seed);
    for (const number of paragraphNumbers) {
      const base = paragraphText(number);
      for (let round = 0; round < 4; round++) {
        const current = edit(base, next);
        const proposal = edit(base, next);
        // Trivial sides: nothing changed on one side, or both made the same text.
        expectApplies(base, mergeThreeWay(base, base, proposal), proposal);
        expectApplies(current, mergeThreeWay(base, current, base), current);
        expect(mergeThreeWay(base, current, current)).toEqual({ ok: true, text: current, changes: [] });
        const result = mergeThreeWay(base, current, proposal);
        expect(changesProblem(result.changes, current.length)).toBeNull();
        if (result.ok) {
          expect(applyToString(current, result.changes)).toBe(result.text);
          continue;
        }
        for (const clash of result.clashes) {
          expect(current.slice(clash.current.span.start, clash.current.span.end)).toBe(clash.current.text);
          expect(proposal.slice(clash.proposal.span.start, clash.proposal.span.end)).toBe(clash.proposal.text);
          expect(base.slice(clash.base.span.start, clash.base.span.end)).toBe(clash.base.text);
          expect(clash.current.text).not.toBe(clash.proposal.text);
        }
        // Taking every proposal version gives the proposal's words wherever both changed.
        const resolved = resolveClashes(current, result, result.clashes.map(() => 'proposal'));
        expect(changesProblem(resolved.changes, current.length)).toBeNull();
        const kept = resolveClashes(current, result, result.clashes.map(() => 'current'));
        expect(kept.changes).toEqual(result.changes);
      }
    }
  });
});
