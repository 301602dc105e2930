/**
 * Negotiation snapshots written by hand for the exporters' tests: a pending paragraph with no number,
 * source or footnotes unless given, and a text around such paragraphs.
 */
import type { NegotiationSnapshot, ParagraphSnapshot } from '../../shared/model/paragraph.ts';

/** A paragraph snapshot: id p1, pending, no number, source or footnotes, but for `fields`. */
export function paragraphSnapshot(fields: Partial<ParagraphSnapshot> & Pick<ParagraphSnapshot, 'runs'>): ParagraphSnapshot {
  return {
    id: 'p1',
    number: null,
    kind: 'paragraph',
    source: '',
    footnotes: [],
    status: 'pending',
    statusNote: '',
    addedInRound: 0,
    ...fields,
  };
}

/** A negotiation snapshot of `paragraphs` under `title` and its lines, in the zero draft, nothing on the floor. */
export function negotiationSnapshot(title: string, titleBlock: string[], paragraphs: ParagraphSnapshot[]): NegotiationSnapshot {
  return { title, titleBlock, round: 0, floor: null, paragraphs };
}
