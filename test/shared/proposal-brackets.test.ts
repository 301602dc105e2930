/**
 * Accepting replacements into brackets on the IMRF zero draft, through the command: an insertion goes in
 * bracketed, a deletion is bracketed and held as "delete", a replacement stands as alternatives of the old
 * and the new words; held by the proposer and its supporters, opponents holding the other side; the
 * decision keeps the brackets' ids, and undoing it takes back the brackets and the words they added.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { expectRefused, itemIds, people, proposalRoom, swap } from './proposal-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const { chair, eu, g77, us, ken } = people;

describe.skipIf(!hasImrfFixture)('accept into brackets', () => {
  it('a replacement stands as alternatives: the old words held by the opponents, the new by the proposer and supporters', () => {
    const r = proposalRoom();
    const before = r.words('6');
    const ids = itemIds(r.text(r.para('6')));
    const id = r.replace(eu, '6', (now) => swap(now, 'well-managed migration policies', 'rights-based migration policies'));
    r.act(ken, { type: 'react-to-proposal', proposalId: id, reaction: 'support' });
    r.act(g77, { type: 'react-to-proposal', proposalId: id, reaction: 'oppose' });
    // Deciding (the plan rehearsed on a copy) leaves the document as it was.
    const state = Y.encodeStateAsUpdate(r.doc);
    expect(r.judge(chair, { type: 'accept-into-brackets', proposalId: id }).ok).toBe(true);
    expect(r.judge(chair, { type: 'accept-proposal', proposalId: id }).ok).toBe(true);
    expect(Y.encodeStateAsUpdate(r.doc)).toEqual(state);
    const decision = r.act(chair, { type: 'accept-into-brackets', proposalId: id });
    expect(r.bracketed('6')).toContain('planned and [Alt 1: well-managed - G77 retain] [Alt 2: rights-based - EU, KEN] migration policies');
    const bracketIds = readBrackets(r.doc, r.para('6')).map((b) => b.id);
    expect(decision.result).toEqual({ proposalId: id, bracketIds: bracketIds.join(',') });
    expect(decision.record).toEqual({
      paragraphId: r.para('6'),
      summary: 'accepted EU’s proposal to amend paragraph 6 into brackets: “well-managed”, “rights-based”',
      before,
      after: r.words('6'),
    });
    expect(r.proposal(id)).toMatchObject({ status: 'accepted-into-brackets', decision: { status: 'accepted-into-brackets', bracketIds, before, after: r.words('6') } });
    // No word of the text was deleted: every old character keeps its Yjs item.
    const live = new Set(itemIds(r.text(r.para('6'))));
    expect(ids.every((itemId) => live.has(itemId))).toBe(true);
  });

  it('an insertion goes in bracketed, a deletion is bracketed as "delete"', () => {
    const r = proposalRoom();
    const insertion = r.replace(us, '12', (now) => swap(now, 'perilous routes', 'perilous and irregular routes'));
    r.act(chair, { type: 'accept-into-brackets', proposalId: insertion });
    expect(r.bracketed('12')).toContain('along perilous [and irregular - US] routes');
    const deletion = r.replace(g77, '12', (now) => swap(now, 'deeply concerned', 'concerned'));
    r.act(eu, { type: 'react-to-proposal', proposalId: deletion, reaction: 'oppose' });
    r.act(chair, { type: 'accept-into-brackets', proposalId: deletion });
    expect(r.bracketed('12')).toContain('We are [deeply - G77 delete, EU retain] concerned');
  });

  it('refused for other kinds, for proposals that change nothing, and where a bracket would cross another', () => {
    const r = proposalRoom();
    const retain = r.act(eu, { type: 'propose', paragraphId: r.para('12'), kind: 'retain' }).result.proposalId as string;
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: retain }), 'invalid', /only a proposal to amend text goes into brackets/);
    const same = r.act(eu, { type: 'propose', paragraphId: r.para('12'), kind: 'replace-text' }).result.proposalId as string;
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: same }), 'conflict', /changes no words/);
    r.bracket('12', 'land and at sea, in transit');
    const crossing = r.replace(us, '12', (now) => swap(now, 'at sea, in transit and destination', 'at sea'));
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: crossing }), 'conflict', /would cross the bracket/);
  });

  it('a clash is refused: the clashing words have no bracket shape yet', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'perilous routes', 'dangerous routes'));
    r.type('12', 'perilous routes', 'deadly routes');
    expectRefused(r.judge(chair, { type: 'accept-into-brackets', proposalId: id }), 'conflict', /clashes .* or ask EU to write it again on the text as it reads now/);
  });

  it('undo removes its brackets and the words they added, while the paragraph reads as it left it', () => {
    const r = proposalRoom();
    // A bracket standing that ends with the replaced words is widened over the new ones, and narrowed back.
    const standing = r.bracket('6', 'planned and well-managed', 'US');
    const before = r.words('6');
    const ids = itemIds(r.text(r.para('6')));
    const id = r.replace(eu, '6', (now) => swap(now, 'well-managed migration policies', 'rights-based migration policies'));
    r.act(chair, { type: 'accept-into-brackets', proposalId: id });
    const after = r.words('6');
    expect(r.bracketed('6')).toContain('[planned and [Alt 1: well-managed] [Alt 2: rights-based - EU] - US] migration');
    const undo = r.act(chair, { type: 'undo-decision', proposalId: id });
    expect(undo.record).toEqual({
      paragraphId: r.para('6'),
      summary: 'undid the acceptance into brackets of EU’s proposal to amend paragraph 6: removed the brackets “well-managed”, “rights-based” and the words they added',
      before: after,
      after: before,
    });
    expect(r.words('6')).toBe(before);
    expect(readBrackets(r.doc, r.para('6')).map((b) => [b.id, b.text])).toEqual([[standing, 'planned and well-managed']]);
    expect(itemIds(r.text(r.para('6')))).toEqual(ids);
    expect(r.proposal(id)).toMatchObject({ status: 'pending', decision: null });

    // Again, then a bracket of it lifted: the undo is refused, and so once the text changes.
    r.act(chair, { type: 'accept-into-brackets', proposalId: id });
    const [first] = r.proposal(id).decision?.bracketIds ?? [];
    r.act(chair, { type: 'lift-bracket', bracketId: first as string });
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /the brackets EU’s proposal to amend paragraph 6 went into changed since \(1 of 2 are lifted or gone\): undo by editing/);
  });

  it('undo after the words changed: refused', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => swap(now, 'perilous routes', 'perilous and irregular routes'));
    r.act(chair, { type: 'accept-into-brackets', proposalId: id });
    r.type('12', 'on land', 'over land');
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /paragraph 12 changed since; undo by editing/);
  });
});
