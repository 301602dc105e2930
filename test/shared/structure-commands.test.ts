/** The structure commands on the IMRF zero draft: insert, delete, move, split and merge, and their refusals. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bracketSpan, getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { getMeta, MetaField, readNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { hasImrfFixture } from './snapshot-of.ts';
import { expectRefused, kenya, numbers, room } from './structure-fixture.ts';

describe.skipIf(!hasImrfFixture)('structure commands on the IMRF zero draft', () => {
  it('decides without changing the document, and refuses delegations', () => {
    const r = room();
    const before = Y.encodeStateAsUpdate(r.doc);
    const decisions = [
      r.judge({ type: 'insert-paragraph', afterId: r.byNumber('5'), kind: 'paragraph', text: 'New words.' }),
      r.judge({ type: 'delete-paragraph', paragraphId: r.byNumber('7') }),
      r.judge({ type: 'move-paragraph', paragraphId: r.byNumber('7'), afterId: r.byNumber('9') }),
      r.judge({ type: 'split-paragraph', paragraphId: r.byNumber('5'), at: r.at(r.byNumber('5'), 20) }),
      r.judge({ type: 'merge-paragraph', paragraphId: r.byNumber('6') }),
    ];
    expect(decisions.every((d) => d.ok)).toBe(true);
    expect(Y.encodeStateAsUpdate(r.doc)).toEqual(before);
    expectRefused(r.judge({ type: 'delete-paragraph', paragraphId: r.byNumber('7') }, kenya), 'forbidden', /Kenya may not delete paragraph/);
  });

  it('inserts paragraphs numbered bis and ter in round 0, and again after the next revision', () => {
    const r = room();
    const five = r.byNumber('5');
    const first = r.run({ type: 'insert-paragraph', afterId: five, kind: 'paragraph', text: 'We also note the new words.' });
    expect(first.result).toEqual({ paragraphId: 'pn1' });
    expect(first.record).toMatchObject({ paragraphId: 'pn1', summary: 'inserted paragraph 5 bis after paragraph 5', after: 'We also note the new words.' });
    expect(r.paragraph('pn1')).toMatchObject({ number: '5 bis', kind: 'paragraph', addedInRound: 1, status: 'pending', source: '', footnotes: [] });
    expect(r.text('pn1')).toBe('We also note the new words.');
    const second = r.run({ type: 'insert-paragraph', afterId: 'pn1', kind: 'paragraph' });
    expect(second.record.summary).toBe('inserted paragraph 5 ter after paragraph 5 bis');
    expect(r.paragraph('pn2').number).toBe('5 ter');
    expect(r.text('pn2')).toBe('');
    expect(r.paragraph(r.byNumber('6')).id).toBe('p6');

    r.doc.transact(() => getMeta(r.doc).set(MetaField.round, 1));
    expect([r.paragraph('pn1').number, r.paragraph('pn2').number, r.paragraph('p6').number]).toEqual(['6', '7', '8']);
    const third = r.run({ type: 'insert-paragraph', afterId: 'pn1', kind: 'paragraph', text: 'Rev.1 words.' });
    expect(third.record.summary).toBe('inserted paragraph 6 bis after paragraph 6');
    expect(r.paragraph('pn3')).toMatchObject({ number: '6 bis', addedInRound: 2 });
    expect(r.paragraph('pn2').number).toBe('7');
  });

  it('inserts at the top and inserts headings', () => {
    const r = room();
    const top = r.run({ type: 'insert-paragraph', afterId: null, kind: 'paragraph', text: 'Preamble.' });
    expect(top.record.summary).toBe('inserted paragraph 0 bis at the top');
    expect(readOrder(r.doc)[0]).toBe('pn1');
    const heading = r.run({ type: 'insert-paragraph', afterId: r.byNumber('20'), kind: 'heading', text: 'Round table 0' });
    expect(heading.record.summary).toBe('inserted the heading “Round table 0” after paragraph 20');
    expect(r.paragraph('pn2')).toMatchObject({ kind: 'heading', number: null });
    expect(r.paragraph(r.byNumber('21')).id).toBe(r.ids[23]);
  });

  it('refuses an insert after a paragraph that is gone, or text of several lines', () => {
    const r = room();
    expectRefused(r.judge({ type: 'insert-paragraph', afterId: 'nowhere', kind: 'paragraph' }), 'conflict', /no longer exists/);
    expectRefused(r.judge({ type: 'insert-paragraph', afterId: null, kind: 'paragraph', text: 'One.\nTwo.' }), 'invalid', /one paragraph per line/);
  });

  it('deletes a paragraph with its brackets, clears the floor, and renumbers', () => {
    const r = room();
    const seven = r.byNumber('7');
    r.bracket('b1', seven, 0, 12);
    r.bracket('b2', r.byNumber('8'), 0, 7);
    r.run({ type: 'set-floor', paragraphId: seven });
    const before = r.text(seven);
    const decision = r.run({ type: 'delete-paragraph', paragraphId: seven });
    expect(decision.record).toEqual({ paragraphId: seven, summary: 'deleted paragraph 7', before, after: '' });
    expect(readOrder(r.doc)).not.toContain(seven);
    expect(readNegotiation(r.doc).paragraphs.some((p) => p.id === seven)).toBe(false);
    expect(getBrackets(r.doc).has('b1')).toBe(false);
    expect(r.bracketed('b2')?.words).toBe('We also');
    expect(getMeta(r.doc).get(MetaField.floor)).toBeNull();
    expect(r.byNumber('7')).toBe(r.ids[8]);
    expectRefused(r.judge({ type: 'delete-paragraph', paragraphId: seven }), 'conflict', /no longer exists/);
  });

  it('refuses to delete an agreed paragraph until it is reopened', () => {
    const r = room();
    const seven = r.byNumber('7');
    r.setStatus(seven, 'agreed');
    expectRefused(r.judge({ type: 'delete-paragraph', paragraphId: seven }), 'conflict', /paragraph 7 is agreed: reopen it/);
    r.setStatus(seven, 'agreed-ad-ref');
    expectRefused(r.judge({ type: 'delete-paragraph', paragraphId: seven }), 'conflict', /agreed ad ref/);
    r.setStatus(seven, 'pending');
    expect(r.judge({ type: 'delete-paragraph', paragraphId: seven }).ok).toBe(true);
  });

  it('moves a paragraph after another and to the top', () => {
    const r = room();
    const [seven, nine] = [r.byNumber('7'), r.byNumber('9')];
    const moved = r.run({ type: 'move-paragraph', paragraphId: seven, afterId: nine });
    expect(moved.record).toEqual({ paragraphId: seven, summary: 'moved paragraph 7 after paragraph 9' });
    const order = readOrder(r.doc);
    expect(order.indexOf(seven)).toBe(order.indexOf(nine) + 1);
    expect(r.paragraph(seven).number).toBe('9');
    expect(order).toHaveLength(r.ids.length);
    const top = r.run({ type: 'move-paragraph', paragraphId: r.ids[1] as string, afterId: null });
    expect(top.record.summary).toBe('moved the heading “Introduction” to the top');
    expect(readOrder(r.doc).slice(0, 2)).toEqual([r.ids[1], r.ids[0]]);
  });

  it('refuses a move after itself, to where it is, or after a paragraph that is gone', () => {
    const r = room();
    const seven = r.byNumber('7');
    expectRefused(r.judge({ type: 'move-paragraph', paragraphId: seven, afterId: seven }), 'invalid', /cannot move after itself/);
    expectRefused(r.judge({ type: 'move-paragraph', paragraphId: seven, afterId: r.byNumber('6') }), 'conflict', /there already/);
    expectRefused(r.judge({ type: 'move-paragraph', paragraphId: r.ids[0] as string, afterId: null }), 'conflict', /there already/);
    expectRefused(r.judge({ type: 'move-paragraph', paragraphId: seven, afterId: 'nowhere' }), 'conflict', /no longer exists/);
    expectRefused(r.judge({ type: 'move-paragraph', paragraphId: 'nowhere', afterId: null }), 'conflict', /no longer exists/);
  });

  it('splits inside italic words: the rest keeps its formatting in a new paragraph after it', () => {
    const r = room();
    const one = r.ids[0] as string;
    const whole = r.text(one);
    const cut = whole.indexOf('para 49]');
    const decision = r.run({ type: 'split-paragraph', paragraphId: one, at: r.at(one, cut) });
    expect(decision.result).toEqual({ paragraphId: 'pn1', focus: 'pn1' });
    expect(decision.record).toEqual({ paragraphId: one, summary: 'split paragraph 1; the rest is now paragraph 1 bis', before: whole, after: whole.slice(0, cut) });
    expect(r.paragraph(one).runs.slice(-1)).toEqual([{ text: '[GCM ', marks: ['italic'] }]);
    expect(r.paragraph('pn1').runs).toEqual([{ text: 'para 49]', marks: ['italic'] }, { text: ', have adopted the following Progress Declaration.' }]);
    expect(r.paragraph('pn1')).toMatchObject({ number: '1 bis', kind: 'paragraph', addedInRound: 1 });
    expect(readOrder(r.doc).slice(0, 3)).toEqual([one, 'pn1', r.ids[1]]);
  });

  it('split then merge gives back the same formatted text, brackets, footnotes and source', () => {
    const r = room();
    const id = r.byNumber('38');
    const whole = r.text(id);
    const cut = whole.indexOf('and by ensuring');
    r.bracket('early', id, 3, 9);
    r.bracket('late', id, cut + 4, cut + 15);
    const original = r.paragraph(id);
    r.run({ type: 'split-paragraph', paragraphId: id, at: r.at(id, cut) });
    expect(r.bracketed('early')).toEqual({ paragraphId: id, words: whole.slice(3, 9) });
    expect(r.bracketed('late')).toEqual({ paragraphId: 'pn1', words: 'by ensuring' });
    expect(Object.keys(getBrackets(r.doc).get('late')?.start ?? {}).sort()).toEqual(['assoc', 'item', 'tname', 'type']);
    expect(r.paragraph(id).source).toBe(original.source);
    expect(r.paragraph('pn1').source).toBe('');

    const merged = r.run({ type: 'merge-paragraph', paragraphId: 'pn1' });
    expect(merged.result).toEqual({ paragraphId: id, offset: String(cut) });
    expect(merged.record).toEqual({ paragraphId: id, summary: 'merged paragraph 38 bis into paragraph 38', before: whole.slice(0, cut), after: whole });
    expect(r.paragraph(id)).toEqual(original);
    expect(r.bracketed('late')).toEqual({ paragraphId: id, words: 'by ensuring' });
    expect(r.bracketed('early')).toEqual({ paragraphId: id, words: whole.slice(3, 9) });
    expect(readOrder(r.doc)).toEqual(r.ids);
  });

  it('moves a footnote with the words that mark it, and brings it back on merge', () => {
    const r = room();
    const id = r.byNumber('52');
    const original = r.paragraph(id);
    const whole = r.text(id);
    const afterMarker = whole.indexOf(' we encourage');
    r.run({ type: 'split-paragraph', paragraphId: id, at: r.at(id, afterMarker) });
    expect(r.paragraph(id).footnotes).toEqual(original.footnotes);
    expect(r.paragraph('pn1').footnotes).toEqual([]);
    r.run({ type: 'merge-paragraph', paragraphId: 'pn1' });
    expect(r.paragraph(id)).toEqual(original);

    const beforeMarker = whole.indexOf('of the Network');
    r.run({ type: 'split-paragraph', paragraphId: id, at: r.at(id, beforeMarker) });
    expect(r.paragraph(id).footnotes).toEqual([]);
    expect(r.paragraph('pn2').footnotes).toEqual(original.footnotes);
    expect(r.text('pn2').startsWith('of the Network,⁵ we')).toBe(true);
    r.run({ type: 'merge-paragraph', paragraphId: 'pn2' });
    expect(r.paragraph(id)).toEqual(original);
  });

  it('refuses a split across a bracket or between alternatives, naming the words', () => {
    const r = room();
    const id = r.byNumber('6');
    const whole = r.text(id);
    const start = whole.indexOf('safe, orderly');
    r.bracket('b1', id, start, start + 'safe, orderly'.length);
    expectRefused(r.judge({ type: 'split-paragraph', paragraphId: id, at: r.at(id, start + 4) }), 'invalid', /the bracket “safe, orderly” crosses the split point: lift it or split outside it/);
    expect(r.judge({ type: 'split-paragraph', paragraphId: id, at: r.at(id, start) }).ok).toBe(true);
    expect(r.judge({ type: 'split-paragraph', paragraphId: id, at: r.at(id, start + 13) }).ok).toBe(true);

    const other = r.byNumber('7');
    r.bracket('alt1', other, 3, 12, 'g1');
    r.bracket('alt2', other, 14, 20, 'g1');
    expectRefused(r.judge({ type: 'split-paragraph', paragraphId: other, at: r.at(other, 13) }), 'invalid', /alternatives .* would fall into two paragraphs/);
  });

  it('at the start inserts an empty paragraph before (the text keeps its id); at the end, one after', () => {
    const r = room();
    const five = r.byNumber('5');
    const whole = r.text(five);
    r.bracket('b1', five, 0, 2);
    const start = r.run({ type: 'split-paragraph', paragraphId: five, at: r.at(five, 0) });
    expect(start.result).toEqual({ paragraphId: 'pn1', focus: five });
    expect(start.record.summary).toBe('split paragraph 5 at its start: paragraph 4 bis inserted before it');
    expect(r.text(five)).toBe(whole);
    expect(r.paragraph('pn1')).toMatchObject({ number: '4 bis', runs: [] });
    expect(r.paragraph(five).number).toBe('5');
    expect(r.bracketed('b1')).toEqual({ paragraphId: five, words: 'We' });

    const end = r.run({ type: 'split-paragraph', paragraphId: five, at: r.at(five, whole.length) });
    expect(end.result).toEqual({ paragraphId: 'pn2', focus: 'pn2' });
    expect(end.record.summary).toBe('split paragraph 5 at its end: paragraph 5 bis inserted after it');
    expect(r.text(five)).toBe(whole);
    const order = readOrder(r.doc);
    expect(order.slice(order.indexOf('pn1'), order.indexOf('pn1') + 3)).toEqual(['pn1', five, 'pn2']);
  });

  it('refuses to split a locked paragraph or at a point outside it', () => {
    const r = room();
    const [five, six] = [r.byNumber('5'), r.byNumber('6')];
    expectRefused(r.judge({ type: 'split-paragraph', paragraphId: five, at: r.at(six, 10) }), 'invalid', /split point is not in paragraph 5/);
    expectRefused(r.judge({ type: 'split-paragraph', paragraphId: five, at: { type: null, tname: 'elsewhere', item: null, assoc: 0 } }), 'invalid', /not in paragraph 5/);
    expect(r.doc.share.has('elsewhere')).toBe(false);
    expectRefused(r.judge({ type: 'split-paragraph', paragraphId: five, at: { type: null, tname: null, item: { client: 999, clock: 5 }, assoc: 0 } }), 'invalid', /not in paragraph 5/);
    r.setStatus(five, 'agreed-ad-ref');
    expectRefused(r.judge({ type: 'split-paragraph', paragraphId: five, at: r.at(five, 10) }), 'conflict', /paragraph 5 is agreed ad ref: reopen it/);
  });

  it('merges sources with "; ", moves the floor, and puts the caret at the join', () => {
    const r = room();
    const [four, five] = [r.byNumber('4'), r.byNumber('5')];
    const [first, second] = [r.paragraph(four), r.paragraph(five)];
    r.bracket('b5', five, 3, 14);
    r.run({ type: 'set-floor', paragraphId: five });
    const merged = r.run({ type: 'merge-paragraph', paragraphId: five });
    const length = plainText(first.runs).length;
    expect(merged.result).toEqual({ paragraphId: four, offset: String(length) });
    expect(r.paragraph(four).source).toBe(`${first.source}; ${second.source}`);
    expect(r.text(four)).toBe(plainText(first.runs) + plainText(second.runs));
    expect(r.bracketed('b5')).toEqual({ paragraphId: four, words: plainText(second.runs).slice(3, 14) });
    expect(getMeta(r.doc).get(MetaField.floor)).toBe(four);
    expect(readOrder(r.doc)).not.toContain(five);
    expect(r.byNumber('5')).toBe(r.ids[6]);
  });

  it('keeps bold and italic across the split point through split and merge', () => {
    const r = room();
    const one = r.ids[0] as string;
    const whole = r.text(one);
    const bold = whole.indexOf('Heads of State');
    const both = whole.indexOf('stakeholders [GCM');
    r.doc.transact(() => {
      paragraphCharacters(r.doc, one)?.format(bold, 'Heads of State'.length, { bold: {} });
      paragraphCharacters(r.doc, one)?.format(both, 'stakeholders [GCM'.length, { bold: {} });
    });
    const original = r.paragraph(one);
    r.run({ type: 'split-paragraph', paragraphId: one, at: r.at(one, bold + 6) });
    expect(r.paragraph(one).runs.slice(-1)).toEqual([{ text: 'Heads ', marks: ['bold'] }]);
    const marked = r.paragraph('pn1').runs.filter((run) => run.marks).map((run) => [run.text, run.marks]);
    expect(marked).toEqual([['of State', ['bold']], ['stakeholders ', ['bold']], ['[GCM', ['bold', 'italic']], [' para 49]', ['italic']]]);
    expect(r.text('pn1')).toBe(whole.slice(bold + 6));
    r.run({ type: 'merge-paragraph', paragraphId: 'pn1' });
    expect(r.paragraph(one)).toEqual(original);
  });

  it('keeps plain words plain when merging after italic ones', () => {
    const r = room();
    const one = r.ids[0] as string;
    const cut = r.text(one).indexOf(', have adopted');
    r.run({ type: 'split-paragraph', paragraphId: one, at: r.at(one, cut) });
    expect(r.paragraph(one).runs.slice(-1)[0]?.marks).toEqual(['italic']);
    r.run({ type: 'merge-paragraph', paragraphId: 'pn1' });
    expect(r.paragraph(one).runs.slice(-1)).toEqual([{ text: ', have adopted the following Progress Declaration.' }]);
  });

  it('refuses a merge of the first paragraph, across kinds, or with a locked paragraph', () => {
    const r = room();
    expectRefused(r.judge({ type: 'merge-paragraph', paragraphId: r.ids[0] as string }), 'invalid', /is the first/);
    expectRefused(r.judge({ type: 'merge-paragraph', paragraphId: r.byNumber('2') }), 'invalid', /paragraph 2 cannot merge into the heading “Introduction”/);
    expectRefused(r.judge({ type: 'merge-paragraph', paragraphId: 'nowhere' }), 'conflict', /no longer exists/);
    const [four, five] = [r.byNumber('4'), r.byNumber('5')];
    r.setStatus(four, 'agreed');
    expectRefused(r.judge({ type: 'merge-paragraph', paragraphId: five }), 'conflict', /paragraph 4 is agreed: reopen it before you merge into it/);
    r.setStatus(four, 'pending');
    r.setStatus(five, 'agreed');
    expectRefused(r.judge({ type: 'merge-paragraph', paragraphId: five }), 'conflict', /paragraph 5 is agreed: reopen it before you merge it/);
  });

  it('a second document fed the encoded state reads the same text, numbers and brackets', () => {
    const r = room();
    const [five, six, nine] = [r.byNumber('5'), r.byNumber('6'), r.byNumber('9')];
    const sixText = r.text(six);
    r.bracket('b1', five, 200, 220);
    r.run({ type: 'insert-paragraph', afterId: five, kind: 'paragraph', text: 'Inserted.' });
    r.run({ type: 'split-paragraph', paragraphId: five, at: r.at(five, 150) });
    r.run({ type: 'move-paragraph', paragraphId: nine, afterId: null });
    r.run({ type: 'merge-paragraph', paragraphId: r.byNumber('7') });
    r.run({ type: 'delete-paragraph', paragraphId: r.byNumber('10') });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(r.doc));
    expect(readNegotiation(copy)).toEqual(readNegotiation(r.doc));
    const spans = (doc: Y.Doc) => [...getBrackets(doc).entries()].map(([id, record]) => [id, record.paragraphId, bracketSpan(doc, record)]);
    expect(spans(copy)).toEqual(spans(r.doc));
    expect(r.bracketed('b1')?.paragraphId).toBe('pn2');
    expect(numbers(copy).slice(0, 12)).toEqual(['1', '2', null, '3', '4', '5', '6', '6 bis', '6 ter', '7', '8', '9']);
    expect(readOrder(copy).slice(0, 2)).toEqual([nine, r.ids[0]]);
    expect(r.text('pn1')).toBe(`Inserted.${sixText}`);
  });
});
