/**
 * Proposals on the IMRF zero draft through commands: a delegation tables an amendment as itself (a
 * facilitator on behalf of one), others support or oppose it, its delegation withdraws it; a facilitator
 * rejects it. Wrong delegations, observers, locked and vanished paragraphs and malformed places are refused
 * with a reason, and deciding never changes the document.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { getProposals, readProposals } from '../../shared/model/proposal.ts';
import { defaultProposalQuota } from '../../shared/permissions/proposal-ledger.ts';
import { expectRefused, people, proposalRoom, swap } from './proposal-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const { chair, eu, g77, us, ken, press } = people;

describe.skipIf(!hasImrfFixture)('propose', () => {
  it('a delegation proposes new words for a paragraph as itself: a pending proposal based on the text now', () => {
    const r = proposalRoom();
    const before = Y.encodeStateAsUpdate(r.doc);
    const proposed = swap(r.words('6'), 'well-managed migration policies', 'well-managed and rights-based migration policies');
    const decision = r.judge(eu, { type: 'propose', paragraphId: r.para('6'), kind: 'replace-text', text: proposed, rationale: 'Align with GCM objective 23.' });
    expect(Y.encodeStateAsUpdate(r.doc)).toEqual(before);
    if (!decision.ok) expect.fail(decision.reason);
    expect(decision.record).toEqual({ paragraphId: r.para('6'), summary: 'EU proposed to replace the text of paragraph 6' });
    r.doc.transact(() => decision.apply(r.doc));
    const p = r.proposal(decision.result.proposalId as string);
    expect(p).toMatchObject({
      paragraphId: r.para('6'), afterParagraphId: null, delegation: 'EU', kind: 'replace-text', text: proposed, basedOn: r.words('6'),
      rationale: 'Align with GCM objective 23.', status: 'pending', createdAt: r.env.now, supporters: [], opponents: [], decision: null,
    });
  });

  it('a replacement starts as a copy of the paragraph’s runs: untouched words keep their italics', () => {
    const r = proposalRoom();
    const characters = r.text(r.para('12'));
    const at = r.words('12').indexOf('perilous routes');
    r.doc.transact(() => characters.format(at, 'perilous routes'.length, { italic: {} }));
    const copy = r.act(eu, { type: 'propose', paragraphId: r.para('12'), kind: 'replace-text' }).result.proposalId as string;
    expect(r.proposal(copy).runs).toEqual(readRuns(getParagraphText(r.doc, r.para('12')) as Y.XmlFragment));
    const changed = r.replace(g77, '12', (now) => swap(now, 'thousands of people', 'tens of thousands of people'));
    const runs = r.proposal(changed).runs;
    expect(runs.find((run) => run.marks?.includes('italic'))?.text).toBe('perilous routes');
    expect(r.proposal(changed).text).toContain('tens of thousands of people continue');
  });

  it('a facilitator proposes on behalf of the delegation it names, which must exist', () => {
    const r = proposalRoom();
    const kenya = r.act(chair, { type: 'propose', paragraphId: r.para('5'), kind: 'retain', delegation: 'KEN' });
    expect(kenya.record.summary).toBe('KEN proposed to retain paragraph 5');
    expect(r.proposal(kenya.result.proposalId as string).delegation).toBe('KEN');
    expectRefused(r.judge(chair, { type: 'propose', paragraphId: r.para('5'), kind: 'retain' }), 'invalid', /name the delegation/);
    expectRefused(r.judge(chair, { type: 'propose', paragraphId: r.para('5'), kind: 'retain', delegation: 'NOR' }), 'invalid', /no delegation NOR/);
  });

  it('a delegation may not propose as another, and an observer not at all', () => {
    const r = proposalRoom();
    expectRefused(r.judge(g77, { type: 'propose', paragraphId: r.para('5'), kind: 'retain', delegation: 'EU' }), 'forbidden', /speaks for G77 only/);
    expectRefused(r.judge(press, { type: 'propose', paragraphId: r.para('5'), kind: 'retain' }), 'forbidden', /only facilitators and delegations/);
    expect(r.act(g77, { type: 'propose', paragraphId: r.para('5'), kind: 'retain', delegation: 'G77' }).record.summary).toBe('G77 proposed to retain paragraph 5');
    expect(getProposals(r.doc).size).toBe(1);
  });

  it('every kind, each in the activity’s words', () => {
    const r = proposalRoom();
    const summaries = [
      r.act(eu, { type: 'propose', paragraphId: null, afterParagraphId: r.para('5'), kind: 'insert-paragraph', text: 'We commit to ending child detention.' }),
      r.act(eu, { type: 'propose', paragraphId: null, afterParagraphId: null, kind: 'insert-paragraph' }),
      r.act(eu, { type: 'propose', paragraphId: r.para('7'), kind: 'delete-paragraph' }),
      r.act(eu, { type: 'propose', paragraphId: r.para('7'), kind: 'comment', text: 'Reservation: this paragraph prejudges the review.' }),
    ].map((d) => d.record);
    expect(summaries).toEqual([
      { paragraphId: r.para('5'), summary: 'EU proposed a new paragraph after paragraph 5' },
      { paragraphId: null, summary: 'EU proposed a new paragraph at the top' },
      { paragraphId: r.para('7'), summary: 'EU proposed to delete paragraph 7' },
      { paragraphId: r.para('7'), summary: 'EU commented on paragraph 7' },
    ]);
    const [insert, top, , comment] = readProposals(r.doc);
    expect(insert).toMatchObject({ paragraphId: null, afterParagraphId: r.para('5'), text: 'We commit to ending child detention.', basedOn: '' });
    expect(top).toMatchObject({ afterParagraphId: null, text: '' });
    expect(comment).toMatchObject({ kind: 'comment', text: 'Reservation: this paragraph prejudges the review.', basedOn: r.words('7') });
  });

  it('refuses a place that is not the rule’s: a new paragraph by afterParagraphId only, the others by paragraphId only', () => {
    const r = proposalRoom();
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), kind: 'insert-paragraph', text: 'New words.' }), 'invalid', /placed by afterParagraphId/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: null, kind: 'insert-paragraph', text: 'New words.' }), 'invalid', /say where the new paragraph goes/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), afterParagraphId: r.para('4'), kind: 'replace-text' }), 'invalid', /places a new paragraph only/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: null, kind: 'retain' }), 'invalid', /name the paragraph/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), kind: 'retain', text: 'keep' }), 'invalid', /no text of its own/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), kind: 'replace-text', text: 'One.\nTwo.' }), 'invalid', /no line breaks/);
  });

  it('refuses proposals on an agreed or ad ref paragraph and on one that is gone', () => {
    const r = proposalRoom();
    r.act(chair, { type: 'set-status', paragraphId: r.para('5'), status: 'agreed' });
    r.act(chair, { type: 'set-status', paragraphId: r.para('6'), status: 'agreed-ad-ref', note: 'pending capitals' });
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), kind: 'replace-text' }), 'conflict', /paragraph 5 is agreed: it takes no proposals until a facilitator reopens it/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: r.para('6'), kind: 'retain' }), 'conflict', /paragraph 6 is agreed ad ref/);
    const seven = r.para('7');
    r.act(chair, { type: 'delete-paragraph', paragraphId: seven });
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: seven, kind: 'retain' }), 'conflict', /no longer exists/);
    expectRefused(r.judge(eu, { type: 'propose', paragraphId: null, afterParagraphId: seven, kind: 'insert-paragraph' }), 'conflict', /no longer exists/);
    // A new paragraph may follow an agreed one: the agreed words stay as they are.
    expect(r.judge(eu, { type: 'propose', paragraphId: null, afterParagraphId: r.para('5'), kind: 'insert-paragraph', text: 'More.' }).ok).toBe(true);
  });

  it('refuses a delegation over its quota of proposals, withdrawn ones included', () => {
    const r = proposalRoom();
    const { maxProposals } = defaultProposalQuota;
    r.doc.transact(() => {
      for (let i = 0; i < maxProposals; i++) {
        const d = r.judge(us, { type: 'propose', paragraphId: r.para('5'), kind: 'retain' });
        if (!d.ok) expect.fail(d.reason);
        d.apply(r.doc);
      }
    });
    expectRefused(r.judge(us, { type: 'propose', paragraphId: r.para('5'), kind: 'retain' }), 'conflict', new RegExp(`US would hold ${maxProposals + 1} proposals; a delegation may hold at most ${maxProposals}`));
    r.act(us, { type: 'withdraw-proposal', proposalId: readProposals(r.doc)[0]?.id as string });
    expectRefused(r.judge(us, { type: 'propose', paragraphId: r.para('5'), kind: 'retain' }), 'conflict', /withdrawn ones count too/);
    expect(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), kind: 'retain' }).ok).toBe(true);
  });

  it('refuses a delegation whose proposals would take more than its quota of bytes', () => {
    const r = proposalRoom();
    const { maxBytes } = defaultProposalQuota;
    const long = `${'We recall the outcome of the review. '.repeat(530)}`.trim();
    let refused: string | null = null;
    for (let i = 0; refused === null && i < 1000; i++) {
      const d = r.judge(us, { type: 'propose', paragraphId: r.para('5'), kind: 'comment', text: long });
      if (d.ok) r.doc.transact(() => d.apply(r.doc));
      else refused = d.reason;
    }
    expect(refused).toMatch(new RegExp(`US's proposals would take \\d+ bytes; a delegation may hold at most ${maxBytes}`));
    expect(r.judge(eu, { type: 'propose', paragraphId: r.para('5'), kind: 'comment', text: long }).ok).toBe(true);
  });
});

describe.skipIf(!hasImrfFixture)('support, oppose, withdraw, reject', () => {
  function tabled() {
    const r = proposalRoom();
    const id = r.replace(eu, '6', (now) => swap(now, 'planned and well-managed', 'planned, well-managed and rights-based'));
    return { r, id };
  }

  it('other delegations support or oppose, change their mark and remove it, one mark each', () => {
    const { r, id } = tabled();
    expect(r.act(g77, { type: 'react-to-proposal', proposalId: id, reaction: 'support' }).record).toEqual({ paragraphId: r.para('6'), summary: 'G77 supported EU’s proposal to amend paragraph 6' });
    expect(r.act(us, { type: 'react-to-proposal', proposalId: id, reaction: 'oppose' }).record.summary).toBe('US opposed EU’s proposal to amend paragraph 6');
    expect(r.act(chair, { type: 'react-to-proposal', proposalId: id, reaction: 'support', delegation: 'KEN' }).record.summary).toBe('KEN supported EU’s proposal to amend paragraph 6');
    expect(r.proposal(id)).toMatchObject({ supporters: ['G77', 'KEN'], opponents: ['US'] });
    expectRefused(r.judge(g77, { type: 'react-to-proposal', proposalId: id, reaction: 'support' }), 'conflict', /G77 supports EU’s proposal to amend paragraph 6 already/);
    expect(r.act(g77, { type: 'react-to-proposal', proposalId: id, reaction: 'oppose' }).record.summary).toBe('G77 opposed EU’s proposal to amend paragraph 6');
    expect(r.act(us, { type: 'react-to-proposal', proposalId: id, reaction: null }).record.summary).toBe('US withdrew its objection to EU’s proposal to amend paragraph 6');
    expect(r.act(ken, { type: 'react-to-proposal', proposalId: id, reaction: null }).record.summary).toBe('KEN withdrew its support for EU’s proposal to amend paragraph 6');
    expectRefused(r.judge(ken, { type: 'react-to-proposal', proposalId: id, reaction: null }), 'conflict', /KEN has no mark/);
    expect(r.proposal(id)).toMatchObject({ supporters: [], opponents: ['G77'] });
  });

  it('a delegation marks only as itself and never its own proposal; an observer not at all', () => {
    const { r, id } = tabled();
    expectRefused(r.judge(g77, { type: 'react-to-proposal', proposalId: id, reaction: 'support', delegation: 'US' }), 'forbidden', /speaks for G77 only/);
    expectRefused(r.judge(eu, { type: 'react-to-proposal', proposalId: id, reaction: 'support' }), 'invalid', /EU cannot support its own proposal/);
    expectRefused(r.judge(chair, { type: 'react-to-proposal', proposalId: id, reaction: 'support', delegation: 'EU' }), 'invalid', /its own proposal/);
    expectRefused(r.judge(chair, { type: 'react-to-proposal', proposalId: id, reaction: 'support' }), 'invalid', /name the delegation/);
    expectRefused(r.judge(press, { type: 'react-to-proposal', proposalId: id, reaction: 'oppose' }), 'forbidden', /only facilitators and delegations/);
    expectRefused(r.judge(g77, { type: 'react-to-proposal', proposalId: 'aNoSuch', reaction: 'oppose' }), 'conflict', /no longer exists/);
    expect(r.proposal(id)).toMatchObject({ supporters: [], opponents: [] });
  });

  it('the proposing delegation withdraws its own proposal, another may not; then it takes no marks', () => {
    const { r, id } = tabled();
    expectRefused(r.judge(ken, { type: 'withdraw-proposal', proposalId: id }), 'forbidden', /Kenya \(Wanjiru\) may not withdraw EU’s proposal to amend paragraph 6: only EU or a facilitator may/);
    expect(r.act(eu, { type: 'withdraw-proposal', proposalId: id }).record).toEqual({ paragraphId: r.para('6'), summary: 'EU withdrew its proposal to amend paragraph 6' });
    expect(r.proposal(id)).toMatchObject({ status: 'withdrawn', decision: { status: 'withdrawn', by: 'European Union (Ana)', at: r.env.now } });
    expectRefused(r.judge(eu, { type: 'withdraw-proposal', proposalId: id }), 'conflict', /is withdrawn already/);
    expectRefused(r.judge(g77, { type: 'react-to-proposal', proposalId: id, reaction: 'support' }), 'conflict', /withdrawn already: it can no longer take support/);
    expectRefused(r.judge(chair, { type: 'accept-proposal', proposalId: id }), 'conflict', /withdrawn already/);
    // A facilitator withdraws on a delegation's behalf.
    const other = r.replace(us, '6', (now) => swap(now, 'mobility of people', 'mobility'));
    expect(r.act(chair, { type: 'withdraw-proposal', proposalId: other }).record.summary).toBe('US withdrew its proposal to amend paragraph 6');
  });

  it('a facilitator rejects a pending proposal; the text stays, and delegations may not decide', () => {
    const { r, id } = tabled();
    const text = r.words('6');
    for (const type of ['accept-proposal', 'accept-into-brackets', 'reject-proposal', 'undo-decision'] as const) {
      expectRefused(r.judge(eu, { type, proposalId: id }), 'forbidden', /only facilitators may/);
    }
    expect(r.act(chair, { type: 'reject-proposal', proposalId: id }).record).toEqual({ paragraphId: r.para('6'), summary: 'rejected EU’s proposal to amend paragraph 6' });
    expect(r.proposal(id)).toMatchObject({ status: 'rejected', decision: { status: 'rejected', by: 'Co-facilitator' } });
    expect(r.words('6')).toBe(text);
    expectRefused(r.judge(chair, { type: 'reject-proposal', proposalId: id }), 'conflict', /rejected already/);
  });
});
