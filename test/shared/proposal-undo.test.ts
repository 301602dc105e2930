/**
 * Undoing decisions on the IMRF zero draft: a rejection or superseding reopens the proposal; an acceptance
 * takes the paragraph back to the text before it (and reopens the proposals it superseded) only while the
 * paragraph still reads as the acceptance left it; an accepted new paragraph is removed while unchanged; a
 * withdrawal is the delegation's and a facilitator cannot undo it. An accepted deletion puts the paragraph
 * back as it was (id, place, formatting, footnotes, brackets and holders, source) while it can stand there.
 * An accepted reformatting takes its marks back while the words it reformatted still carry them.
 */
import { describe, expect, it } from 'vitest';
import { wordChanges } from '../../shared/amendments/word-diff.ts';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { removeParagraph } from '../../shared/commands/structure-edits.ts';
import { addParagraphMap, DocRoot, getOrder, readFloor, readNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { readRemovedParagraph } from '../../shared/model/removed-paragraph.ts';
import { getProposal, keptParagraphLimits, maxReformattedStretches, ProposalField } from '../../shared/model/proposal.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { schemaProblem } from '../../shared/permissions/field-rules.ts';
import { ruleFor } from '../../shared/permissions/rule-index.ts';
import { select } from './brackets-fixture.ts';
import { expectRefused, format, itemIds, people, proposalCharacters, proposalRoom, runsOf, swap } from './proposal-fixture.ts';
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

  it('an accepted new paragraph a facilitator deleted since: undo reopens the proposal and drops the copy kept of it, so it never stands twice', () => {
    const r = proposalRoom();
    const proposalId = r.act(eu, { type: 'propose', paragraphId: null, afterParagraphId: r.para('4'), kind: 'insert-paragraph', text: 'We commit to new words.' }).result.proposalId as string;
    const created = r.act(chair, { type: 'accept-proposal', proposalId }).result.paragraphId as string;
    r.act(chair, { type: 'delete-paragraph', paragraphId: created });
    expect(readRemovedParagraph(r.doc, created)).not.toBeNull();
    expect(r.act(chair, { type: 'undo-decision', proposalId }).record.summary).toMatch(/\(the paragraph it inserted is gone already\)$/);
    expect(readRemovedParagraph(r.doc, created)).toBeNull();
    expectRefused(r.judge(chair, { type: 'restore-paragraph', paragraphId: created }), 'conflict', /was not kept to be put back/);
    r.act(chair, { type: 'accept-proposal', proposalId });
    expect(readNegotiation(r.doc).paragraphs.filter((p) => p.runs.map((run) => run.text).join('') === 'We commit to new words.')).toHaveLength(1);
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

describe.skipIf(!hasImrfFixture)('undo an accepted deletion', () => {
  /** Paragraph 52 dressed up: a source, italic words, its footnote marker, brackets held by several delegations, two of them alternatives. */
  function dressedRoom() {
    const r = proposalRoom();
    const id = r.para('52');
    r.act(chair, { type: 'set-source', paragraphId: id, source: 'GCM para 49' });
    r.doc.transact(() => r.text(id).format(0, 'Building on'.length, { italic: {} }));
    const held = r.bracket('52', 'pledging initiative of the Network');
    r.act(chair, { type: 'set-bracket-holders', bracketId: held, holders: [{ delegation: 'G77', stance: 'propose' }, { delegation: 'EU', stance: 'delete' }] });
    const first = r.bracket('52', 'Member States', 'US');
    r.act(chair, { type: 'add-bracket', paragraphId: id, ...select(r.text(id), 'stakeholders'), holders: [{ delegation: 'KEN', stance: 'retain' }], alternativeTo: first });
    return { r, id };
  }

  /** Paragraph `id` as the page reads it (number, runs, source, footnotes, status, brackets with holders and groups), or undefined. */
  const paragraphOf = (r: ReturnType<typeof proposalRoom>, id: string) => readNegotiation(r.doc).paragraphs.find((p) => p.id === id);

  it('puts the paragraph back as it was, under its id and in its place, and reopens the proposal and those it superseded', () => {
    const { r, id } = dressedRoom();
    const before = paragraphOf(r, id);
    const order = readOrder(r.doc);
    expect(before?.runs[0]).toEqual({ text: 'Building on', marks: ['italic'] });
    expect(before?.footnotes.map((f) => f.marker)).toEqual(['5']);
    expect(before?.brackets?.filter((b) => b.group !== null).length).toBe(2);
    const superseded = r.replace(g77, '52', (now) => swap(now, 'we encourage', 'we invite'));
    const deletion = r.act(eu, { type: 'propose', paragraphId: id, kind: 'delete-paragraph' }).result.proposalId as string;
    r.act(chair, { type: 'accept-proposal', proposalId: deletion });
    expect(readOrder(r.doc)).not.toContain(id);
    expect(readBrackets(r.doc, id)).toEqual([]);
    expect(r.proposal(superseded).status).toBe('superseded');
    // What the decision keeps fits the schema of decision records.
    expect(schemaProblem(decisionSchema(), r.proposal(deletion).decision)).toBeNull();

    const undo = r.act(chair, { type: 'undo-decision', proposalId: deletion });
    expect(undo.record).toEqual({
      paragraphId: id,
      summary: 'undid the acceptance of EU’s proposal to delete paragraph 52: put it back, and reopened the proposal it superseded',
      before: '',
      after: plainText(before?.runs ?? []),
    });
    expect(undo.result).toEqual({ proposalId: deletion, paragraphId: id });
    expect(readOrder(r.doc)).toEqual(order);
    expect(paragraphOf(r, id)).toEqual(before);
    expect(r.proposal(deletion)).toMatchObject({ status: 'pending', decision: null, paragraphId: id });
    expect(r.proposal(superseded)).toMatchObject({ status: 'pending', decision: null });
    // The restored text takes edits and brackets like any other; decided again, it goes again, and comes back again.
    r.type('52', 'we encourage', 'we strongly encourage');
    r.act(chair, { type: 'accept-proposal', proposalId: deletion });
    r.act(chair, { type: 'undo-decision', proposalId: deletion });
    expect(r.words('52')).toContain('we strongly encourage');
    const held = (p: ReturnType<typeof paragraphOf>) => p?.brackets?.map(({ id: bracketId, text, holders, group, alternative, depth }) => ({ bracketId, text, holders, group, alternative, depth }));
    expect(held(paragraphOf(r, id))).toEqual(held(before));
  });

  it('the first paragraph comes back first; when the paragraph it followed is gone, it stands before the one that followed it', () => {
    const r = proposalRoom();
    const first = r.para('1');
    const deleteFirst = r.act(eu, { type: 'propose', paragraphId: first, kind: 'delete-paragraph' }).result.proposalId as string;
    r.act(chair, { type: 'accept-proposal', proposalId: deleteFirst });
    r.act(chair, { type: 'undo-decision', proposalId: deleteFirst });
    expect(readOrder(r.doc)[0]).toBe(first);

    const [previous, id, next] = [r.para('51'), r.para('52'), r.para('53')];
    const deletion = r.act(eu, { type: 'propose', paragraphId: id, kind: 'delete-paragraph' }).result.proposalId as string;
    r.act(chair, { type: 'accept-proposal', proposalId: deletion });
    r.act(chair, { type: 'delete-paragraph', paragraphId: previous });
    const undo = r.act(chair, { type: 'undo-decision', proposalId: deletion });
    expect(undo.record.summary).toBe('undid the acceptance of EU’s proposal to delete paragraph 51: put it back (the paragraph it followed is gone, so it stands after paragraph 50)');
    const order = readOrder(r.doc);
    expect(order.indexOf(id) + 1).toBe(order.indexOf(next));
  });

  it('a paragraph on the floor when its deletion was accepted is on the floor again when the acceptance is undone', () => {
    const r = proposalRoom();
    const id = r.para('52');
    r.act(chair, { type: 'set-floor', paragraphId: id });
    const deletion = r.act(eu, { type: 'propose', paragraphId: id, kind: 'delete-paragraph' }).result.proposalId as string;
    r.act(chair, { type: 'accept-proposal', proposalId: deletion });
    expect(readFloor(r.doc)).toBeNull();
    expect(r.act(chair, { type: 'undo-decision', proposalId: deletion }).record.summary).toBe('undid the acceptance of EU’s proposal to delete paragraph 52: put it back, on the floor again');
    expect(readFloor(r.doc)).toBe(id);
  });

  it('refused when both its neighbours are gone, when its id stands again, and when it was not kept', () => {
    const r = proposalRoom();
    const [previous, id, next] = [r.para('51'), r.para('52'), r.para('53')];
    const deletion = r.act(eu, { type: 'propose', paragraphId: id, kind: 'delete-paragraph' }).result.proposalId as string;
    r.act(chair, { type: 'accept-proposal', proposalId: deletion });
    const kept = r.proposal(deletion).decision;
    // Both neighbours merged away (a deleted one is kept, and its copy would say where they stood).
    r.act(chair, { type: 'merge-paragraph', paragraphId: previous });
    r.act(chair, { type: 'merge-paragraph', paragraphId: next });
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: deletion }), 'conflict', /^the paragraphs before and after the one EU’s proposal deleted are both gone: insert it again where it belongs$/);

    // A paragraph under its id again (no command makes one; a document could hold one).
    r.doc.transact(() => {
      addParagraphMap(r.doc, id, { kind: 'paragraph', runs: [{ text: 'Other words.' }], source: '', footnotes: [] }, 0);
      getOrder(r.doc).insert(0, [id]);
    });
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: deletion }), 'conflict', /^the paragraph EU’s proposal deleted is back already, as paragraph 1: there is nothing to put back$/);
    r.doc.transact(() => removeParagraph(r.doc, id));

    // A deletion accepted before deletions were kept.
    const { deleted: _kept, ...older } = kept ?? { status: 'accepted', by: '', at: '' };
    r.doc.transact(() => getProposal(r.doc, deletion)?.set(ProposalField.decision, older));
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: deletion }), 'conflict', /^the paragraph EU’s proposal deleted was not kept to be put back \(it was too large, or deleted before deletions were kept\): insert it again$/);
    expect(r.proposal(deletion).status).toBe('accepted');
  });

  it('a paragraph longer than a decision keeps is deleted without a copy, and its undo is refused', () => {
    const r = proposalRoom();
    const id = r.para('12');
    const characters = r.text(id);
    r.doc.transact(() => characters.insert(characters.length, ' more'.repeat(keptParagraphLimits.characters / 5)));
    const deletion = r.act(eu, { type: 'propose', paragraphId: id, kind: 'delete-paragraph' }).result.proposalId as string;
    r.act(chair, { type: 'accept-proposal', proposalId: deletion });
    expect(r.proposal(deletion).decision).not.toHaveProperty('deleted');
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: deletion }), 'conflict', /was not kept to be put back/);
  });
});

describe.skipIf(!hasImrfFixture)('undo an accepted reformatting', () => {

  it('a formatting-only acceptance: the marks come back, added and removed ones alike, on the very characters', () => {
    const r = proposalRoom();
    format(r, r.text(r.para('12')), 'deeply concerned', { bold: {} });
    const before = runsOf(r, '12');
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    format(r, proposalCharacters(r, id), 'deeply concerned', { bold: null });
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(runsOf(r, '12')).toEqual(r.proposal(id).runs);
    expect(schemaProblem(decisionSchema(), r.proposal(id).decision)).toBeNull();
    const ids = itemIds(r.text(r.para('12')));
    const undo = r.act(chair, { type: 'undo-decision', proposalId: id });
    expect(undo.record).toEqual({ paragraphId: r.para('12'), summary: 'undid the acceptance of EU’s proposal to amend paragraph 12: paragraph 12 reads as before' });
    expect(runsOf(r, '12')).toEqual(before);
    expect(itemIds(r.text(r.para('12')))).toEqual(ids);
    expect(r.proposal(id)).toMatchObject({ status: 'pending', decision: null });
  });

  it('words and marks accepted together both go back; marks changed elsewhere since stay', () => {
    const r = proposalRoom();
    const before = runsOf(r, '22');
    const id = r.replace(eu, '22', (now) => swap(now, 'decent work', 'decent work and social protection'));
    format(r, proposalCharacters(r, id), 'fair and ethical recruitment', { italic: {} });
    format(r, proposalCharacters(r, id), 'social protection', { bold: {} });
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    expect(runsOf(r, '22')).toEqual(r.proposal(id).runs);
    // The chair emboldens other words meanwhile: not what the acceptance did, so no reason to refuse.
    format(r, r.text(r.para('22')), 'private sector', { bold: {} });
    r.act(chair, { type: 'undo-decision', proposalId: id });
    expect(plainText(runsOf(r, '22'))).toBe(plainText(before));
    expect(runsOf(r, '22').filter((run) => run.marks).map((run) => [run.text, run.marks])).toEqual([['private sector', ['bold']]]);
  });

  it('refused while a word it reformatted carries other marks since; a plain-text acceptance keeps no formatting to check', () => {
    const r = proposalRoom();
    const id = r.replace(eu, '12', (now) => now);
    format(r, proposalCharacters(r, id), 'perilous routes', { italic: {} });
    r.act(chair, { type: 'accept-proposal', proposalId: id });
    format(r, r.text(r.para('12')), 'routes', { italic: null });
    expectRefused(r.judge(chair, { type: 'undo-decision', proposalId: id }), 'conflict', /^the formatting of “perilous routes” in paragraph 12 changed since; undo by editing$/);
    // Put back as the acceptance left it, the undo goes through.
    format(r, r.text(r.para('12')), 'routes', { italic: {} });
    r.act(chair, { type: 'undo-decision', proposalId: id });
    expect(runsOf(r, '12').some((run) => run.marks)).toBe(false);
    const plain = r.replace(eu, '12', (now) => swap(now, 'deeply concerned', 'concerned'));
    r.act(chair, { type: 'accept-proposal', proposalId: plain });
    expect(r.proposal(plain).decision).not.toHaveProperty('reformatted');
  });

  it('the decision record schema bounds the reformatted stretches', () => {
    const stretch = { from: 0, to: 3, added: ['italic'], removed: [] };
    const record = { status: 'accepted', by: 'Co-facilitator', at: '2026-01-01T00:00:00Z', before: 'abc', after: 'abc' };
    expect(schemaProblem(decisionSchema(), { ...record, reformatted: [stretch] })).toBeNull();
    expect(schemaProblem(decisionSchema(), { ...record, reformatted: [{ ...stretch, added: ['underline'] }] })).not.toBeNull();
    expect(schemaProblem(decisionSchema(), { ...record, reformatted: Array.from({ length: maxReformattedStretches + 1 }, () => stretch) })).not.toBeNull();
  });
});

/** The value schema the permission table gives a proposal's decision record. */
function decisionSchema() {
  const match = ruleFor(DocRoot.proposals, ['a1', ProposalField.decision]);
  if (match?.kind !== 'field' || !('plain' in match.rule.value)) throw new Error('no plain row for decisions');
  return match.rule.value.plain;
}
