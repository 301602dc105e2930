/**
 * Undoing decisions on the IMRF zero draft: a rejection or superseding reopens the proposal; an acceptance
 * takes the paragraph back to the text before it (and reopens the proposals it superseded) only while the
 * paragraph still reads as the acceptance left it; an accepted new paragraph is removed while unchanged; a
 * withdrawal is the delegation's and a facilitator cannot undo it.
 */
import { describe, expect, it } from 'vitest';
import { wordChanges } from '../../shared/amendments/word-diff.ts';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { readOrder } from '../../shared/model/negotiation-doc.ts';
import { expectRefused, itemIds, people, proposalRoom, swap } from './proposal-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const { chair, eu, g77, us } = people;

describe.skipIf(!hasImrfFixture)('undo a decision', () => {
  it('an accepted replacement: the text reads as before, brackets on other words untouched, the superseded reopen', () => {
    const r = proposalRoom();
    const before = r.words('6');
    const bracket = r.bracket('6', 'safe, orderly and regular migration');
    const accepted = r.replace(eu, '6', (now) => swap(now, 'planned and well-managed', 'planned, well-managed and rights-based'));
    const superseded = r.replace(g77, '6', (now) => swap(now, 'well-managed', 'well-governed'));
    const ids = itemIds(r.text(r.para('6')));
    r.act(chair, { type: 'accept-proposal', proposalId: accepted });
    const after = r.words('6');
    const replaced = wordChanges(before, after).reduce((n, change) => n + change.to - change.from, 0);
    expect(r.proposal(superseded).status).toBe('superseded');
    const undo = r.act(chair, { type: 'undo-decision', proposalId: accepted });
    expect(undo.record).toEqual({
      paragraphId: r.para('6'),
      summary: 'undid the acceptance of EU’s proposal to amend paragraph 6: paragraph 6 reads as before, and reopened the proposal it superseded',
      before: after,
      after: before,
    });
    expect(r.words('6')).toBe(before);
    // Only the words the acceptance replaced come back as new items; every other character is the one it was.
    const now = itemIds(r.text(r.para('6')));
    expect(now.filter((itemId) => !ids.includes(itemId)).length).toBe(replaced);
    expect(readBrackets(r.doc, r.para('6')).map((b) => b.text)).toEqual(['safe, orderly and regular migration']);
    expect(readBrackets(r.doc, r.para('6'))[0]?.id).toBe(bracket);
    expect(r.proposal(accepted)).toMatchObject({ status: 'pending', decision: null });
    expect(r.proposal(superseded)).toMatchObject({ status: 'pending', decision: null });
    // Decided again, the other way round.
    r.act(chair, { type: 'accept-proposal', proposalId: superseded });
    expect(r.words('6')).toContain('planned and well-governed migration');
    expect(r.proposal(accepted).status).toBe('superseded');
  });

  it('an accepted replacement whose paragraph changed since: refused, undo by editing; on a locked paragraph: refused', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'perilous routes', 'dangerous routes'));
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    r.act(chair, { type: 'set-status', paragraphId: r.para('12'), status: 'agreed' });
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /paragraph 12 is agreed: reopen it/);
    r.act(chair, { type: 'set-status', paragraphId: r.para('12'), status: 'pending' });
    r.type('12', 'at sea', 'by sea');
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /^paragraph 12 changed since; undo by editing$/);
    expect(r.proposal(id).status).toBe('accepted');
  });

  it('a rejection and a superseding reopen the proposal; a pending proposal has nothing to undo', () => {
    const r = proposalRoom();
    const id = r.replace(us, '12', (now) => swap(now, 'deeply concerned', 'concerned'));
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /is pending: there is no decision on it to undo/);
    r.act(chair, { type: 'reject-proposal', proposalId: id });
    expect(r.act(chair, { type: 'undo-decision', proposalId: id }).record).toEqual({ paragraphId: r.para('12'), summary: 'undid the rejection of US’s proposal to amend paragraph 12' });
    expect(r.proposal(id)).toMatchObject({ status: 'pending', decision: null });
    const winner = r.replace(eu, '12', (now) => swap(now, 'deeply concerned', 'gravely concerned'));
    r.act(chair, { type: 'accept-proposal', proposalId: winner });
    expect(r.proposal(id).status).toBe('superseded');
    expect(r.act(chair, { type: 'undo-decision', proposalId: id }).record.summary).toBe('undid the superseding of US’s proposal to amend paragraph 12');
    expect(r.proposal(id).status).toBe('pending');
  });

  it('a withdrawal cannot be undone by a facilitator', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'deeply concerned', 'concerned'));
    r.act(eu, { type: 'withdraw-proposal', proposalId: id });
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'forbidden', /EU’s proposal to amend paragraph 12 is withdrawn: a withdrawal is EU’s own, and a facilitator cannot undo it/);
  });

  it('an accepted new paragraph is removed while it reads as inserted, and not once it changed', () => {
    const r = proposalRoom();
    const id = r.act(eu, { type: 'propose', paragraphId: null, afterParagraphId: r.para('5'), kind: 'insert-paragraph', text: 'We commit to ending child immigration detention.' }).result.proposalId as string;
    const created = r.act(chair, { type: 'accept-proposal', proposalId: id }).result.paragraphId as string;
    const undo = r.act(chair, { type: 'undo-decision', proposalId: id });
    expect(undo.record).toEqual({ paragraphId: created, summary: 'undid the acceptance of EU’s proposal of a new paragraph after paragraph 5: removed paragraph 5 bis', before: 'We commit to ending child immigration detention.', after: '' });
    expect(readOrder(r.doc)).not.toContain(created);
    expect(r.proposal(id)).toMatchObject({ status: 'pending', decision: null });
    const again = r.act(chair, { type: 'accept-proposal', proposalId: id }).result.paragraphId as string;
    const characters = r.text(again);
    r.doc.transact(() => characters.insert(characters.length, ' Now.'));
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /paragraph 5 bis changed since it was inserted: undo by deleting it/);
  });
});
