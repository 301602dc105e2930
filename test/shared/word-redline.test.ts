/**
 * The word redline of the activity on real paragraphs of the IMRF zero draft: the edits delegates ask for
 * (a word replaced, a phrase inserted, a clause struck, a paragraph rewritten) read as whole words.
 */
import { describe, expect, it } from 'vitest';
import { condenseRedline, redlineChanges, redlineSide, wordRedline, type RedlinePart } from '../../shared/activity/word-redline.ts';
import { importText } from '../../shared/import-text.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { hasImrfFixture, imrfText, snapshotOf } from './snapshot-of.ts';

const paragraphs = hasImrfFixture ? snapshotOf(importText(imrfText)).paragraphs : [];

function paragraph(number: string): string {
  const found = paragraphs.find((candidate) => candidate.number === number);
  if (!found) throw new Error(`no paragraph ${number} in the fixture`);
  return plainText(found.runs);
}

const changed = (parts: readonly RedlinePart[]) => parts.filter((part) => part.kind !== 'same').map((part) => [part.kind, part.text.trim()]);

describe.skipIf(!hasImrfFixture)('word redline on the IMRF zero draft', () => {
  it('a replaced verb reads as the old word deleted, then the new one inserted', () => {
    const before = paragraph('13');
    const after = before.replace('We welcome', 'We take note of');
    const parts = wordRedline(before, after);
    expect(changed(parts)).toEqual([
      ['deleted', 'welcome'],
      ['inserted', 'take note of'],
    ]);
    expect(redlineSide(parts, 'after')).toBe(after);
    expect(redlineSide(parts, 'before')).toBe(before);
  });

  it('an inserted phrase in a long paragraph is one insertion and the rest is unchanged', () => {
    const before = paragraph('10');
    const after = before.replace('natural disasters', 'natural disasters, slow-onset events');
    const parts = wordRedline(before, after);
    expect(changed(parts)).toEqual([['inserted', ', slow-onset events']]);
    expect(redlineSide(parts, 'after')).toBe(after);
    expect(redlineSide(parts, 'before')).toBe(before);
  });

  it('a struck clause is one deletion of whole words, numbers and punctuation included', () => {
    const before = paragraph('7');
    const clause = ', and that the transfer of recorded remittances to developing countries amounted to USD 549 billion in 2020';
    expect(before).toContain(clause);
    const after = before.replace(clause, '');
    const parts = wordRedline(before, after);
    expect(changed(parts)).toEqual([['deleted', clause.slice(2)]].map(([kind, text]) => [kind, expect.stringContaining(text as string)]));
    expect(redlineSide(parts, 'after')).toBe(after);
  });

  it('several edits across a paragraph are each marked, in reading order', () => {
    const before = paragraph('8');
    const after = before.replace('important contributors', 'essential contributors').replace(', including the labour of domestic workers', '') + ' We call for decent work for all.';
    const parts = wordRedline(before, after);
    expect(changed(parts)).toEqual([
      ['deleted', 'important'],
      ['inserted', 'essential'],
      ['deleted', expect.stringContaining('including the labour of domestic workers')],
      ['inserted', expect.stringContaining('We call for decent work for all')],
    ]);
    expect(redlineSide(parts, 'after')).toBe(after);
  });

  it('a paragraph typed from nothing is all inserted; one deleted whole is all deleted', () => {
    const text = paragraph('11');
    expect(wordRedline('', text)).toEqual([{ kind: 'inserted', text }]);
    expect(wordRedline(text, '')).toEqual([{ kind: 'deleted', text }]);
    expect(wordRedline(text, text)).toEqual([{ kind: 'same', text }]);
    expect(redlineChanges(wordRedline(text, text))).toBe(false);
    expect(wordRedline('', '')).toEqual([]);
  });

  it('a paragraph replaced by another reads exactly on both sides, and quickly', () => {
    const before = paragraphs.map((candidate) => plainText(candidate.runs)).join(' ');
    const after = [...paragraphs].reverse().map((candidate) => plainText(candidate.runs)).join(' ');
    const started = performance.now();
    const parts = wordRedline(before, after);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(redlineSide(parts, 'after')).toBe(after);
    expect(redlineChanges(parts)).toBe(true);
  });

  it('condensing keeps the change and a few words around it, and cuts the rest of a long paragraph', () => {
    const before = paragraph('12');
    const after = before.replace('perilous routes', 'dangerous routes');
    const condensed = condenseRedline(wordRedline(before, after), 4);
    expect(changed(condensed)).toEqual([
      ['deleted', 'perilous'],
      ['inserted', 'dangerous'],
    ]);
    const shown = condensed.map((part) => part.text).join('');
    expect(shown.startsWith('…')).toBe(true);
    expect(shown).toContain('die each year along perilous');
    expect(shown.length).toBeLessThan(before.length / 2);
    // The first run keeps its last words, the last its first ones, each cut marked with an ellipsis.
    expect(condensed[0]?.text).toMatch(/^… ?\S+ \S+ \S+ \S+ $/u);
    expect(condensed.at(-1)?.text).toMatch(/^ ?\S+ \S+ \S+ \S+ …$/u);
  });

  it('condensing leaves a short paragraph and an unchanged one whole', () => {
    const short = paragraph('13');
    const parts = wordRedline(short, short.replace('regional', 'subregional'));
    expect(condenseRedline(parts)).toEqual(parts);
    expect(condenseRedline(wordRedline(short, short))).toEqual([{ kind: 'same', text: short }]);
  });
});

describe('word redline phrasing', () => {
  it('a phrase inserted between words is one insertion, with the spaces both sides share left outside', () => {
    const parts = wordRedline('We commit to drafting clearly and briefly.', 'We commit to drafting clearly, fairly and briefly.');
    expect(parts).toEqual([
      { kind: 'same', text: 'We commit to drafting clearly' },
      { kind: 'inserted', text: ', fairly' },
      { kind: 'same', text: ' and briefly.' },
    ]);
  });

  it('two words replaced in a row read as one deletion and one insertion', () => {
    expect(wordRedline('a big red car', 'a small blue car')).toEqual([
      { kind: 'same', text: 'a ' },
      { kind: 'deleted', text: 'big red' },
      { kind: 'inserted', text: 'small blue' },
      { kind: 'same', text: ' car' },
    ]);
  });

  it('a change of spacing alone is still exact on both sides', () => {
    const parts = wordRedline('We  commit.', 'We commit.');
    expect(redlineSide(parts, 'before')).toBe('We  commit.');
    expect(redlineSide(parts, 'after')).toBe('We commit.');
  });
});
