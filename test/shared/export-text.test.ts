import { describe, expect, it } from 'vitest';
import { exportText } from '../../shared/export-text.ts';
import { importText } from '../../shared/import-text.ts';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { NegotiationSnapshot } from '../../shared/model/paragraph.ts';
import { imrfRoom, runOk, select } from './brackets-fixture.ts';
import { hasImrfFixture, imrfText, snapshotOf } from './snapshot-of.ts';
import { paragraphSnapshot as paragraph } from '../helpers/paragraph-snapshot.ts';

const snapshot: NegotiationSnapshot = {
  title: 'Progress Declaration',
  titleBlock: ['Zero draft', '17 March 2022'],
  round: 1,
  floor: null,
  paragraphs: [
    paragraph({ kind: 'heading', runs: [{ text: 'Round table 1 (objectives 2 and 5)¹' }], footnotes: [{ marker: '1', text: 'Objective 2: *Minimize drivers*.' }] }),
    paragraph({
      number: '1',
      runs: [{ text: 'We reaffirm the ' }, { text: 'Global Compact', marks: ['italic'] }, { text: ' and ' }, { text: 'recall', marks: ['bold'] }, { text: ' it.' }],
      source: '73/326, pp4',
    }),
    paragraph({ number: '1 bis', runs: [{ text: 'Building on the Network,¹² we act.' }], footnotes: [{ marker: '12', text: 'A pledging initiative.' }], addedInRound: 2 }),
    paragraph({ number: '2', runs: [] }),
    paragraph({ number: '3', runs: [], source: 'Placeholder' }),
  ],
};

describe('exportText', () => {
  it('writes the conventional plain form', () => {
    expect(exportText(snapshot)).toBe(
      [
        'Progress Declaration\nZero draft\n17 March 2022',
        'Round table 1 (objectives 2 and 5)¹',
        '1. We reaffirm the *Global Compact* and **recall** it. *[73/326, pp4]*',
        '1 bis. Building on the Network,¹² we act.',
        '2.',
        '3. *[Placeholder]*',
        '¹ Objective 2: *Minimize drivers*.',
        '¹² A pledging initiative.',
      ].join('\n\n') + '\n',
    );
  });

  it('ends with exactly one newline and has no blank line inside a block', () => {
    const text = exportText(snapshot);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toMatch(/\n\n\n/);
  });

  it('keeps every paragraph on one line, even when its text holds line breaks', () => {
    const broken: NegotiationSnapshot = {
      ...snapshot,
      title: 'Title\nsecond line',
      titleBlock: ['', 'Rev.1'],
      paragraphs: [paragraph({ number: '1', runs: [{ text: 'First line\n\nsecond line.' }], source: 'a\nb', footnotes: [{ marker: '1', text: 'x\ny' }] })],
    };
    expect(exportText(broken)).toBe('Title second line\nRev.1\n\n1. First line second line. *[a b]*\n\n¹ x y\n');
  });

  it('writes the footnotes of all paragraphs after the body, in document order', () => {
    const lines = exportText(snapshot).split('\n\n');
    expect(lines.slice(-2).map((line) => line.slice(0, 2))).toEqual(['¹ ', '¹²']);
  });

  it.skipIf(!hasImrfFixture)('writes the IMRF zero draft back in its own form', () => {
    const text = exportText(snapshotOf(importText(imrfText)));
    expect(text.startsWith('International Migration Review Forum Progress Declaration\nZero draft\n17 March 2022\n\n1. We, the Heads')).toBe(true);
    expect(text).toContain('\n\nIntroduction\n\n2. We reaffirm');
    expect(text).toContain('\n\n3. We also reaffirm that the Global Compact');
    expect(text).toContain('whole-of-society approach. *[73/326, pp4]*\n\n4. ');
    expect(text).toContain('relevant stakeholders *[GCM para 49]*, have adopted');
    expect(text).toContain('by local and national governments');
    expect(text).toContain('\n\n52. Building on the pledging initiative of the Network,⁵ we encourage');
    expect(text).toContain('\n\nRound table 1 (objectives 2, 5, 6, 12 and 18)¹\n\n21. Progress');
    const blocks = text.trimEnd().split('\n\n');
    expect(blocks.slice(-5).map((block) => block.slice(0, 14))).toEqual([
      '¹ Objective 2:',
      '² Objective 4:',
      '³ Objective 14',
      '⁴ Objective 1:',
      '⁵ The Network ',
    ]);
    expect(blocks.at(-6)).toMatch(/^57\. We request the President/);
  });
});

describe('exportText with brackets', () => {
  const words = 'We reaffirm safe, orderly and regular migration.';
  const at = (text: string) => ({ start: words.indexOf(text), end: words.indexOf(text) + text.length });
  const bracket = (id: string, text: string, fields: Partial<BracketSnapshot> = {}): BracketSnapshot => ({
    id, span: at(text), text, holders: [], group: null, alternative: null, depth: 0, parent: null, ...fields,
  });
  const bracketed: NegotiationSnapshot = {
    ...snapshot,
    paragraphs: [
      paragraph({
        number: '5',
        runs: [{ text: words }],
        brackets: [
          bracket('a', 'safe, orderly', { holders: [{ delegation: 'EU', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }], group: 'g', alternative: 1 }),
          bracket('b', 'orderly', { holders: [{ delegation: 'US', stance: 'retain' }], depth: 1, parent: 'a' }),
          bracket('c', 'regular', { holders: [{ delegation: 'KEN', stance: 'propose' }], group: 'g', alternative: 2 }),
        ],
      }),
    ],
  };

  it('writes brackets, nesting and alternatives in the conventional form', () => {
    expect(exportText(bracketed).trimEnd().split('\n\n')[1]).toBe('5. We reaffirm [Alt 1: safe, [orderly]] and [Alt 2: regular] migration.');
  });

  it('writes the holders after the words when asked, stance propose left out', () => {
    expect(exportText(bracketed, { holders: true }).trimEnd().split('\n\n')[1]).toBe(
      '5. We reaffirm [Alt 1: safe, [orderly - US retain] - EU, G77 delete] and [Alt 2: regular - KEN] migration.',
    );
  });

  it.skipIf(!hasImrfFixture)('writes the brackets a command made on the IMRF draft, read back through readNegotiation', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [{ delegation: 'EU', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }] });
    const snapshotWithBrackets = readNegotiation(doc);
    expect(exportText(snapshotWithBrackets)).toContain('\n\n6. We reaffirm the importance of facilitating [safe, orderly] and regular migration');
    expect(exportText(snapshotWithBrackets, { holders: true })).toContain('facilitating [safe, orderly - EU, G77 delete] and regular migration');
    runOk(doc, env, { type: 'lift-bracket', bracketId: 'b1' });
    expect(exportText(readNegotiation(doc))).toBe(exportText(snapshotOf(importText(imrfText))));
  });
});

