/**
 * The page's proposal store: proposals oldest first, globally and per paragraph; a change to one proposal's
 * words replaces its snapshot in place (its paragraph's list gets a new identity, other paragraphs' lists
 * keep theirs); a new proposal takes its place by age; a removed one leaves both lists.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ProposalStore } from '../../client/sync/proposal-store.ts';
import { getProposals, getProposalText, ProposalField, ProposalKind, ProposalStatus, writeProposal } from '../../shared/model/proposal.ts';

function propose(doc: Y.Doc, id: string, paragraphId: string, createdAt: string): void {
  doc.transact(() =>
    writeProposal(doc, id, {
      paragraphId, afterParagraphId: null, delegation: 'EU', kind: ProposalKind.replaceText,
      runs: [{ text: `Words of ${id}.` }], basedOn: 'Old.', baseMarks: [], rationale: '', createdAt,
    }),
  );
}

/** Types `words` at the start of proposal `id`'s one paragraph block. */
function typeInto(doc: Y.Doc, id: string, words: string): void {
  const block = getProposalText(doc, id)?.get(0);
  if (!(block instanceof Y.XmlElement)) throw new Error(`proposal ${id} has no paragraph block`);
  const text = block.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error(`proposal ${id} has no text`);
  text.insert(0, words);
}

const ids = (list: readonly { id: string }[]) => list.map((p) => p.id);

describe('ProposalStore', () => {
  it('lists proposals oldest first, whatever order they arrive in, and per paragraph', () => {
    const doc = new Y.Doc();
    propose(doc, 'c', 'p1', '2026-01-03T00:00:00Z');
    propose(doc, 'a', 'p1', '2026-01-01T00:00:00Z');
    const store = new ProposalStore(doc);
    propose(doc, 'b', 'p2', '2026-01-02T00:00:00Z');
    propose(doc, 'a0', 'p1', '2026-01-01T00:00:00Z');
    expect(ids(store.getAll())).toEqual(['a', 'a0', 'b', 'c']);
    expect(ids(store.forParagraph('p1'))).toEqual(['a', 'a0', 'c']);
    expect(ids(store.forParagraph('p2'))).toEqual(['b']);
    store.destroy();
  });

  it('replaces a changed proposal in place: its paragraph is notified, the others keep their lists', () => {
    const doc = new Y.Doc();
    for (const [id, paragraph, day] of [['a', 'p1', 1], ['b', 'p2', 2], ['c', 'p1', 3]] as const) propose(doc, id, paragraph, `2026-01-0${day}T00:00:00Z`);
    const store = new ProposalStore(doc);
    const [all, p1, p2] = [store.getAll(), store.forParagraph('p1'), store.forParagraph('p2')];
    const heard: string[] = [];
    store.subscribeParagraph('p1', () => heard.push('p1'));
    store.subscribeParagraph('p2', () => heard.push('p2'));
    typeInto(doc, 'a', 'New ');
    expect(store.get('a')?.text).toBe('New Words of a.');
    expect(heard).toEqual(['p1']);
    expect(store.forParagraph('p2')).toBe(p2);
    expect(store.forParagraph('p1')).not.toBe(p1);
    expect(ids(store.forParagraph('p1'))).toEqual(['a', 'c']);
    expect(store.forParagraph('p1')[0]?.text).toBe('New Words of a.');
    expect(store.forParagraph('p1')[1]).toBe(p1[1]);
    const after = store.getAll();
    expect(after).not.toBe(all);
    expect(ids(after)).toEqual(['a', 'b', 'c']);
    expect(after[0]?.text).toBe('New Words of a.');
    expect(store.getAll()).toBe(after);
    // A status change keeps the place too (createdAt never changes).
    doc.transact(() => getProposals(doc).get('c')?.set(ProposalField.status, ProposalStatus.withdrawn));
    expect(store.forParagraph('p1').map((p) => p.status)).toEqual([ProposalStatus.pending, ProposalStatus.withdrawn]);
    expect(ids(store.getAll())).toEqual(['a', 'b', 'c']);
    store.destroy();
  });

  it('drops a removed proposal from its paragraph and from the whole list', () => {
    const doc = new Y.Doc();
    propose(doc, 'a', 'p1', '2026-01-01T00:00:00Z');
    propose(doc, 'b', 'p1', '2026-01-02T00:00:00Z');
    const store = new ProposalStore(doc);
    expect(store.getAll()).toHaveLength(2);
    doc.transact(() => getProposals(doc).delete('a'));
    expect(ids(store.forParagraph('p1'))).toEqual(['b']);
    expect(ids(store.getAll())).toEqual(['b']);
    doc.transact(() => getProposals(doc).delete('b'));
    expect(store.forParagraph('p1')).toEqual([]);
    expect(store.getAll()).toEqual([]);
    store.destroy();
  });
});
