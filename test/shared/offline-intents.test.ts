/**
 * Offline work read as intents and replayed on a fresh copy (shared/offline), on in-memory documents
 * judged by the server's own rule (checkUpdate): what is still allowed is kept and passes the server;
 * what is not is dropped with a reason a person understands; others' changes made meanwhile are never
 * reverted; and rounds of refusals end.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { importText } from '../../shared/import-text.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getBrackets } from '../../shared/model/bracket.ts';
import { addParagraphMap, getMeta, getOrder, getParagraphs, getParagraphText, populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { ParagraphKind } from '../../shared/model/paragraph.ts';
import { addProposal, getProposals, ProposalKind, setMark, type NewProposal } from '../../shared/model/proposal.ts';
import { extractIntents } from '../../shared/offline/intents.ts';
import { OfflineMerger, reportLines } from '../../shared/offline/merge.ts';
import { applyAction } from '../../shared/offline/replay.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { checkUpdate, type Actor } from '../../shared/permissions/check-update.ts';
import { smallDraft } from '../helpers/api.ts';

const facilitator: Actor = { role: 'facilitator', delegation: null };
const kenya: Actor = { role: 'delegation', delegation: 'KEN' };
const observer: Actor = { role: 'observer', delegation: null };
const replayOrigin = Symbol('replay');

function proposal(delegation: string, paragraphId: string, text = 'proposed words'): NewProposal {
  return { paragraphId, afterParagraphId: null, delegation, kind: ProposalKind.replaceText, text, basedOn: '', rationale: '' };
}

/** The server's document: the small draft (¶1–4 after a heading), KEN and EU, a pending proposal of each on ¶2. */
function serverDoc() {
  const doc = new Y.Doc();
  populateNegotiation(doc, importText(smallDraft));
  const ids = readOrder(doc);
  const [first, second, third] = ids.filter((id) => getParagraphs(doc).get(id)?.get('kind') === 'paragraph') as [string, string, string];
  doc.transact(() => {
    getDelegations(doc).set('KEN', { name: 'Kenya' });
    getDelegations(doc).set('EU', { name: 'European Union' });
  });
  const eu = addProposal(doc, proposal('EU', second));
  const ken = addProposal(doc, proposal('KEN', second));
  return { doc, first, second, third, eu, ken };
}

/** A page's copy of `doc`, as synced. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Runs `change` on `doc` and returns the update it made. */
function capture(doc: Y.Doc, change: () => void, origin: unknown = Symbol('change')): Uint8Array {
  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array, from: unknown) => from === origin && updates.push(update);
  doc.on('update', onUpdate);
  doc.transact(change, origin);
  doc.off('update', onUpdate);
  return Y.mergeUpdates(updates);
}

/** What the server does with one message: judge it, apply it when allowed. */
function serverReceives(server: Y.Doc, update: Uint8Array, actor: Actor): boolean {
  const verdict = checkUpdate(server, update, actor, () => true);
  if (verdict.allowed && verdict.changes) Y.applyUpdate(server, verdict.update);
  return verdict.allowed;
}

/** Merges `refused` into a fresh copy of `server` and returns the report and the messages the page would send. */
function mergeRound(merger: OfflineMerger, refused: Y.Doc, server: Y.Doc, actor: Actor, serverWords = 'the server refused it') {
  const fresh = copyOf(server);
  const sent: Uint8Array[] = [];
  fresh.on('update', (update: Uint8Array, origin: unknown) => origin === replayOrigin && sent.push(update));
  const report = merger.merge(refused, fresh, actor, serverWords, replayOrigin);
  return { fresh, report, sent, lines: reportLines(report) };
}

function marks(doc: Y.Doc, id: string): Record<string, unknown> {
  return (getProposals(doc).get(id)?.get('marks') as Y.Map<unknown>).toJSON();
}

describe('offline work as intents', () => {
  it('keeps the new proposal and the mark of a batch the server refuses whole, and says why the edit was dropped', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    // Offline: a new proposal on ¶1, support for EU's proposal, an edit to KEN's own proposal.
    const batch = capture(page, () => {
      addProposal(page, proposal('KEN', fx.first, 'new words from Nairobi'), 'r-offline');
      setMark(page, fx.eu, 'KEN', 'support');
      getProposals(page).get(fx.ken)?.set('text', 'edited offline');
    });
    // Meanwhile the facilitators accepted KEN's proposal.
    getProposals(fx.doc).get(fx.ken)?.set('status', 'accepted');

    // Today's page sends everything in one message: the server refuses it whole.
    expect(serverReceives(fx.doc, batch, kenya)).toBe(false);

    const { report, sent, lines } = mergeRound(new OfflineMerger(), page, fx.doc, kenya);
    expect(report.kept.map((intent) => intent.action.kind)).toEqual(['create-proposal', 'mark']);
    expect(lines).toEqual([
      'Your edit to your proposal on paragraph 2 was not kept: it was accepted by the facilitators meanwhile.',
      'Your new proposal on paragraph 1 was kept.',
      'Your support for the proposal by EU on paragraph 2 was kept.',
    ]);
    // Each kept intent is its own message, and the server accepts every one.
    expect(sent).toHaveLength(2);
    for (const update of sent) expect(serverReceives(fx.doc, update, kenya)).toBe(true);
    expect(getProposals(fx.doc).get('r-offline')?.get('text')).toBe('new words from Nairobi');
    expect(marks(fx.doc, 'r-offline')).toEqual({});
    expect(marks(fx.doc, fx.eu)).toEqual({ KEN: 'support' });
    expect(getProposals(fx.doc).get(fx.ken)?.toJSON()).toMatchObject({ text: 'proposed words', status: 'accepted' });
  });

  it('reads only the local work: changes others made meanwhile are neither intents nor reverted', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    setMark(page, fx.eu, 'KEN', 'object');
    // Others meanwhile: a status, a proposal decided, a mark, a new proposal, text.
    getParagraphs(fx.doc).get(fx.third)?.set('status', 'agreed');
    getProposals(fx.doc).get(fx.eu)?.set('status', 'rejected');
    setMark(fx.doc, fx.ken, 'EU', 'support');
    addProposal(fx.doc, proposal('EU', fx.third), 'r-eu-new');
    const text = (getParagraphText(fx.doc, fx.first)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'Meanwhile, ');

    const intents = extractIntents(page, copyOf(fx.doc), kenya);
    expect(intents.map((intent) => intent.action)).toEqual([{ kind: 'mark', proposalId: fx.eu, delegation: 'KEN', mark: 'object' }]);
    const { fresh, report } = mergeRound(new OfflineMerger(), page, fx.doc, kenya);
    expect(report.kept).toHaveLength(1);
    expect(getParagraphs(fresh).get(fx.third)?.get('status')).toBe('agreed');
    expect(getProposals(fresh).get(fx.eu)?.get('status')).toBe('rejected');
    expect(marks(fresh, fx.ken)).toEqual({ EU: 'support' });
    expect(extractIntents(copyOf(fx.doc), copyOf(fx.doc), kenya)).toEqual([]);
  });

  it('replays a removed mark, unless someone set that mark again meanwhile', () => {
    const fx = serverDoc();
    setMark(fx.doc, fx.eu, 'KEN', 'support');
    const page = copyOf(fx.doc);
    setMark(page, fx.eu, 'KEN', null);
    const { lines, fresh } = mergeRound(new OfflineMerger(), page, fx.doc, kenya);
    expect(lines).toEqual(['Your removal of your support for the proposal by EU on paragraph 2 was kept.']);
    expect(marks(fresh, fx.eu)).toEqual({});

    // Another person of KEN turned the support into an objection meanwhile: that newer mark stands.
    const later = copyOf(fx.doc);
    setMark(later, fx.eu, 'KEN', null);
    setMark(fx.doc, fx.eu, 'KEN', 'object');
    expect(extractIntents(later, copyOf(fx.doc), kenya)).toEqual([]);
  });

  it('lists a facilitator’s offline decisions as not kept, sends none of them, and keeps the source and text edits', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    getParagraphs(page).get(fx.third)?.set('status', 'agreed-ad-ref');
    getParagraphs(page).get(fx.third)?.set('statusNote', 'pending confirmation from capital');
    getParagraphs(page).get(fx.first)?.set('source', 'GCM para 49');
    const text = (getParagraphText(page, fx.second)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(0, 5);
    text.insert(0, 'Offline words ');
    const { lines, fresh, sent } = mergeRound(new OfflineMerger(), page, fx.doc, facilitator);
    expect(lines).toEqual([
      'Your change to the status of paragraph 3 was not kept: status changes are decisions: take them again once online.',
      'Your change to the source annotation of paragraph 1 was kept.',
      'Your edits to the text of paragraph 2 were kept.',
    ]);
    expect(getParagraphs(fresh).get(fx.third)?.get('status')).toBe('pending');
    expect(getParagraphs(fresh).get(fx.third)?.get('statusNote')).toBe('');
    expect(sent).toHaveLength(2);
    for (const update of sent) expect(serverReceives(fx.doc, update, facilitator)).toBe(true);
    expect(getParagraphs(fx.doc).get(fx.first)?.get('source')).toBe('GCM para 49');
    expect(getParagraphText(fx.doc, fx.second)?.toString()).toBe(getParagraphText(page, fx.second)?.toString());
    expect(getParagraphs(fx.doc).get(fx.third)?.get('status')).toBe('pending');
  });

  it('lists every kind of decision made offline with its own reason, and replays none', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    const heading = readOrder(page).find((id) => getParagraphs(page).get(id)?.get('kind') === 'heading') as string;
    getParagraphs(page).get(heading)?.set('kind', 'paragraph');
    getMeta(page).set('round', 1);
    getMeta(page).set('floor', fx.second);
    getBrackets(page).set('boffline', { paragraphId: fx.first, start: { type: null, tname: null, item: null, assoc: 0 }, end: { type: null, tname: null, item: null, assoc: -1 }, holders: [{ delegation: 'EU', stance: 'propose' }], group: null, createdAt: '2026-11-30T10:00:00.000Z' });
    const order = getOrder(page);
    const moved = order.get(order.length - 1);
    order.delete(order.length - 1, 1);
    order.insert(1, [moved]);
    const { lines, sent } = mergeRound(new OfflineMerger(), page, fx.doc, facilitator);
    expect(lines).toEqual([
      'Your change to the kind (heading or paragraph) of a heading was not kept: turning a paragraph into a heading or back is a decision: take it again once online.',
      'Your change to the order of paragraphs was not kept: moving paragraphs is a decision: take it again once online.',
      'Your change to the revision number was not kept: issuing a revision is a decision: take it again once online.',
      'Your change to the paragraph on the floor was not kept: setting the floor is a decision: take it again once online.',
      'Your change to the brackets was not kept: brackets change only by decisions: take them again once online.',
    ]);
    expect(sent).toHaveLength(0);
  });

  it('lists a paragraph added and one removed offline as decisions not kept', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    page.transact(() => {
      addParagraphMap(page, 'poffline', { kind: ParagraphKind.paragraph, runs: [{ text: 'Offline paragraph.' }], source: '', footnotes: [] }, 1);
      getOrder(page).insert(1, ['poffline']);
    });
    page.transact(() => {
      getOrder(page).delete(getOrder(page).toArray().indexOf(fx.third), 1);
      getParagraphs(page).delete(fx.third);
    });
    const { lines, sent } = mergeRound(new OfflineMerger(), page, fx.doc, facilitator);
    expect(lines).toEqual([
      'Your removal of paragraph 3 was not kept: removing a paragraph is a decision: take it again once online.',
      'Your new paragraph after paragraph 1 was not kept: adding a paragraph is a decision: take it again once online.',
    ]);
    expect(sent).toHaveLength(0);
  });

  it('drops a facilitator’s offline edits to a paragraph agreed meanwhile, saying so, and keeps those elsewhere', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    getParagraphs(page).get(fx.second)?.set('source', 'edited offline');
    getParagraphs(page).get(fx.first)?.set('footnotes', [{ marker: '1', text: 'offline note' }]);
    ((getParagraphText(page, fx.second)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Offline. ');
    addProposal(page, proposal('EU', fx.second, 'tabled offline for EU'), 'r-for-eu');
    // Meanwhile another facilitator marks ¶2 agreed (the server applies the decision).
    getParagraphs(fx.doc).get(fx.second)?.set('status', 'agreed');
    const { lines, sent } = mergeRound(new OfflineMerger(), page, fx.doc, facilitator);
    expect(lines).toEqual([
      'Your new proposal for EU on paragraph 2 was not kept: paragraph 2 was agreed meanwhile; no new proposals until a facilitator reopens it.',
      'Your change to the source annotation of paragraph 2 was not kept: paragraph 2 was agreed meanwhile; a facilitator must reopen it before it changes.',
      'Your edits to the text of paragraph 2 were not kept: paragraph 2 was agreed meanwhile; a facilitator must reopen it before it changes.',
      'Your change to the footnotes of paragraph 1 was kept.',
    ]);
    expect(sent).toHaveLength(1);
    expect(serverReceives(fx.doc, sent[0] as Uint8Array, facilitator)).toBe(true);
    expect(getParagraphs(fx.doc).get(fx.second)?.get('source')).toBe('');
  });

  it('drops a delegation’s new proposal on a paragraph agreed ad ref meanwhile, with the reason', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    addProposal(page, proposal('KEN', fx.first, 'late words'), 'r-late');
    addProposal(page, proposal('KEN', fx.third, 'open words'), 'r-open');
    getParagraphs(fx.doc).get(fx.first)?.set('status', 'agreed-ad-ref');
    const { lines, sent } = mergeRound(new OfflineMerger(), page, fx.doc, kenya);
    expect(lines).toEqual([
      'Your new proposal on paragraph 1 was not kept: paragraph 1 was agreed ad ref meanwhile; no new proposals until a facilitator reopens it.',
      'Your new proposal on paragraph 3 was kept.',
    ]);
    expect(sent).toHaveLength(1);
    expect(serverReceives(fx.doc, sent[0] as Uint8Array, kenya)).toBe(true);
  });

  it('tells a delegation that a decision in its copy is the facilitators’ to take', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    getParagraphs(page).get(fx.first)?.set('status', 'agreed');
    expect(mergeRound(new OfflineMerger(), page, fx.doc, kenya).lines).toEqual([
      'Your change to the status of paragraph 1 was not kept: only the facilitators take decisions such as this one.',
    ]);
  });

  it('an observer’s forged text edit is dropped with the plain reason', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    ((getParagraphText(page, fx.first)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'FORGED ');
    expect(reportLines(new OfflineMerger().merge(page, copyOf(fx.doc), observer, 'refused'))).toEqual([
      'Your edits to the text of paragraph 1 were not kept: observers follow the negotiation read-only.',
    ]);
  });

  it('a replay the server refused because the state moved on is dropped with that reason, and nothing else is blamed', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    addProposal(page, proposal('KEN', fx.first, 'one'), 'r-one');
    getProposals(page).get(fx.ken)?.set('text', 'edited');
    const merger = new OfflineMerger();
    const round1 = mergeRound(merger, page, fx.doc, kenya);
    expect(round1.sent).toHaveLength(2);
    // The server takes the new proposal; the facilitators accept KEN's proposal before it reads the edit.
    expect(serverReceives(fx.doc, round1.sent[0] as Uint8Array, kenya)).toBe(true);
    getProposals(fx.doc).get(fx.ken)?.set('status', 'accepted');
    expect(serverReceives(fx.doc, round1.sent[1] as Uint8Array, kenya)).toBe(false);
    const round2 = mergeRound(merger, round1.fresh, fx.doc, kenya, 'the server refused it again');
    expect(round2.lines).toEqual(['Your edit to your proposal on paragraph 2 was not kept: it was accepted by the facilitators meanwhile.']);
    expect(round2.sent).toHaveLength(0);
  });

  it('when the server refuses a replay again, the first replayed intent is dropped with its words and never sent again', () => {
    const fx = serverDoc();
    const page = copyOf(fx.doc);
    addProposal(page, proposal('KEN', fx.first, 'one'), 'r-one');
    setMark(page, fx.eu, 'KEN', 'support');
    setMark(page, fx.ken, 'KEN', 'object');
    const merger = new OfflineMerger();
    // A server stricter than the page's rules refuses every message: the rounds still end.
    let refused = page;
    const rounds: string[][] = [];
    for (let round = 0; round < 10; round += 1) {
      const { fresh, sent, lines } = mergeRound(merger, refused, fx.doc, kenya, 'the server refused it again (stricter rule)');
      rounds.push(lines);
      if (sent.length === 0) break;
      refused = fresh;
    }
    expect(rounds.length).toBeLessThanOrEqual(4);
    expect(rounds[1]?.[0]).toBe('Your new proposal on paragraph 1 was not kept: the server refused it again (stricter rule).');
    // The mark on EU's proposal was behind the refused message, never judged: it is sent once more.
    expect(rounds[1]).toContain('Your support for the proposal by EU on paragraph 2 was kept.');
    expect(rounds.at(-1)).toEqual([expect.stringContaining('was not kept: the server refused it again')]);
  });
});


/** The parts of the server's copy that only others may change. */
function othersOf(fx: ReturnType<typeof serverDoc>): string {
  const euMarks = getProposals(fx.doc).get(fx.eu)?.get('marks');
  return JSON.stringify({
    kenStatus: getProposals(fx.doc).get(fx.ken)?.get('status'),
    euMarkOfEu: euMarks instanceof Y.Map ? (euMarks.get('EU') ?? null) : 'gone',
    firstStatus: getParagraphs(fx.doc).get(fx.first)?.get('status'),
  });
}

describe('offline merge under random concurrent work', () => {
  const seed = Number(process.env.OFFLINE_SEED ?? Date.now() % 1_000_000);

  it(`every kept intent passes the server, nothing of others is reverted (seed ${seed})`, () => {
    const next = seeded(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    try {
      for (let run = 0; run < 60; run += 1) {
        const fx = serverDoc();
        const page = copyOf(fx.doc);
        const proposals = [fx.eu, fx.ken];
        for (let i = 0; i < 6; i += 1) {
          const op = next();
          if (op < 0.25) proposals.push(addProposal(page, proposal('KEN', pick([fx.first, fx.second, fx.third]), `p${run}-${i}`)));
          else if (op < 0.5) setMark(page, pick(proposals), 'KEN', pick(['support', 'object', null] as const));
          else if (op < 0.7) getProposals(page).get(pick(proposals))?.set('text', `edit ${i}`);
          else if (op < 0.8) getProposals(page).get(pick(proposals))?.set('status', 'withdrawn');
          else if (op < 0.9) setMark(page, pick(proposals), 'EU', 'support'); // not KEN's to set
          else getParagraphs(page).get(fx.first)?.set('status', 'agreed'); // not KEN's to set
        }
        // Others meanwhile.
        if (next() < 0.5) getProposals(fx.doc).get(fx.ken)?.set('status', pick(['accepted', 'rejected']));
        if (next() < 0.5) setMark(fx.doc, fx.eu, 'EU', 'support');
        if (next() < 0.3) getProposals(fx.doc).delete(fx.eu);
        if (next() < 0.3) getParagraphs(fx.doc).get(fx.third)?.set('status', pick(['agreed', 'agreed-ad-ref']));
        const othersBefore = othersOf(fx);
        const serverBefore = copyOf(fx.doc);

        const { sent, report } = mergeRound(new OfflineMerger(), page, fx.doc, kenya);
        for (const update of sent) expect(serverReceives(fx.doc, update, kenya)).toBe(true);
        // KEN may withdraw its own pending proposal; nothing else of others may change.
        const withdrewOwn = report.kept.some((intent) => intent.action.kind === 'edit-proposal' && intent.action.proposalId === fx.ken);
        if (!withdrewOwn) expect(othersOf(fx)).toBe(othersBefore);
        for (const { reason } of report.dropped) expect(reason).toMatch(/^[a-z]/);
        // What was kept now holds on the server; what was dropped says so.
        for (const { action } of report.kept) {
          if (action.kind === 'create-proposal') expect(getProposals(fx.doc).get(action.proposalId)?.toJSON()).toMatchObject(action.fields);
          else expect(applyAction(copyOf(fx.doc), action)).toBe('unchanged');
        }
        expect(report.kept.length + report.dropped.length).toBe(extractIntents(page, copyOf(serverBefore), kenya).length);
      }
    } catch (error) {
      console.error(`offline merge fuzz failed with seed ${seed} (rerun with OFFLINE_SEED=${seed})`);
      throw error;
    }
  });
});

/** A seeded sequence of floats in [0, 1). */
function seeded(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}
