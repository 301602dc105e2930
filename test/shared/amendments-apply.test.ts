/**
 * A merge applied to a paragraph of the IMRF zero draft in a Y.Doc: the changed words are replaced where
 * they stand, every other character keeps its Yjs item, brackets on untouched words read the same words,
 * and inserted words take the formatting around them. Changes of marks apply as text.format would, in order.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyMarkChanges, applyTextChanges } from '../../shared/amendments/apply-changes.ts';
import { mergeThreeWay } from '../../shared/amendments/three-way-merge.ts';
import { characterString, readBrackets } from '../../shared/brackets/read-brackets.ts';
import { imrfRoom, runOk, select } from './brackets-fixture.ts';
import { replaceIn } from './amendments-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

// The Yjs id of each live character, in reading order.
function itemIds(text: Y.XmlText): string[] {
  const ids: string[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    for (let k = 0; k < item.length; k++) ids.push(`${item.id.client}:${item.id.clock + k}`);
  }
  return ids;
}

describe.skipIf(!hasImrfFixture)('applying a merge to a paragraph', () => {
  it('replaces only the changed words: the others keep their items and a bracket on them reads the same', () => {
    const { doc, env, para, text } = imrfRoom();
    const id = para('22');
    const paragraph = text(id);
    const bracket = runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(paragraph, 'fair and ethical recruitment'), holders: [{ delegation: 'EU', stance: 'propose' }] });
    const base = characterString(paragraph);
    paragraph.delete(base.indexOf('There has been'), 'There has been an increased'.length);
    paragraph.insert(base.indexOf('There has been'), 'There has been a growing');
    const current = characterString(paragraph);
    let proposal = replaceIn(base, 'many Member States', 'Member States');
    proposal = replaceIn(proposal, 'decent work', 'decent work and social protection');
    proposal = replaceIn(proposal, 'recognition of academic', 'mutual recognition of academic');
    const merge = mergeThreeWay(base, current, proposal);
    if (!merge.ok) throw new Error('unexpected clash');

    const before = itemIds(paragraph);
    const kept = new Set(before.filter((_, i) => !merge.changes.some((c) => c.from <= i && i < c.to)));
    applyTextChanges(paragraph, merge.changes);

    expect(characterString(paragraph)).toBe(merge.text);
    expect(merge.text).toContain('There has been a growing use');
    expect(merge.text).toContain('decent work and social protection for migrant workers');
    const after = new Set(itemIds(paragraph));
    for (const idOfKept of kept) expect(after.has(idOfKept)).toBe(true);
    expect(after.size - kept.size).toBe(merge.changes.reduce((n, c) => n + c.insert.length, 0));
    expect(readBrackets(doc, id).map((b) => [b.id, b.text])).toEqual([[bracket.result.bracketId, 'fair and ethical recruitment']]);
  });

  it('replays on another copy of the document to the same text and the same brackets', () => {
    const { doc, env, para, text } = imrfRoom();
    const id = para('5');
    const paragraph = text(id);
    runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(paragraph, 'without any kind of discrimination'), holders: [{ delegation: 'G77', stance: 'retain' }] });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const base = characterString(paragraph);
    const proposal = replaceIn(replaceIn(base, 'concerns over migration', 'concerns regarding migration'), 'safety, dignity', 'safety, well-being, dignity');
    const merge = mergeThreeWay(base, base, proposal);
    if (!merge.ok) throw new Error('unexpected clash');
    const sent: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => sent.push(update));
    applyTextChanges(paragraph, merge.changes);
    expect(sent).toHaveLength(1);
    Y.applyUpdate(copy, sent[0] as Uint8Array);
    expect(characterString(text(id, copy))).toBe(proposal);
    expect(readBrackets(copy, id).map((b) => b.text)).toEqual(['without any kind of discrimination']);
  });

  it('inserted words take the formatting of the words they replace or follow', () => {
    const doc = new Y.Doc();
    const paragraph = doc.get('t', Y.XmlText) as Y.XmlText;
    paragraph.applyDelta([{ insert: 'We note the ' }, { insert: 'Global Compact', attributes: { italic: {} } }, { insert: ' and its review.' }]);
    const current = characterString(paragraph);
    const merge = mergeThreeWay(current, current, 'We note the Global Migration Compact and its first review.');
    if (!merge.ok) throw new Error('unexpected clash');
    applyTextChanges(paragraph, merge.changes);
    expect(paragraph.toDelta()).toEqual([
      { insert: 'We note the ' },
      { insert: 'Global Migration Compact', attributes: { italic: {} } },
      { insert: ' and its first review.' },
    ]);
  });

  it('refuses changes that do not fit the text and leaves it alone', () => {
    const doc = new Y.Doc();
    const paragraph = doc.get('t', Y.XmlText) as Y.XmlText;
    paragraph.insert(0, 'Short text.');
    expect(() => applyTextChanges(paragraph, [{ from: 3, to: 40, insert: 'x' }])).toThrow(/do not fit/);
    expect(paragraph.toString()).toBe('Short text.');
  });
});

describe('applying changes of marks', () => {
  it('format the text as one format per change would: in reading order, and out of order or overlapping, each after the one before', () => {
    const doc = new Y.Doc();
    const paragraph = doc.get('t', Y.XmlText) as Y.XmlText;
    paragraph.applyDelta([{ insert: 'a b ' }, { insert: 'c d', attributes: { bold: {} } }, { insert: ' e' }]);
    applyMarkChanges(paragraph, [
      { from: 0, to: 1, added: ['italic'], removed: [] },
      { from: 2, to: 3, added: ['italic'], removed: [] },
      { from: 4, to: 7, added: ['italic'], removed: ['bold'] },
      { from: 7, to: 9, added: [], removed: [] },
    ]);
    expect(paragraph.toDelta()).toEqual([
      { insert: 'a', attributes: { italic: {} } },
      { insert: ' ' },
      { insert: 'b', attributes: { italic: {} } },
      { insert: ' ' },
      { insert: 'c d', attributes: { italic: {} } },
      { insert: ' e' },
    ]);
    // Later changes win where they overlap earlier ones, whatever their order.
    applyMarkChanges(paragraph, [
      { from: 4, to: 7, added: ['bold'], removed: [] },
      { from: 0, to: 5, added: [], removed: ['italic'] },
      { from: 4, to: 5, added: [], removed: ['bold'] },
    ]);
    expect(paragraph.toDelta()).toEqual([
      { insert: 'a b c' },
      { insert: ' d', attributes: { bold: {}, italic: {} } },
      { insert: ' e' },
    ]);
    expect(() => applyMarkChanges(paragraph, [{ from: 8, to: 12, added: ['bold'], removed: [] }])).toThrow(/does not fit/);
  });
});

