/**
 * A paragraph a facilitator deletes is kept, and restore-paragraph puts it back as it was (id, place, words,
 * formatting, footnotes, source, status, brackets and their holders), refusing when it cannot stand there;
 * only the latest deletions are kept, a too large paragraph is not, and only a facilitator may restore one.
 */
import { describe, expect, it } from 'vitest';
import { getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { addParagraphMap, getParagraphs, readFloor, readOrder } from '../../shared/model/negotiation-doc.ts';
import { keptParagraphLimits } from '../../shared/model/proposal.ts';
import { getRemoved, maxRemovedCharacters, maxRemovedParagraphs, readRemovedParagraph, readRemovedParagraphs } from '../../shared/model/removed-paragraph.ts';
import { hasImrfFixture } from './snapshot-of.ts';
import { expectRefused, kenya, numbers, room } from './structure-fixture.ts';

describe.skipIf(!hasImrfFixture)('deleting and restoring a paragraph', () => {
  it('a deleted paragraph comes back under its id, where it stood, with its words, formatting, source, footnotes, status and brackets', () => {
    const r = room();
    const seven = r.byNumber('7');
    r.bracket('b1', seven, 0, 12);
    r.run({ type: 'set-source', paragraphId: seven, source: 'GCM, objective 8' });
    r.run({ type: 'set-status', paragraphId: seven, status: 'agreed-ad-ref', note: 'pending capitals' });
    r.run({ type: 'set-status', paragraphId: seven, status: 'pending' });
    const before = r.paragraph(seven);
    const order = readOrder(r.doc);
    const numbered = numbers(r.doc);
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    expect(readRemovedParagraph(r.doc, seven)).toMatchObject({ by: 'Co-facilitator', at: r.env.now, paragraph: { previousId: order[order.indexOf(seven) - 1], source: 'GCM, objective 8' } });
    const decision = r.run({ type: 'restore-paragraph', paragraphId: seven });
    expect(decision.record).toEqual({ paragraphId: seven, summary: 'put back paragraph 7, which Co-facilitator had deleted', before: '', after: r.text(seven) });
    expect(decision.result).toEqual({ paragraphId: seven });
    expect(readOrder(r.doc)).toEqual(order);
    expect(numbers(r.doc)).toEqual(numbered);
    expect(r.paragraph(seven)).toEqual(before);
    expect(r.bracketed('b1')).toEqual({ paragraphId: seven, words: before.runs.map((run) => run.text).join('').slice(0, 12) });
    expect(readRemovedParagraph(r.doc, seven)).toBeNull();
    expectRefused(r.judge({ type: 'restore-paragraph', paragraphId: seven }), 'conflict', /was not kept to be put back/);
  });

  it('a paragraph deleted while on the floor goes back on the floor, unless the floor moved on meanwhile', () => {
    const r = room();
    const [seven, eight] = [r.byNumber('7'), r.byNumber('8')];
    r.run({ type: 'set-floor', paragraphId: seven });
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    expect(readFloor(r.doc)).toBeNull();
    expect(r.run({ type: 'restore-paragraph', paragraphId: seven }).record.summary).toBe('put back paragraph 7, which Co-facilitator had deleted, on the floor again');
    expect(readFloor(r.doc)).toBe(seven);
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    r.run({ type: 'set-floor', paragraphId: eight });
    expect(r.run({ type: 'restore-paragraph', paragraphId: seven }).record.summary).toBe('put back paragraph 7, which Co-facilitator had deleted');
    expect(readFloor(r.doc)).toBe(eight);
  });

  it('when the paragraph it followed is gone too, it goes back before the one that followed it, and says so', () => {
    const r = room();
    const [six, seven, eight] = [r.byNumber('6'), r.byNumber('7'), r.byNumber('8')];
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    r.run({ type: 'delete-paragraph', paragraphId: six });
    const decision = r.run({ type: 'restore-paragraph', paragraphId: seven });
    expect(decision.record.summary).toBe('put back paragraph 6, which Co-facilitator had deleted (the paragraph it followed is gone, so it stands after paragraph 5)');
    const order = readOrder(r.doc);
    expect(order[order.indexOf(eight) - 1]).toBe(seven);
    // Both neighbours merged away (no copy of them says where they stood): only the facilitator knows where it belongs.
    const r2 = room();
    const [a, b, c] = [r2.byNumber('6'), r2.byNumber('7'), r2.byNumber('8')];
    r2.run({ type: 'delete-paragraph', paragraphId: b });
    r2.run({ type: 'merge-paragraph', paragraphId: a });
    r2.run({ type: 'merge-paragraph', paragraphId: c });
    expectRefused(r2.judge({ type: 'restore-paragraph', paragraphId: b }), 'conflict', /^the paragraphs before and after the one Co-facilitator deleted are both gone: insert it again where it belongs$/);
  });

  it('a block of neighbours deleted one by one, top down or bottom up, comes back in the order it stood, put back in any order', () => {
    const orders = [
      ['5', '6', '7', '8'],
      ['8', '7', '6', '5'],
      ['6', '8', '5', '7'],
    ];
    for (const deleting of orders) {
      for (const restoring of orders) {
        const r = room();
        const before = readOrder(r.doc);
        const ids = new Map(deleting.map((n) => [n, r.byNumber(n)]));
        for (const n of deleting) r.run({ type: 'delete-paragraph', paragraphId: ids.get(n) as string });
        for (const n of restoring) r.run({ type: 'restore-paragraph', paragraphId: ids.get(n) as string });
        expect(readOrder(r.doc), `deleted ${deleting.join(', ')}, put back ${restoring.join(', ')}`).toEqual(before);
      }
    }
  });

  it('after the paragraph it followed was split, it goes back after both halves, before the paragraph that followed it', () => {
    const r = room();
    const [six, seven, eight] = [r.byNumber('6'), r.byNumber('7'), r.byNumber('8')];
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    const half = r.run({ type: 'split-paragraph', paragraphId: six, at: r.at(six, 10) }).result.paragraphId as string;
    // The half is 6 bis: paragraph 7 keeps its number.
    expect(r.run({ type: 'restore-paragraph', paragraphId: seven }).record.summary).toBe('put back paragraph 7, which Co-facilitator had deleted');
    const order = readOrder(r.doc);
    expect(order.slice(order.indexOf(six), order.indexOf(eight) + 1)).toEqual([six, half, seven, eight]);
  });

  it(`keeps at most ${maxRemovedCharacters} characters of deleted text together: the oldest copies go first`, () => {
    const r = room();
    const big = (n: string) => {
      const id = r.byNumber(n);
      r.doc.transact(() => paragraphCharacters(r.doc, id)?.insert(0, 'x'.repeat(maxRemovedCharacters / 2 - 1_000)));
      return id;
    };
    const [a, b, c] = [big('5'), big('6'), big('7')];
    for (const id of [a, b, c]) r.run({ type: 'delete-paragraph', paragraphId: id });
    expect(readRemovedParagraphs(r.doc).map((entry) => entry.id)).toEqual([b, c]);
  });

  it('a deletion kept with a clock set back is kept all the same; the oldest other one goes', () => {
    const r = room();
    const ids: string[] = [];
    for (let i = 0; i < maxRemovedParagraphs; i++) {
      ids.push(r.run({ type: 'insert-paragraph', afterId: null, kind: 'paragraph', text: `Paragraph ${i}` }).result.paragraphId as string);
    }
    ids.forEach((id, i) => {
      r.env.now = new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString();
      r.run({ type: 'delete-paragraph', paragraphId: id });
    });
    r.env.now = '2020-01-01T00:00:00.000Z';
    const late = r.byNumber('1');
    r.run({ type: 'delete-paragraph', paragraphId: late });
    expect(readRemovedParagraph(r.doc, late)).not.toBeNull();
    expect(readRemovedParagraph(r.doc, ids[0] as string)).toBeNull();
    expect(readRemovedParagraphs(r.doc)).toHaveLength(maxRemovedParagraphs);
  });

  it('refuses while a paragraph of that id stands again, or one of its brackets stands elsewhere; changes nothing when refused', () => {
    const r = room();
    const seven = r.byNumber('7');
    r.bracket('b1', seven, 0, 12);
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    // A bracket record of the same id written since (as no command would, to prove the guard).
    r.bracket('b1', r.byNumber('8'), 0, 5);
    expectRefused(r.judge({ type: 'restore-paragraph', paragraphId: seven }), 'conflict', /a bracket of the paragraph Co-facilitator deleted stands elsewhere now/);
    r.doc.transact(() => getBrackets(r.doc).delete('b1'));
    r.doc.transact(() => addParagraphMap(r.doc, seven, { kind: 'paragraph', runs: [{ text: 'x' }], source: '', footnotes: [] }, 0));
    expectRefused(r.judge({ type: 'restore-paragraph', paragraphId: seven }), 'conflict', /is back already/);
    expect(readRemovedParagraph(r.doc, seven)).not.toBeNull();
  });

  it('only facilitators restore; a paragraph never deleted, or deleted long ago, is refused', () => {
    const r = room();
    const seven = r.byNumber('7');
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    expectRefused(r.judge({ type: 'restore-paragraph', paragraphId: seven }, kenya), 'forbidden', /^Kenya may not restore paragraph: only facilitators may$/);
    expectRefused(r.judge({ type: 'restore-paragraph', paragraphId: 'nowhere' }), 'conflict', /was not kept to be put back/);
    expect(getParagraphs(r.doc).has(seven)).toBe(false);
  });

  it(`keeps the latest ${maxRemovedParagraphs} deletions: the oldest goes first`, () => {
    const r = room();
    const deleted: string[] = [];
    // The draft has fewer paragraphs than the limit: insert more to delete.
    for (let i = 0; i <= maxRemovedParagraphs; i++) {
      const id = r.run({ type: 'insert-paragraph', afterId: null, kind: 'paragraph', text: `Paragraph ${i}` }).result.paragraphId as string;
      r.env.now = new Date(Date.UTC(2026, 11, 1, 0, 0, i)).toISOString();
      r.run({ type: 'delete-paragraph', paragraphId: id });
      deleted.push(id);
    }
    const kept = readRemovedParagraphs(r.doc).map((entry) => entry.id);
    expect(kept).toEqual(deleted.slice(1));
    expect(getRemoved(r.doc).has(deleted[0] as string)).toBe(false);
  });

  it('a paragraph too large to keep is deleted without a copy', () => {
    const r = room();
    const seven = r.byNumber('7');
    // Grown past the limit by typing (a paragraph's text has no cap; a kept copy has).
    r.doc.transact(() => paragraphCharacters(r.doc, seven)?.insert(0, 'word '.repeat(keptParagraphLimits.characters / 5)));
    r.run({ type: 'delete-paragraph', paragraphId: seven });
    expect(readOrder(r.doc)).not.toContain(seven);
    expect(readRemovedParagraph(r.doc, seven)).toBeNull();
    expectRefused(r.judge({ type: 'restore-paragraph', paragraphId: seven }), 'conflict', /was not kept to be put back \(it was too large/);
  });
});
