/**
 * The title block, source annotations and footnotes, edited in place by facilitators as commands (issue 8),
 * decided on the real IMRF zero draft: what each command changes and records, and each refusal a person
 * can act on (the paragraph gone, a footnote that is not there, nothing to change, a role that may not).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decide } from '../../shared/commands/decide.ts';
import type { Accepted, CommandActor, Decision, DecideEnv } from '../../shared/commands/decision.ts';
import { importText } from '../../shared/import-text.ts';
import { getParagraphs, populateNegotiation, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { ParagraphSnapshot } from '../../shared/model/paragraph.ts';
import { commandSchema, type Command } from '../../shared/protocol/commands.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { hasImrfFixture, imrfText } from './snapshot-of.ts';

const facilitator: CommandActor = { role: Role.facilitator, delegation: null, name: 'Co-facilitator' };
const kenya: CommandActor = { role: Role.delegation, delegation: 'KEN', name: 'Kenya' };
const press: CommandActor = { role: Role.observer, delegation: null, name: 'Press' };

/** The IMRF zero draft in a document, with a way to decide and to apply as the server does. */
function room() {
  const doc = new Y.Doc();
  let next = 0;
  populateNegotiation(doc, importText(imrfText), () => `p${next++}`);
  const env: DecideEnv = { now: '2026-11-30T23:00:00.000Z', newId: (prefix) => `${prefix}n1` };
  const judge = (command: Command, actor = facilitator): Decision => decide(doc, actor, commandSchema.parse(command), env);
  const run = (command: Command): Accepted => {
    const decision = judge(command);
    if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
    doc.transact(() => decision.apply(doc));
    return decision;
  };
  const paragraphs = (): ParagraphSnapshot[] => readNegotiation(doc).paragraphs;
  const byNumber = (number: string): ParagraphSnapshot => {
    const found = paragraphs().find((p) => p.number === number);
    if (!found) throw new Error(`no paragraph ${number}`);
    return found;
  };
  const byId = (id: string): ParagraphSnapshot => {
    const found = paragraphs().find((p) => p.id === id);
    if (!found) throw new Error(`no paragraph ${id}`);
    return found;
  };
  /** The first heading that carries a footnote (the round tables' headings do in this draft). */
  const footnoted = (): ParagraphSnapshot => {
    const found = paragraphs().find((p) => p.footnotes.length > 0);
    if (!found) throw new Error('no footnote in the draft');
    return found;
  };
  return { doc, judge, run, byNumber, byId, footnoted };
}

function expectRefused(decision: Decision, kind: string, reason: RegExp): void {
  expect(decision.ok, decision.ok ? 'accepted' : decision.reason).toBe(false);
  if (!decision.ok) {
    expect(decision.kind).toBe(kind);
    expect(decision.reason).toMatch(reason);
  }
}

describe.skipIf(!hasImrfFixture)('editing the title block', () => {
  it('sets the title and its lines, and records both as they read before and after', () => {
    const r = room();
    const before = Y.encodeStateAsUpdate(r.doc);
    const decision = r.judge({ type: 'set-title-block', title: 'International Migration Review Forum Progress Declaration', lines: ['Rev.1', ' 5 April 2022 ', ''] });
    // Deciding alone changes nothing.
    expect(Y.encodeStateAsUpdate(r.doc)).toEqual(before);
    if (!decision.ok) throw new Error(decision.reason);
    r.doc.transact(() => decision.apply(r.doc));
    const read = readNegotiation(r.doc);
    expect(read.title).toBe('International Migration Review Forum Progress Declaration');
    expect(read.titleBlock).toEqual(['Rev.1', '5 April 2022']);
    expect(decision.record).toEqual({
      paragraphId: null,
      summary: 'changed the lines under the title',
      before: 'International Migration Review Forum Progress Declaration\nZero draft\n17 March 2022',
      after: 'International Migration Review Forum Progress Declaration\nRev.1\n5 April 2022',
    });
  });

  it('names the new title in the record', () => {
    const r = room();
    const { record } = r.run({ type: 'set-title-block', title: 'IMRF Progress Declaration', lines: ['Zero draft', '17 March 2022'] });
    expect(record.summary).toBe('changed the title to “IMRF Progress Declaration”');
    expect(readNegotiation(r.doc).title).toBe('IMRF Progress Declaration');
  });

  it('refuses a title block that already reads so, and a title of two lines', () => {
    const r = room();
    expectRefused(
      r.judge({ type: 'set-title-block', title: 'International Migration Review Forum Progress Declaration', lines: ['Zero draft', '  17 March 2022', ' '] }),
      'conflict',
      /the title block already reads “International Migration Review Forum Progress Declaration \/ Zero draft \/ 17 March 2022”/,
    );
    expectRefused(r.judge({ type: 'set-title-block', title: 'Progress\nDeclaration', lines: [] }), 'invalid', /the title is one line/);
  });

  it('refuses delegations and observers, naming who may', () => {
    const r = room();
    const command: Command = { type: 'set-title-block', title: 'Our own title', lines: [] };
    expectRefused(r.judge(command, kenya), 'forbidden', /Kenya may not set title block: only facilitators may/);
    expectRefused(r.judge(command, press), 'forbidden', /Press may not set title block/);
  });
});

describe.skipIf(!hasImrfFixture)('editing a source annotation', () => {
  it('changes paragraph 3’s “73/326, pp4”, recording the paragraph and both annotations', () => {
    const r = room();
    const three = r.byNumber('3');
    expect(three.source).toBe('73/326, pp4');
    const { record } = r.run({ type: 'set-source', paragraphId: three.id, source: 'GCM para 15 and 73/326, pp4' });
    expect(r.byId(three.id).source).toBe('GCM para 15 and 73/326, pp4');
    expect(record).toEqual({
      paragraphId: three.id,
      summary: 'changed the source annotation of paragraph 3 to “GCM para 15 and 73/326, pp4”',
      before: '73/326, pp4',
      after: 'GCM para 15 and 73/326, pp4',
    });
  });

  it('takes an annotation typed with its brackets as the annotation alone, and adds one where there was none', () => {
    const r = room();
    const thirteen = r.byNumber('13');
    expect(thirteen.source).toBe('');
    const { record } = r.run({ type: 'set-source', paragraphId: thirteen.id, source: '  *[based on  SG report, para 98]*  ' });
    expect(r.byId(thirteen.id).source).toBe('based on SG report, para 98');
    expect(record.summary).toBe('annotated paragraph 13 with the source “based on SG report, para 98”');
    // Brackets inside the annotation are its own words.
    r.run({ type: 'set-source', paragraphId: thirteen.id, source: '[based on 73/326] and [GCM para 15]' });
    expect(r.byId(thirteen.id).source).toBe('[based on 73/326] and [GCM para 15]');
  });

  it('removes an annotation with an empty source', () => {
    const r = room();
    const three = r.byNumber('3');
    const { record } = r.run({ type: 'set-source', paragraphId: three.id, source: '' });
    expect(r.byId(three.id).source).toBe('');
    expect(record).toMatchObject({ summary: 'removed the source annotation “73/326, pp4” from paragraph 3', before: '73/326, pp4', after: '' });
    expectRefused(r.judge({ type: 'set-source', paragraphId: three.id, source: ' ' }), 'conflict', /paragraph 3 has no source annotation already/);
  });

  it('allows correcting the source of an agreed paragraph, saying in the record that its status and words stand', () => {
    const r = room();
    const four = r.byNumber('4');
    r.run({ type: 'set-status', paragraphId: four.id, status: 'agreed' });
    const { record } = r.run({ type: 'set-source', paragraphId: four.id, source: 'based on GCM paras 11 and 12' });
    expect(record.summary).toBe('changed the source annotation of paragraph 4 to “based on GCM paras 11 and 12” (an editorial correction: the paragraph stays agreed and its words are unchanged)');
    expect(r.byId(four.id).status).toBe('agreed');
    const five = r.byNumber('5');
    r.run({ type: 'set-status', paragraphId: five.id, status: 'agreed-ad-ref', note: 'pending confirmation from capital' });
    expect(r.run({ type: 'set-source', paragraphId: five.id, source: '' }).record.summary).toMatch(/stays agreed ad ref/);
  });

  it('refuses what a person can act on: the same annotation, a paragraph deleted meanwhile, a heading', () => {
    const r = room();
    const first = r.byNumber('11');
    expectRefused(r.judge({ type: 'set-source', paragraphId: first.id, source: '*[71/1, para 8]*' }), 'conflict', /the source annotation of paragraph 11 already reads “71\/1, para 8”/);
    const gone = r.byNumber('2').id;
    r.run({ type: 'delete-paragraph', paragraphId: gone });
    expectRefused(r.judge({ type: 'set-source', paragraphId: gone, source: 'GCM para 2' }), 'conflict', /that paragraph no longer exists/);
    const heading = readNegotiation(r.doc).paragraphs.find((p) => p.kind === 'heading') as ParagraphSnapshot;
    expectRefused(r.judge({ type: 'set-source', paragraphId: heading.id, source: 'GCM' }), 'invalid', /a heading carries no source annotation/);
    expectRefused(r.judge({ type: 'set-source', paragraphId: first.id, source: 'GCM para 50' }, kenya), 'forbidden', /only facilitators may/);
  });
});

describe.skipIf(!hasImrfFixture)('editing a footnote', () => {
  it('rewrites one footnote’s text and keeps the others, recording both texts', () => {
    const r = room();
    const carrier = r.footnoted();
    const [note] = carrier.footnotes;
    if (!note) throw new Error('no footnote');
    const text = 'Objective 2: *Minimize the adverse drivers*; Objective 5: *Enhance pathways for regular migration*.';
    const { record } = r.run({ type: 'set-footnote', paragraphId: carrier.id, marker: note.marker, text: `  ${text} ` });
    expect(r.byId(carrier.id).footnotes).toEqual([{ marker: note.marker, text }, ...carrier.footnotes.slice(1)]);
    expect(record).toEqual({ paragraphId: carrier.id, summary: expect.stringMatching(new RegExp(`^changed footnote ${note.marker} of the heading “`)), before: note.text, after: text });
    // Every other paragraph's footnotes are as they were.
    const others = (doc: Y.Doc) => readNegotiation(doc).paragraphs.filter((p) => p.id !== carrier.id).map((p) => p.footnotes);
    expect(others(r.doc)).toEqual(readNegotiation(room().doc).paragraphs.filter((p) => p.id !== carrier.id).map((p) => p.footnotes));
  });

  it('edits the footnote of paragraph 52 while agreed, saying so', () => {
    const r = room();
    const p52 = r.byNumber('52');
    expect(p52.footnotes.map((n) => n.marker)).toEqual(['5']);
    r.run({ type: 'set-status', paragraphId: p52.id, status: 'agreed' });
    const { record } = r.run({ type: 'set-footnote', paragraphId: p52.id, marker: '5', text: 'The Network organized a pledging initiative.' });
    expect(record.summary).toBe('changed footnote 5 of paragraph 52 (an editorial correction: the paragraph stays agreed and its words are unchanged)');
    expect(getParagraphs(r.doc).get(p52.id)?.get('footnotes')).toEqual([{ marker: '5', text: 'The Network organized a pledging initiative.' }]);
  });

  it('refuses a marker the paragraph does not carry, the same text, and a paragraph deleted meanwhile', () => {
    const r = room();
    const p52 = r.byNumber('52');
    expectRefused(r.judge({ type: 'set-footnote', paragraphId: p52.id, marker: '1', text: 'Elsewhere.' }), 'invalid', /paragraph 52 has no footnote “1”: its footnotes are 5/);
    expectRefused(r.judge({ type: 'set-footnote', paragraphId: r.byNumber('1').id, marker: '1', text: 'None.' }), 'invalid', /paragraph 1 has no footnotes/);
    const current = p52.footnotes[0]?.text as string;
    expectRefused(r.judge({ type: 'set-footnote', paragraphId: p52.id, marker: '5', text: `${current}  ` }), 'conflict', /footnote 5 of paragraph 52 already reads/);
    r.run({ type: 'delete-paragraph', paragraphId: p52.id });
    expectRefused(r.judge({ type: 'set-footnote', paragraphId: p52.id, marker: '5', text: 'Late.' }), 'conflict', /that paragraph no longer exists/);
  });

  it('refuses an empty footnote text before deciding (the schema)', () => {
    expect(commandSchema.safeParse({ type: 'set-footnote', paragraphId: 'p1', marker: '1', text: '   ' }).success).toBe(false);
  });
});
