/**
 * Where the page draws the lines of deleted paragraphs: a block of neighbours a facilitator deleted one by
 * one, in either direction, stands as one run of lines after the paragraph before the block, in the order the
 * paragraphs stood and numbered as they were; put back one by one, the rest keep their place and order.
 */
import { describe, expect, it } from 'vitest';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { readRemovedParagraphs } from '../../shared/model/removed-paragraph.ts';
import { directDeletion, placeDeletedParagraphs } from '../../client/ui/proposals/deleted-paragraphs.ts';
import { hasImrfFixture } from '../shared/snapshot-of.ts';
import { room } from '../shared/structure-fixture.ts';

/** The lines as the page would draw them after paragraph `afterNumber`: their labels. */
function linesAfter(r: ReturnType<typeof room>, afterId: string): string[] {
  const slots = readNegotiation(r.doc).paragraphs.map(({ id, kind, number }) => ({ id, kind, number }));
  const places = placeDeletedParagraphs(r.doc, readRemovedParagraphs(r.doc).map(directDeletion), slots, 0);
  return (places.after.get(afterId) ?? []).map((line) => `${line.label} (${line.deletion.paragraphId})`);
}

describe.skipIf(!hasImrfFixture)('the lines of deleted paragraphs', () => {
  for (const direction of ['top down', 'bottom up'] as const) {
    it(`a block deleted ${direction} stands in the order it stood, numbered as it was; put back one by one, the rest keep theirs`, () => {
      const r = room();
      const four = r.byNumber('4');
      const block = ['5', '6', '7', '8'].map((n) => r.byNumber(n));
      for (const id of direction === 'top down' ? block : [...block].reverse()) r.run({ type: 'delete-paragraph', paragraphId: id });
      expect(linesAfter(r, four)).toEqual(block.map((id, i) => `Paragraph ${i + 5} (${id})`));
      r.run({ type: 'restore-paragraph', paragraphId: block[2] as string });
      expect(linesAfter(r, four)).toEqual([`Paragraph 5 (${block[0]})`, `Paragraph 6 (${block[1]})`]);
      expect(linesAfter(r, block[2] as string)).toEqual([`Paragraph 8 (${block[3]})`]);
    });
  }
});
