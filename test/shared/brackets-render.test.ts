import { describe, expect, it } from 'vitest';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { cleanView, formatBracketedText, holdersText } from '../../shared/brackets/bracket-text.ts';
import { nestBrackets } from '../../shared/brackets/nesting.ts';
import { renderTree, treeRuns, type RenderNode } from '../../shared/brackets/render-tree.ts';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { paragraphPlainText } from '../../shared/commands/paragraph-facts.ts';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import type { TextRun } from '../../shared/model/text-run.ts';
import { imrfRoom, runOk, select } from './brackets-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const plain = 'below 1.5 °C or well below 2 °C';
const runs: TextRun[] = [{ text: 'below ' }, { text: '1.5 °C or well', marks: ['italic'] }, { text: ' below 2 °C' }];

function bracket(id: string, start: number, end: number, fields: Partial<BracketSnapshot> = {}): BracketSnapshot {
  return { id, span: { start, end }, text: plain.slice(start, end), holders: [], group: null, alternative: null, depth: 0, parent: null, ...fields };
}

/** The tree as a string: brackets as [id: …], text as written. */
function show(nodes: readonly RenderNode[]): string {
  return nodes.map((node) => (node.kind === 'text' ? node.run.text : `[${node.bracket.id}: ${show(node.children)}]`)).join('');
}

describe('nesting and the render tree', () => {
  it('nests by start, then longer first, then id, whatever order the brackets come in', () => {
    const list = [bracket('c', 16, 20), bracket('a', 0, 32), bracket('b', 0, 32), bracket('d', 21, 21), bracket('e', 6, 9)];
    const nested = nestBrackets(list).map((n) => [n.item.id, n.depth, n.parent]);
    expect(nested).toEqual([
      ['a', 0, null],
      ['b', 1, 'a'],
      ['e', 2, 'b'],
      ['c', 2, 'b'],
      ['d', 2, 'b'],
    ]);
    expect(nestBrackets([...list].reverse()).map((n) => n.item.id)).toEqual(['a', 'b', 'e', 'c', 'd']);
  });

  it('splits runs at bracket edges, keeping marks, and draws empty and equal brackets', () => {
    const tree = renderTree(runs, [bracket('outer', 0, 15), bracket('inner', 6, 9), bracket('same', 6, 9), bracket('empty', 20, 20)]);
    expect(show(tree)).toBe('[outer: below [inner: [same: 1.5]] °C or] well[empty: ] below 2 °C');
    expect(treeRuns(tree)).toEqual([
      { text: 'below ' },
      { text: '1.5', marks: ['italic'] },
      { text: ' °C or', marks: ['italic'] },
      { text: ' well', marks: ['italic'] },
      { text: ' below 2 °C' },
    ]);
  });

  it('draws a crossing pair (which commands never make) deterministically, cutting the later one', () => {
    const tree = renderTree(runs, [bracket('x', 0, 9), bracket('y', 6, 15)]);
    expect(show(tree)).toBe('[x: below [y: 1.5]] °C or well below 2 °C');
    expect(nestBrackets([bracket('y', 6, 15), bracket('x', 0, 9)])[1]?.span).toEqual({ start: 6, end: 9 });
  });

  it('cuts spans past the end of the text', () => {
    expect(show(renderTree([{ text: 'abc' }], [bracket('z', 1, 10)]))).toBe('a[z: bc]');
  });
});

describe('brackets as written', () => {
  const nested = [
    bracket('a', 0, 31, { holders: [{ delegation: 'US', stance: 'delete' }] }),
    bracket('b', 21, 26, { holders: [{ delegation: 'EU', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }] }),
  ];

  it('writes nesting, marks and holders in the conventional form', () => {
    expect(formatBracketedText(runs, nested)).toBe('[below *1.5 °C or well* [below] 2 °C]');
    expect(formatBracketedText(runs, nested, { holders: true })).toBe('[below *1.5 °C or well* [below - EU, G77 delete] 2 °C - US delete]');
    expect(holdersText([{ delegation: 'EU', stance: 'retain' }, { delegation: 'KEN', stance: 'propose' }])).toBe('EU retain, KEN');
  });

  it('writes alternatives as Alt 1, Alt 2 with holders inside each', () => {
    const alts = [
      bracket('x', 0, 9, { group: 'g', alternative: 1, holders: [{ delegation: 'EU', stance: 'propose' }] }),
      bracket('y', 21, 31, { group: 'g', alternative: 2, holders: [{ delegation: 'US', stance: 'retain' }] }),
    ];
    expect(formatBracketedText([{ text: plain }], alts)).toBe('[Alt 1: below 1.5] °C or well [Alt 2: below 2 °C]');
    expect(formatBracketedText([{ text: plain }], alts, { holders: true })).toBe('[Alt 1: below 1.5 - EU] °C or well [Alt 2: below 2 °C - US retain]');
  });

  it('gives the clean view: brackets lifted, unresolved alternatives kept and counted', () => {
    expect(cleanView(runs, nested)).toEqual({ runs, unresolvedAlternatives: 0 });
    const alts = [
      bracket('x', 0, 9, { group: 'g', alternative: 1 }),
      bracket('in', 6, 9),
      bracket('y', 21, 31, { group: 'g', alternative: 2 }),
      bracket('z', 10, 12, { group: 'h', alternative: 1 }),
      bracket('w', 13, 15, { group: 'h', alternative: 2 }),
    ];
    const clean = cleanView([{ text: plain }], alts);
    expect(clean.unresolvedAlternatives).toBe(2);
    expect(clean.runs).toEqual([{ text: '[Alt 1: below 1.5] [Alt 1: °C] [Alt 2: or] well [Alt 2: below 2 °C]' }]);
  });
});

describe.skipIf(!hasImrfFixture)('reading brackets of a real paragraph', () => {
  it('draws the same words the reader quotes, with the paragraph’s runs', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const t = text(p6);
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'safe, orderly and regular'), holders: [{ delegation: 'EU', stance: 'propose' }] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'orderly'), holders: [{ delegation: 'G77', stance: 'delete' }] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'planned and well-managed'), holders: [{ delegation: 'US', stance: 'propose' }], alternativeTo: 'b1' });
    const brackets = readBrackets(doc, p6);
    const paragraphRuns = readRuns(getParagraphText(doc, p6) as never);
    expect(brackets.map((b) => [b.id, b.alternative, b.depth])).toEqual([['b1', 1, 0], ['b2', null, 1], ['b3', 2, 0]]);
    expect(formatBracketedText(paragraphRuns, brackets, { holders: true })).toContain(
      'facilitating [Alt 1: safe, [orderly - G77 delete] and regular - EU] migration and mobility of people, including through the implementation of [Alt 2: planned and well-managed - US] migration policies',
    );
    const clean = cleanView(paragraphRuns, brackets);
    expect(clean.unresolvedAlternatives).toBe(1);
    expect(clean.runs.map((r) => r.text).join('')).toBe(
      paragraphPlainText(doc, p6).replace('safe, orderly and regular', '[Alt 1: safe, orderly and regular]').replace('planned and well-managed', '[Alt 2: planned and well-managed]'),
    );
  });
});
