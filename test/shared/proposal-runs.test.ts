/**
 * A proposal's words as runs: applying word changes to runs (plain data, how a replacement starts from the
 * paragraph's formatting) gives exactly what applying them to the paragraph's Y.XmlText gives, on paragraphs
 * of the IMRF zero draft with random marks and random word edits (seed: PROPOSAL_RUNS_SEED); and clashes
 * read in words.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyTextChanges } from '../../shared/amendments/apply-changes.ts';
import { clashesWording } from '../../shared/amendments/clash-wording.ts';
import { applyChangesToRuns } from '../../shared/amendments/run-changes.ts';
import { mergeThreeWay } from '../../shared/amendments/three-way-merge.ts';
import { wordChanges } from '../../shared/amendments/word-diff.ts';
import { wordTokens } from '../../shared/amendments/word-tokens.ts';
import { readRuns, writeRuns } from '../../shared/model/paragraph-fragment.ts';
import { MarkName, normalizeRuns, plainText, type TextRun } from '../../shared/model/text-run.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { paragraphNumbers, paragraphText, replaceIn } from './amendments-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const seed = Number(process.env.PROPOSAL_RUNS_SEED ?? Date.now() % 1_000_000);
const rounds = 200;

// The paragraph as runs with marks on random stretches of words.
function marked(rng: Rng, text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const token of wordTokens(text)) {
    const marks = rng.chance(0.2) ? [rng.pick([MarkName.italic, MarkName.bold])] : [];
    runs.push(marks.length > 0 ? { text: token.text, marks } : { text: token.text });
  }
  return normalizeRuns(runs);
}

// The paragraph with a few words deleted, replaced or inserted.
function edited(rng: Rng, text: string): string {
  const tokens = wordTokens(text).map((t) => t.text);
  for (let n = rng.int(1, 4); n > 0; n--) {
    const at = rng.int(0, tokens.length - 1);
    const choice = rng.int(0, 2);
    if (choice === 0) tokens.splice(at, 1);
    else if (choice === 1) tokens.splice(at, 1, rng.pick(['secure ', 'inclusive ', 'all ', 'States, ', '']));
    else tokens.splice(at, 0, rng.pick(['regular ', 'and in particular ', 'women and girls, ']));
  }
  return tokens.join('');
}

describe.skipIf(!hasImrfFixture)('a proposal’s words as runs', () => {
  it(`match the paragraph’s own text after the same changes (seed ${seed})`, () => {
    const rng = new Rng(seed);
    for (let round = 0; round < rounds; round++) {
      const text = paragraphText(rng.pick(paragraphNumbers));
      const runs = marked(rng, text);
      const proposal = edited(rng, text);
      const changes = wordChanges(text, proposal);
      const doc = new Y.Doc();
      const fragment = doc.getXmlFragment('t');
      doc.transact(() => writeRuns(fragment, runs));
      const element = fragment.get(0) as Y.XmlElement;
      applyTextChanges(element.get(0) as Y.XmlText, changes);
      const asRuns = applyChangesToRuns(runs, changes);
      expect(plainText(asRuns), `seed ${seed}, round ${round}`).toBe(proposal);
      expect(asRuns, `seed ${seed}, round ${round}`).toEqual(readRuns(fragment));
    }
  });

  it('keep the marks of untouched words and give new words the marks of those they replace', () => {
    const runs: TextRun[] = [{ text: 'We ' }, { text: 'reaffirm', marks: ['italic'] }, { text: ' the importance of safe migration.' }];
    const changed = applyChangesToRuns(runs, wordChanges(plainText(runs), 'We strongly reaffirm the importance of safe, orderly migration.'));
    expect(changed).toEqual([{ text: 'We strongly ' }, { text: 'reaffirm', marks: ['italic'] }, { text: ' the importance of safe, orderly migration.' }]);
    expect(applyChangesToRuns(runs, wordChanges(plainText(runs), 'We recall the importance of safe migration.'))).toEqual([
      { text: 'We ' },
      { text: 'recall', marks: ['italic'] },
      { text: ' the importance of safe migration.' },
    ]);
    expect(() => applyChangesToRuns(runs, [{ from: 3, to: 400, insert: '' }])).toThrow(/do not fit/);
  });

  it('clashes read as the three versions, numbered when there are several', () => {
    const base = paragraphText('22');
    const current = replaceIn(replaceIn(base, 'an increased use', 'a growing use'), 'fair and ethical', 'fair, ethical');
    const proposal = replaceIn(replaceIn(base, 'an increased use', 'a marked increase in the use'), 'fair and ethical', 'fair and responsible');
    const merge = mergeThreeWay(base, current, proposal);
    if (merge.ok) expect.fail('expected clashes');
    expect(clashesWording(merge.clashes, 'paragraph 22', 'EU')).toBe(
      '1. where it read “fair and ethical”, paragraph 22 now reads “fair, ethical” and EU proposes “fair and responsible”; 2. where it read “an increased”, paragraph 22 now reads “a growing” and EU proposes “a marked increase in the”',
    );
  });
});
