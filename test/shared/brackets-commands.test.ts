import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeRuns } from '../../shared/model/paragraph-fragment.ts';
import { decide } from '../../shared/commands/decide.ts';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { getBrackets } from '../../shared/model/bracket.ts';
import { getParagraphs, ParagraphField } from '../../shared/model/negotiation-doc.ts';
import { paragraphPlainText } from '../../shared/commands/paragraph-facts.ts';
import type { Command } from '../../shared/protocol/commands.ts';
import { hasImrfFixture } from './snapshot-of.ts';
import { imrfRoom, run, runOk, select } from './brackets-fixture.ts';

const EU = { delegation: 'EU', stance: 'propose' } as const;
const G77del = { delegation: 'G77', stance: 'delete' } as const;
const US = { delegation: 'US', stance: 'propose' } as const;

function refusal(decision: ReturnType<typeof run>): { kind: string; reason: string } {
  if (decision.ok) throw new Error('expected a refusal');
  return { kind: decision.kind, reason: decision.reason };
}

describe.skipIf(!hasImrfFixture)('bracket commands on the IMRF zero draft', () => {
  it('adds a bracket held by EU and G77 (delete) over words of paragraph 6, words untouched', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const before = paragraphPlainText(doc, p6);
    const decision = runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU, G77del] });
    expect(decision.record).toEqual({ paragraphId: p6, summary: 'bracketed “safe, orderly” in paragraph 6 for EU, G77 (delete)' });
    expect(decision.result).toEqual({ bracketId: 'b1' });
    expect(paragraphPlainText(doc, p6)).toBe(before);
    const [bracket] = readBrackets(doc, p6);
    expect(bracket).toMatchObject({ id: 'b1', text: 'safe, orderly', holders: [EU, G77del], group: null, alternative: null, depth: 0, parent: null });
    expect(before.slice(bracket?.span.start, bracket?.span.end)).toBe('safe, orderly');
    expect(getBrackets(doc).get('b1')).toMatchObject({ paragraphId: p6, createdAt: '2026-11-30T19:00:00.000Z', group: null });
  });

  it('refuses a selection outside the paragraph, an empty one, and one reaching into another paragraph', () => {
    const { doc, env, para, text } = imrfRoom();
    const [p5, p6] = [para('5'), para('6')];
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p5, ...select(text(p6), 'safe, orderly'), holders: [EU] }))).toEqual({
      kind: 'invalid',
      reason: 'the selection is not in paragraph 5',
    });
    const { start } = select(text(p6), 'safe');
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, start, end: start, holders: [EU] })).reason).toBe('select at least one character to bracket');
    const reversed = select(text(p6), 'safe, orderly');
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, start: select(text(p6), 'orderly').start, end: select(text(p6), 'safe').end, holders: [EU] })).kind).toBe('invalid');
    expect(run(doc, env, { type: 'add-bracket', paragraphId: 'nope', ...reversed, holders: [EU] })).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('refuses a locked paragraph, an unknown delegation and a repeated one', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const words = select(text(p6), 'safe, orderly');
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, ...words, holders: [{ delegation: 'XYZ', stance: 'propose' }] }))).toEqual({
      kind: 'invalid',
      reason: 'there is no delegation XYZ in this negotiation',
    });
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, ...words, holders: [EU, { delegation: 'EU', stance: 'retain' }] })).reason).toMatch(/EU is named twice/);
    runOk(doc, env, { type: 'set-status', paragraphId: p6, status: 'agreed' });
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, ...words, holders: [EU] }))).toEqual({
      kind: 'conflict',
      reason: 'paragraph 6 is agreed: a facilitator must reopen it before its brackets change',
    });
    expect(readBrackets(doc, p6)).toEqual([]);
  });

  it('nests brackets inside, around and on the same words, and refuses a crossing one by naming it', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const t = text(p6);
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'safe, orderly and regular migration'), holders: [EU] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'orderly'), holders: [US] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'facilitating safe, orderly and regular migration and mobility'), holders: [G77del] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'orderly'), holders: [EU] });
    const crossing = refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'migration and mobility of people'), holders: [EU] }));
    expect(crossing).toEqual({
      kind: 'invalid',
      reason: '“migration and mobility of people” would cross the bracket “facilitating safe, orderly and regular migration and mobili…”: brackets nest or stand apart',
    });
    const read = readBrackets(doc, p6).map((b) => [b.id, b.text, b.depth, b.parent]);
    expect(read).toEqual([
      ['b3', 'facilitating safe, orderly and regular migration and mobility', 0, null],
      ['b1', 'safe, orderly and regular migration', 1, 'b3'],
      ['b2', 'orderly', 2, 'b1'],
      ['b4', 'orderly', 3, 'b2'],
    ]);
  });

  it('sets holders, and refuses unchanged holders and a bracket that is gone', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly'), holders: [EU] });
    const decision = runOk(doc, env, { type: 'set-bracket-holders', bracketId: 'b1', holders: [US, { delegation: 'KEN', stance: 'retain' }] });
    expect(decision.record.summary).toBe('set the holders of “safe, orderly” in paragraph 6 to US, KEN (retain)');
    expect(readBrackets(doc, p6)[0]?.holders).toEqual([US, { delegation: 'KEN', stance: 'retain' }]);
    expect(refusal(run(doc, env, { type: 'set-bracket-holders', bracketId: 'b1', holders: [US, { delegation: 'KEN', stance: 'retain' }] })).kind).toBe('conflict');
    expect(refusal(run(doc, env, { type: 'set-bracket-holders', bracketId: 'b1', holders: [{ delegation: 'ZZZ', stance: 'retain' }] })).kind).toBe('invalid');
    runOk(doc, env, { type: 'lift-bracket', bracketId: 'b1' });
    const gone: Command[] = [
      { type: 'set-bracket-holders', bracketId: 'b1', holders: [EU] },
      { type: 'lift-bracket', bracketId: 'b1' },
      { type: 'delete-bracket', bracketId: 'b1' },
      { type: 'choose-alternative', bracketId: 'b1' },
      { type: 'ungroup-bracket', bracketId: 'b1' },
      { type: 'group-alternatives', bracketIds: ['b1', 'b2'] },
    ];
    for (const command of gone) {
      expect(refusal(run(doc, env, command))).toEqual({ kind: 'conflict', reason: 'that bracket no longer exists: someone lifted or deleted it meanwhile' });
    }
  });

  it('lifts a bracket: the record goes, the words stay as the same Yjs items', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const t = text(p6);
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'safe, orderly'), holders: [EU] });
    const items = itemIds(t);
    const before = paragraphPlainText(doc, p6);
    const decision = runOk(doc, env, { type: 'lift-bracket', bracketId: 'b1' });
    expect(decision.record).toEqual({ paragraphId: p6, summary: 'lifted the bracket around “safe, orderly” in paragraph 6' });
    expect(itemIds(t)).toEqual(items);
    expect(paragraphPlainText(doc, p6)).toBe(before);
    expect(getBrackets(doc).size).toBe(0);
  });

  it('deletes a bracket with its words and the brackets inside it, leaving the rest of the text', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const t = text(p6);
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'safe, orderly and regular '), holders: [G77del] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'orderly'), holders: [EU] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'mobility'), holders: [US] });
    const before = paragraphPlainText(doc, p6);
    const decision = runOk(doc, env, { type: 'delete-bracket', bracketId: 'b1' });
    const after = before.replace('safe, orderly and regular ', '');
    expect(decision.record).toEqual({
      paragraphId: p6,
      summary: 'deleted the bracketed words “safe, orderly and regular” (and the bracket inside it) from paragraph 6',
      before,
      after,
    });
    expect(paragraphPlainText(doc, p6)).toBe(after);
    expect(readBrackets(doc, p6).map((b) => [b.id, b.text])).toEqual([['b3', 'mobility']]);
  });

  it('groups alternatives, adds one to a group, chooses one: siblings deleted with what they hold', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const t = text(p6);
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'safe, orderly and regular'), holders: [EU] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'planned and well-managed'), holders: [US] });
    const grouped = runOk(doc, env, { type: 'group-alternatives', bracketIds: ['b1', 'b2'] });
    expect(grouped.record.summary).toBe('grouped “safe, orderly and regular”, “planned and well-managed” in paragraph 6 as alternatives');
    expect(refusal(run(doc, env, { type: 'group-alternatives', bracketIds: ['b2', 'b1'] })).kind).toBe('conflict');
    const added = runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'inclusive growth'), holders: [KEN()], alternativeTo: 'b2' });
    expect(added.record.summary).toBe('bracketed “inclusive growth” in paragraph 6 for KEN (retain) as an alternative to “planned and well-managed”');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'well-managed'), holders: [G77del] });
    expect(readBrackets(doc, p6).map((b) => [b.text, b.group, b.alternative])).toEqual([
      ['safe, orderly and regular', 'g3', 1],
      ['planned and well-managed', 'g3', 2],
      ['well-managed', null, null],
      ['inclusive growth', 'g3', 3],
    ]);
    const before = paragraphPlainText(doc, p6);
    const chosen = runOk(doc, env, { type: 'choose-alternative', bracketId: 'b2' });
    const after = before.replace('safe, orderly and regular', '').replace('inclusive growth', '');
    expect(chosen.record).toEqual({
      paragraphId: p6,
      summary: 'chose “planned and well-managed” over “safe, orderly and regular”, “inclusive growth” in paragraph 6',
      before,
      after,
    });
    expect(paragraphPlainText(doc, p6)).toBe(after);
    expect(readBrackets(doc, p6).map((b) => [b.id, b.text, b.group])).toEqual([['b5', 'well-managed', null]]);
  });

  it('refuses overlapping alternatives, alternatives across paragraphs, and choosing a lone bracket', () => {
    const { doc, env, para, text } = imrfRoom();
    const [p5, p6] = [para('5'), para('6')];
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe, orderly and regular'), holders: [EU] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'orderly'), holders: [US] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p5, ...select(text(p5), 'shared responsibilities'), holders: [US] });
    expect(refusal(run(doc, env, { type: 'group-alternatives', bracketIds: ['b1', 'b2'] }))).toEqual({
      kind: 'invalid',
      reason: '“safe, orderly and regular” and “orderly” overlap: alternatives stand side by side',
    });
    expect(refusal(run(doc, env, { type: 'group-alternatives', bracketIds: ['b1', 'b3'] })).reason).toBe('alternatives stand in one paragraph');
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'regular'), holders: [EU], alternativeTo: 'b1' })).reason).toMatch(/overlaps “safe, orderly and regular”/);
    expect(refusal(run(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'mobility'), holders: [EU], alternativeTo: 'b3' })).reason).toMatch(/same paragraph/);
    expect(refusal(run(doc, env, { type: 'choose-alternative', bracketId: 'b1' })).reason).toBe('“safe, orderly and regular” is not one of a set of alternatives');
    expect(refusal(run(doc, env, { type: 'ungroup-bracket', bracketId: 'b1' })).kind).toBe('invalid');
    expect(refusal(run(doc, env, { type: 'group-alternatives', bracketIds: ['b1', 'b1'] })).kind).toBe('invalid');
  });

  it('ungroups and lifts: a group left with one bracket dissolves', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const t = text(p6);
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'safe'), holders: [EU] });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'planned'), holders: [US], alternativeTo: 'b1' });
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(t, 'inclusive'), holders: [US], alternativeTo: 'b1' });
    expect(readBrackets(doc, p6).map((b) => b.alternative)).toEqual([1, 2, 3]);
    const out = runOk(doc, env, { type: 'ungroup-bracket', bracketId: 'b2' });
    expect(out.record.summary).toBe('took “planned” in paragraph 6 out of its alternatives');
    expect(readBrackets(doc, p6).map((b) => b.alternative)).toEqual([1, null, 2]);
    runOk(doc, env, { type: 'lift-bracket', bracketId: 'b1' });
    expect(readBrackets(doc, p6).map((b) => [b.text, b.group, b.alternative])).toEqual([
      ['planned', null, null],
      ['inclusive', null, null],
    ]);
  });

  it('keeps delegations and observers out (the role check comes first)', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    const command: Command = { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe'), holders: [EU] };
    expect(decide(doc, { role: 'delegation', delegation: 'EU', name: 'EU delegate' }, command, env)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(decide(doc, { role: 'observer', delegation: null, name: 'Press' }, command, env)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('refuses a bracket whose paragraph text was replaced meanwhile', () => {
    const { doc, env, para, text } = imrfRoom();
    const p6 = para('6');
    runOk(doc, env, { type: 'add-bracket', paragraphId: p6, ...select(text(p6), 'safe'), holders: [EU] });
    doc.transact(() => {
      const fragment = new Y.XmlFragment();
      getParagraphs(doc).get(p6)?.set(ParagraphField.text, fragment);
      writeRuns(fragment, [{ text: 'We reaffirm safe migration.' }]);
    });
    expect(readBrackets(doc, p6)).toEqual([]);
    expect(refusal(run(doc, env, { type: 'lift-bracket', bracketId: 'b1' }))).toEqual({
      kind: 'conflict',
      reason: "that bracket's words are no longer in paragraph 6: its text was replaced meanwhile",
    });
  });
});

function KEN() {
  return { delegation: 'KEN', stance: 'retain' } as const;
}

function itemIds(text: Y.XmlText): string[] {
  const ids: string[] = [];
  for (let item = text._start; item; item = item.right) if (!item.deleted) ids.push(`${item.id.client}:${item.id.clock}:${item.length}`);
  return ids;
}
