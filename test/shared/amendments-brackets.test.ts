/**
 * Accepting proposals into brackets on real paragraphs of the IMRF zero draft: an insertion becomes a
 * bracketed insertion, a deletion brackets the words held as "delete", a replacement an alternative group
 * of the old and the new words; carried out on the document, the brackets read back in those shapes, every
 * old word keeps its Yjs item, and a proposal written before a bracket was lifted or deleted still lands.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyBracketPlan, bracketPlanProblem } from '../../shared/amendments/apply-bracket-plan.ts';
import { planBracketAcceptance, type BracketPlan, type PlanRefusal, type ProposalPeople } from '../../shared/amendments/bracket-plan.ts';
import { mergeThreeWay } from '../../shared/amendments/three-way-merge.ts';
import { wordChanges } from '../../shared/amendments/word-diff.ts';
import { formatBracketedText } from '../../shared/brackets/bracket-text.ts';
import { characterString, readBrackets } from '../../shared/brackets/read-brackets.ts';
import { imrfRoom, runOk, select } from './brackets-fixture.ts';
import { replaceIn } from './amendments-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

function planned(result: BracketPlan | PlanRefusal): BracketPlan {
  if (!result.ok) throw new Error(result.reason);
  return result;
}

function liveIds(text: Y.XmlText): Set<string> {
  const ids = new Set<string>();
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.countable) for (let k = 0; k < item.length; k++) ids.add(`${item.id.client}:${item.id.clock + k}`);
  }
  return ids;
}

// The paragraph's brackets as the conventional text writes them, holders included.
function written(doc: Y.Doc, paragraphId: string, text: Y.XmlText): string {
  return formatBracketedText([{ text: characterString(text) }], readBrackets(doc, paragraphId), { holders: true });
}

// Accepts into brackets the proposal `proposal`, written against `base`, on paragraph `paragraphId` as it reads now.
function acceptIntoBrackets(room: ReturnType<typeof imrfRoom>, paragraphId: string, base: string, proposal: string, people: ProposalPeople) {
  const text = room.text(paragraphId);
  const current = characterString(text);
  const merge = mergeThreeWay(base, current, proposal);
  if (!merge.ok) throw new Error('unexpected clash');
  const plan = planned(planBracketAcceptance(current, merge.changes, people, readBrackets(room.doc, paragraphId)));
  expect(bracketPlanProblem(room.doc, paragraphId, plan)).toBeNull();
  const before = liveIds(text);
  const applied = applyBracketPlan(room.doc, paragraphId, plan, room.env);
  const after = liveIds(text);
  for (const id of before) expect(after.has(id)).toBe(true);
  expect(characterString(text)).toBe(plan.after);
  return { plan, applied, brackets: readBrackets(room.doc, paragraphId) };
}

const eu: ProposalPeople = { proposer: 'EU', supporters: ['KEN'], opponents: ['G77'] };

describe.skipIf(!hasImrfFixture)('accept into brackets on the IMRF zero draft', () => {
  it('an insertion goes in bracketed, held by the proposer and supporters (propose) and the opponents (delete)', () => {
    const room = imrfRoom();
    const id = room.para('22');
    const base = characterString(room.text(id));
    const proposal = replaceIn(base, 'decent work', 'decent work and social protection');
    const { plan, brackets } = acceptIntoBrackets(room, id, base, proposal, eu);
    expect(plan.after).toBe(proposal);
    expect(brackets.map((b) => [b.text, b.holders, b.group])).toEqual([
      ['and social protection', [{ delegation: 'EU', stance: 'propose' }, { delegation: 'KEN', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }], null],
    ]);
    expect(written(room.doc, id, room.text(id))).toContain('decent work [and social protection - EU, KEN, G77 delete] for migrant workers');
  });

  it('a deletion keeps the words and brackets them, held as "delete" by the proposer and "retain" by its opponents', () => {
    const room = imrfRoom();
    const id = room.para('22');
    const base = characterString(room.text(id));
    const proposal = replaceIn(base, 'many Member States', 'Member States');
    const { plan, brackets } = acceptIntoBrackets(room, id, base, proposal, { proposer: 'G77', supporters: [], opponents: ['US', 'EU'] });
    expect(plan.insertions).toEqual([]);
    expect(plan.after).toBe(base);
    expect(brackets.map((b) => [b.text, b.holders])).toEqual([
      ['many', [{ delegation: 'G77', stance: 'delete' }, { delegation: 'US', stance: 'retain' }, { delegation: 'EU', stance: 'retain' }]],
    ]);
    expect(written(room.doc, id, room.text(id))).toMatch(/^Progress has been made by \[many - G77 delete, US retain, EU retain\] Member States/);
  });

  it('a replacement becomes alternatives: the old words held by nobody when unopposed, the new words after them', () => {
    const room = imrfRoom();
    const id = room.para('5');
    const base = characterString(room.text(id));
    const proposal = replaceIn(base, 'concerns over migration', 'concerns regarding migration');
    const { brackets, applied } = acceptIntoBrackets(room, id, base, proposal, { proposer: 'US', supporters: ['EU'], opponents: [] });
    expect(brackets.map((b) => [b.text, b.holders, b.alternative])).toEqual([
      ['over', [], 1],
      ['regarding', [{ delegation: 'US', stance: 'propose' }, { delegation: 'EU', stance: 'propose' }], 2],
    ]);
    expect(new Set(brackets.map((b) => b.group))).toEqual(new Set(applied.groupIds));
    expect(written(room.doc, id, room.text(id))).toContain('concerns [Alt 1: over] [Alt 2: regarding - US, EU] migration');
  });

  it('an opposed replacement puts the opponents on the old words as "retain"; several changes each take their shape', () => {
    const room = imrfRoom();
    const id = room.para('22');
    const base = characterString(room.text(id));
    let proposal = replaceIn(base, 'fair and ethical recruitment', 'ethical recruitment');
    proposal = replaceIn(proposal, 'digital technologies', 'digital tools');
    proposal = replaceIn(proposal, 'returning migrants', 'returning migrants and their families');
    const { brackets } = acceptIntoBrackets(room, id, base, proposal, eu);
    expect(brackets.map((b) => [b.text, b.holders.map((h) => `${h.delegation} ${h.stance}`).join(', '), b.alternative])).toEqual([
      ['fair and', 'EU delete, KEN delete, G77 retain', null],
      ['technologies', 'G77 retain', 1],
      ['tools', 'EU propose, KEN propose', 2],
      ['and their families', 'EU propose, KEN propose, G77 delete', null],
    ]);
    expect(written(room.doc, id, room.text(id))).toContain('use of digital [Alt 1: technologies - G77 retain] [Alt 2: tools - EU, KEN] during the pandemic');
  });

  it('a proposal written before a bracket was lifted and another deleted lands on the words as they read now', () => {
    const room = imrfRoom();
    const { doc, env } = room;
    const id = room.para('30');
    const text = room.text(id);
    const lifted = runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(text, 'rights-based alternatives to detention'), holders: [{ delegation: 'G77', stance: 'propose' }] });
    const deleted = runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(text, ', including for women, children and young people'), holders: [{ delegation: 'US', stance: 'delete' }] });
    const base = characterString(text);
    let proposal = replaceIn(base, 'rights-based alternatives', 'human rights-based alternatives');
    proposal = replaceIn(proposal, 'unlawful deportation', 'arbitrary deportation');
    runOk(doc, env, { type: 'lift-bracket', bracketId: lifted.result.bracketId as string });
    runOk(doc, env, { type: 'delete-bracket', bracketId: deleted.result.bracketId as string });
    expect(characterString(text)).not.toContain('women, children');

    const { brackets } = acceptIntoBrackets(room, id, base, proposal, eu);
    expect(brackets.map((b) => [b.text, b.alternative, b.depth])).toEqual([
      ['unlawful', 1, 0],
      ['arbitrary', 2, 0],
      ['human', null, 0],
    ]);
    expect(brackets.some((b) => b.id === lifted.result.bracketId)).toBe(false);
    expect(characterString(text)).not.toContain('women, children');
    expect(written(doc, id, text)).toContain('ensuring [human - EU, KEN, G77 delete] rights-based alternatives to detention,');
  });

  it('inside a bracket that still stands, the new brackets nest in it', () => {
    const room = imrfRoom();
    const { doc, env } = room;
    const id = room.para('30');
    const text = room.text(id);
    const outer = runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(text, 'rights-based alternatives to detention'), holders: [{ delegation: 'G77', stance: 'propose' }] });
    const base = characterString(text);
    const proposal = replaceIn(base, 'alternatives to detention', 'alternatives to immigration detention');
    const { brackets } = acceptIntoBrackets(room, id, base, proposal, { proposer: 'KEN', supporters: [], opponents: [] });
    expect(brackets.map((b) => [b.text, b.depth, b.parent])).toEqual([
      ['rights-based alternatives to immigration detention', 0, null],
      ['immigration', 1, outer.result.bracketId],
    ]);
  });

  it('a replacement of the last words of a bracket keeps both alternatives inside it: the bracket widens over the new words', () => {
    const room = imrfRoom();
    const { doc, env } = room;
    const id = room.para('30');
    const text = room.text(id);
    const outer = runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(text, 'rights-based alternatives to detention'), holders: [{ delegation: 'G77', stance: 'propose' }] });
    const exact = runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(text, 'detention', 1), holders: [{ delegation: 'US', stance: 'delete' }] });
    const base = characterString(text);
    const proposal = replaceIn(base, 'alternatives to detention', 'alternatives to custody');
    const { plan, brackets } = acceptIntoBrackets(room, id, base, proposal, { proposer: 'EU', supporters: [], opponents: [] });
    expect(plan.widen.map((w) => w.bracketId)).toEqual([outer.result.bracketId, exact.result.bracketId]);
    expect(brackets.map((b) => [b.text, b.depth, b.alternative])).toEqual([
      ['rights-based alternatives to detention custody', 0, null],
      ['detention custody', 1, null],
      ['detention', 2, 1],
      ['custody', 2, 2],
    ]);
    expect(written(doc, id, text)).toContain('ensuring [rights-based alternatives to [[Alt 1: detention] [Alt 2: custody - EU] - US delete] - G77], particularly');
  });

  it('refuses a bracket that would cross one standing, a proposal that changes nothing, and a plan for a text that moved on', () => {
    const room = imrfRoom();
    const { doc, env } = room;
    const id = room.para('22');
    const text = room.text(id);
    runOk(doc, env, { type: 'add-bracket', paragraphId: id, ...select(text, 'ethical recruitment and decent work'), holders: [{ delegation: 'G77', stance: 'propose' }] });
    const current = characterString(text);
    const crossing = planBracketAcceptance(current, wordChanges(current, replaceIn(current, 'fair and ethical recruitment', 'recruitment')), eu, readBrackets(doc, id));
    expect(crossing).toMatchObject({ ok: false, reason: expect.stringMatching(/“fair and ethical” would cross the bracket “ethical recruitment and decent work”/) });
    expect(planBracketAcceptance(current, [], eu)).toMatchObject({ ok: false, reason: 'the proposal changes no words of the paragraph' });
    const plan = planned(planBracketAcceptance(current, wordChanges(current, replaceIn(current, 'many Member States', 'Member States')), eu));
    text.insert(0, 'Indeed, ');
    expect(bracketPlanProblem(doc, id, plan)).toBe('the paragraph changed since the plan was made');
    expect(() => applyBracketPlan(doc, id, plan, env)).toThrow(/changed since/);
    expect(readBrackets(doc, id)).toHaveLength(1);
  });
});
