/**
 * The page's read side of the Y.Doc: snapshots keep their identity until their own data changes, so a
 * keystroke in one paragraph re-renders that paragraph only, and structure (numbers, progress, footnotes)
 * follows status and order changes.
 */
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { NegotiationStore } from '../../client/sync/negotiation-store.ts';
import { getOrder, getParagraphs, getParagraphText, populateNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { DraftDocument } from '../../shared/model/paragraph.ts';
import { anchorRange, getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { getProposal, getProposalText, ProposalField, ProposalStatus, writeProposal } from '../../shared/model/proposal.ts';

const draft: DraftDocument = {
  titleBlock: ['Test Declaration', 'Zero draft'],
  paragraphs: [
    { kind: 'paragraph', runs: [{ text: 'First.' }], source: 'GCM para 1', footnotes: [] },
    { kind: 'heading', runs: [{ text: 'Section' }], source: '', footnotes: [{ marker: '1', text: 'A *note*.' }] },
    { kind: 'paragraph', runs: [{ text: 'Second ' }, { text: 'italic', marks: ['italic'] }], source: '', footnotes: [] },
  ],
};

function setup() {
  const doc = new Y.Doc();
  const ids = populateNegotiation(doc, draft);
  return { doc, ids, store: new NegotiationStore(doc) };
}

describe('NegotiationStore', () => {
  it('reads the structure: title block, numbered slots, footnotes, progress', () => {
    const { ids, store } = setup();
    const structure = store.getStructure();
    expect(structure.title).toBe('Test Declaration');
    expect(structure.titleBlock).toEqual(['Zero draft']);
    expect(structure.slots.map((slot) => slot.number)).toEqual(['1', null, '2']);
    expect(structure.footnotes).toEqual([{ marker: '1', text: 'A *note*.', paragraphId: ids[1] }]);
    expect(structure.progress).toEqual({ paragraphs: 2, agreed: 0, agreedAdRef: 0, pending: 2, bracketed: 0, openProposals: 0, openByDelegation: [] });
  });

  it('a text edit notifies that paragraph only and leaves the structure object as it was', () => {
    const { doc, ids, store } = setup();
    const [first, , third] = ids as [string, string, string];
    const structure = store.getStructure();
    const firstBefore = store.getParagraph(first);
    const thirdBefore = store.getParagraph(third);
    const onFirst = vi.fn();
    const onThird = vi.fn();
    const onStructure = vi.fn();
    store.subscribeParagraph(first, onFirst);
    store.subscribeParagraph(third, onThird);
    store.subscribeStructure(onStructure);

    const text = (getParagraphText(doc, third)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'The ');

    expect(onThird).toHaveBeenCalledTimes(1);
    expect(onFirst).not.toHaveBeenCalled();
    expect(onStructure).not.toHaveBeenCalled();
    expect(store.getStructure()).toBe(structure);
    expect(store.getParagraph(first)).toBe(firstBefore);
    expect(store.getParagraph(third)).not.toBe(thirdBefore);
    expect(store.getParagraph(third)?.runs).toEqual([{ text: 'The Second ' }, { text: 'italic', marks: ['italic'] }]);
  });

  it('a status change updates progress; a move renumbers', () => {
    const { doc, ids, store } = setup();
    const [first, heading, third] = ids as [string, string, string];
    const onStructure = vi.fn();
    store.subscribeStructure(onStructure);

    getParagraphs(doc).get(third)?.set('status', 'agreed');
    expect(store.getStructure().progress).toEqual({ paragraphs: 2, agreed: 1, agreedAdRef: 0, pending: 1, bracketed: 0, openProposals: 0, openByDelegation: [] });
    expect(store.getParagraph(third)?.status).toBe('agreed');

    doc.transact(() => {
      getOrder(doc).delete(0, 3);
      getOrder(doc).insert(0, [third, heading, first]);
    });
    expect(store.getStructure().slots.map((slot) => [slot.id, slot.number])).toEqual([
      [third, '1'],
      [heading, null],
      [first, '2'],
    ]);
    expect(onStructure).toHaveBeenCalledTimes(2);
  });

  it('a bracket added or lifted re-reads its paragraph and the bracketed count, nothing else', () => {
    const { doc, ids, store } = setup();
    const [first, , third] = ids as [string, string, string];
    const before = store.getParagraph(first);
    const onThird = vi.fn();
    store.subscribeParagraph(third, onThird);
    const text = paragraphCharacters(doc, third) as Y.XmlText;
    getBrackets(doc).set('b1', { paragraphId: third, ...anchorRange(text, 0, 6), holders: [{ delegation: 'EU', stance: 'propose' }], group: null, createdAt: '2026-11-30T12:00:00.000Z' });
    expect(store.getParagraph(third)?.brackets?.map((b) => b.text)).toEqual(['Second']);
    expect(store.getStructure().progress.bracketed).toBe(1);
    expect(onThird).toHaveBeenCalledTimes(1);
    expect(store.getParagraph(first)).toBe(before);
    getBrackets(doc).delete('b1');
    expect(store.getParagraph(third)?.brackets).toEqual([]);
    expect(store.getStructure().progress.bracketed).toBe(0);
  });

  it('counts open proposals per delegation; typing in a proposal or its reason leaves the structure as it was', () => {
    const { doc, ids, store } = setup();
    const first = ids[0] as string;
    const propose = (id: string, delegation: string, second: number) =>
      doc.transact(() =>
        writeProposal(doc, id, { paragraphId: first, afterParagraphId: null, delegation, kind: 'retain', runs: [], basedOn: '', baseMarks: [], rationale: '', createdAt: `2026-01-01T00:00:0${second}Z` }),
      );
    propose('a', 'EU', 1);
    propose('b', 'G77', 2);
    propose('c', 'EU', 3);
    expect(store.getStructure().progress).toMatchObject({ openProposals: 3, openByDelegation: [{ delegation: 'EU', count: 2 }, { delegation: 'G77', count: 1 }] });
    const listener = vi.fn();
    store.subscribeStructure(listener);
    const before = store.getStructure();
    const block = getProposalText(doc, 'a')?.get(0) as Y.XmlElement;
    (block.get(0) as Y.XmlText).insert(0, 'typing');
    getProposal(doc, 'a')?.set(ProposalField.rationale, 'why');
    expect(store.getStructure()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
    getProposal(doc, 'a')?.set(ProposalField.status, ProposalStatus.withdrawn);
    expect(store.getStructure().progress).toMatchObject({ openProposals: 2, openByDelegation: [{ delegation: 'EU', count: 1 }, { delegation: 'G77', count: 1 }] });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('stops following the doc after destroy', () => {
    const { doc, ids, store } = setup();
    const listener = vi.fn();
    store.subscribeStructure(listener);
    store.destroy();
    getParagraphs(doc).get(ids[0] as string)?.set('status', 'agreed');
    expect(listener).not.toHaveBeenCalled();
  });
});
