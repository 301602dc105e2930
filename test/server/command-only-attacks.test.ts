/**
 * Decisions are commands (issue 8) through a real server on a loopback port with real websockets: the
 * rows only commands write (a paragraph's status, status note and kind, the floor, the round, the order,
 * which paragraphs exist, bracket records, the title and title block, source annotations and footnotes;
 * which proposals exist and every field of a proposal but its words and rationale: status, reactions,
 * decision, base text and formatting, timestamps; the deleted paragraphs kept to be put back) are refused in a raw Yjs update from every role, facilitators included. For
 * each role and each such row a raw client sends the change and the test asserts the whole contract of a
 * refusal (expectRefusedRaw): closed with 4403 and a reason, the stored document (API answers and SQLite
 * rows) unchanged, and an honest reader that receives nothing of it and still follows the honest writer.
 * An agreed paragraph takes no raw edit to its text, from a facilitator either, until a facilitator
 * reopens it by a command; then the same edit is allowed.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { anchorRange, getBrackets, paragraphCharacters, type BracketRecord } from '../../shared/model/bracket.ts';
import { addParagraphMap, getMeta, getOrder, getParagraphs } from '../../shared/model/negotiation-doc.ts';
import { ParagraphKind } from '../../shared/model/paragraph.ts';
import { getProposals, writeProposal } from '../../shared/model/proposal.ts';
import { getRemoved } from '../../shared/model/removed-paragraph.ts';
import { keepParagraph } from '../../shared/commands/kept-paragraph.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { sendCommand } from '../helpers/api.ts';
import {
  expectRefusedRaw,
  hostile as hostileClient,
  hostileNegotiation,
  reactionsOf,
  textOf,
  type Arena,
  type HostileNegotiation,
} from '../helpers/hostile-negotiation.ts';
import type { RawClient } from '../helpers/raw-client.ts';
import { proposal } from '../helpers/test-proposals.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { storedState } from '../helpers/stored-state.ts';
import { waitFor } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));
const arena: Arena = { server: () => server, cleanups };

/** A hostile negotiation with a bracket on ¶1 held by EU (made by the facilitator's add-bracket command). */
type Negotiation = HostileNegotiation & { bracket: string };
type Attack = (n: Negotiation) => (doc: Y.Doc) => void;

async function negotiation(): Promise<Negotiation> {
  const n = await hostileNegotiation(arena);
  const text = paragraphCharacters(n.writer.doc, n.second) as Y.XmlText;
  const answer = await sendCommand(server, n.id, n.tokens.facilitator, {
    type: 'add-bracket', paragraphId: n.second, ...anchorRange(text, 3, 9), holders: [{ delegation: 'EU', stance: 'propose' }],
  });
  expect(answer.status).toBe(200);
  const bracket = answer.body.result?.bracketId as string;
  await waitFor(n.reader.doc, () => getBrackets(n.reader.doc).has(bracket), 5000, 'the bracket to reach the reader');
  return { ...n, bracket };
}

/** Takes a decision as the facilitator, through the command route, and waits until the reader has it. */
async function decide(n: HostileNegotiation, command: Record<string, unknown>, reached: (doc: Y.Doc) => boolean): Promise<void> {
  const answer = await sendCommand(server, n.id, n.tokens.facilitator, command);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  await waitFor(n.reader.doc, () => reached(n.reader.doc), 5000, `${String(command.type)} to reach the reader`);
  await waitFor(n.writer.doc, () => reached(n.writer.doc), 5000, `${String(command.type)} to reach the writer`);
}

/** A bracket record that fits the table's schema, over the first words of `paragraphId`. */
function bracketRecord(doc: Y.Doc, paragraphId: string, delegation = 'KEN'): BracketRecord {
  const { start, end } = anchorRange(paragraphCharacters(doc, paragraphId) as Y.XmlText, 0, 4);
  const plain = (p: typeof start) => ({ type: p.type ?? null, tname: p.tname ?? null, item: p.item ?? null, assoc: p.assoc });
  return JSON.parse(JSON.stringify({ paragraphId, start: plain(start), end: plain(end), holders: [{ delegation, stance: 'delete' }], group: null, createdAt: '2026-11-30T10:00:00.000Z' })) as BracketRecord;
}

/** Every command-only row, written raw. */
const decisions: [string, Attack][] = [
  ['set a paragraph status (agreed)', (n) => (d) => getParagraphs(d).get(n.second)?.set('status', 'agreed')],
  ['set a paragraph status (agreed ad ref)', (n) => (d) => getParagraphs(d).get(n.first)?.set('status', 'agreed-ad-ref')],
  ['set a status note', (n) => (d) => getParagraphs(d).get(n.second)?.set('statusNote', 'pending confirmation from capital')],
  ['set the floor', (n) => (d) => getMeta(d).set('floor', n.second)],
  ['clear the floor', () => (d) => getMeta(d).set('floor', null)],
  ['set the round', () => (d) => getMeta(d).set('round', 1)],
  ['reorder paragraphs', (n) => (d) => {
    const order = getOrder(d);
    order.delete(order.toArray().indexOf(n.first), 1);
    order.push([n.first]);
  }],
  ['list a paragraph twice in the order', (n) => (d) => getOrder(d).push([n.second])],
  ['create a paragraph map (with its place in the order)', () => (d) => {
    addParagraphMap(d, 'pforged', { kind: ParagraphKind.paragraph, runs: [{ text: 'Forged paragraph.' }], source: '', footnotes: [] }, 1);
    getOrder(d).push(['pforged']);
  }],
  ['create a paragraph map alone', () => (d) => {
    addParagraphMap(d, 'palone', { kind: ParagraphKind.paragraph, runs: [{ text: 'Forged paragraph.' }], source: '', footnotes: [] }, 0);
  }],
  ['delete a paragraph map (with its place in the order)', (n) => (d) => {
    getOrder(d).delete(getOrder(d).toArray().indexOf(n.second), 1);
    getParagraphs(d).delete(n.second);
  }],
  ['delete a paragraph map alone', (n) => (d) => getParagraphs(d).delete(n.second)],
  ['change a paragraph into a heading', (n) => (d) => getParagraphs(d).get(n.second)?.set('kind', ParagraphKind.heading)],
  ['change the round a paragraph was added in', (n) => (d) => getParagraphs(d).get(n.second)?.set('addedInRound', 2)],
  ['write a new bracket record', (n) => (d) => getBrackets(d).set('bforged', bracketRecord(d, n.first))],
  ['rewrite the holders of a bracket', (n) => (d) => getBrackets(d).set(n.bracket, { ...(getBrackets(d).get(n.bracket) as BracketRecord), holders: [{ delegation: 'KEN', stance: 'delete' }] })],
  ['delete a bracket record', (n) => (d) => getBrackets(d).delete(n.bracket)],
  ['change the title', () => (d) => getMeta(d).set('title', 'Hijacked Declaration')],
  ['change the title block', () => (d) => getMeta(d).set('titleBlock', ['Rev.9'])],
  ['edit a source annotation', (n) => (d) => getParagraphs(d).get(n.first)?.set('source', 'invented source')],
  ['edit footnotes', (n) => (d) => getParagraphs(d).get(n.first)?.set('footnotes', [{ marker: '1', text: 'rewritten' }])],
  ['create a proposal map', (n) => (d) => d.transact(() => writeProposal(d, 'rforged', proposal('KEN', n.first)))],
  ['create a bare proposal map', () => (d) => getProposals(d).set('rbare', new Y.Map())],
  ['delete a proposal', (n) => (d) => getProposals(d).delete(n.euProposal)],
  ['accept a proposal', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('status', 'accepted')],
  ['withdraw a proposal', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('status', 'withdrawn')],
  ['reopen a decided proposal', (n) => (d) => getProposals(d).get(n.euDecided)?.set('status', 'pending')],
  ['support a proposal for KEN', (n) => (d) => reactionsOf(d, n.euProposal).set('KEN', 'support')],
  ['remove EU\'s support', (n) => (d) => reactionsOf(d, n.kenProposal).delete('EU')],
  ['replace the reactions map', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('reactions', new Y.Map())],
  ['write a decision record', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('decision', { status: 'rejected', by: 'x', at: '2026-11-30T10:00:00.000Z' })],
  ['clear the decision record of a decided proposal', (n) => (d) => getProposals(d).get(n.euDecided)?.set('decision', null)],
  ['rewrite what a proposal was based on', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('basedOn', 'other words')],
  ['rewrite when a proposal was made', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('createdAt', '1999-01-01T00:00:00.000Z')],
  ['point a proposal at another paragraph', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('paragraphId', n.first)],
  ['change a proposal\'s kind', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('kind', 'retain')],
  ['rewrite the formatting a proposal was based on', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('baseMarks', [{ from: 0, to: 3, marks: ['bold'] }])],
  ['keep a forged deleted paragraph to be put back', (n) => (d) => {
    const kept = keepParagraph(d, n.first);
    if (kept) getRemoved(d).set('pforged', { paragraph: { ...kept, runs: [{ text: 'Forged words.' }], brackets: [] }, by: 'Chair', at: '2026-11-30T10:00:00.000Z' });
  }],
];

function expectRefused(n: Negotiation, token: string, attack: Attack) {
  return expectRefusedRaw(arena, n, token, (attacker) => attacker.sendUpdate(attacker.capture(attack(n))));
}

describe('decisions written raw are refused for every role', () => {
  it.each(decisions)('facilitator: %s', async (_name, attack) => {
    const n = await negotiation();
    const close = await expectRefused(n, n.tokens.facilitator, attack);
    expect(close.reason).toMatch(/changes only by a command \((a decision the server applies|propose)\), never by an edit/);
  });

  it.each(decisions)('delegation: %s', async (_name, attack) => {
    const n = await negotiation();
    await expectRefused(n, n.tokens.ken, attack);
  });

  it.each(decisions)('observer: %s', async (_name, attack) => {
    const n = await negotiation();
    const close = await expectRefused(n, n.tokens.observer, attack);
    expect(close.reason).toMatch(/observer/i);
  });

  it('refuses a facilitator\'s decision hidden beside allowed typing in one sync step 2, whole', async () => {
    const n = await negotiation();
    const close = await expectRefusedRaw(arena, n, n.tokens.facilitator, (attacker) => {
      textOf(attacker.doc, n.first).insert(0, 'Allowed words. ');
      getMeta(attacker.doc).set('floor', n.first);
      attacker.sendSyncStep2(Y.encodeStateAsUpdate(attacker.doc, Y.encodeStateVector(n.reader.doc)));
    });
    expect(close.reason).toMatch(/floor/);
    expect(textOf(n.reader.doc, n.first).toString()).not.toContain('Allowed words');
  });
});

describe('an agreed paragraph is locked until a facilitator reopens it', () => {
  const inside: [string, (n: HostileNegotiation) => (doc: Y.Doc) => void, (n: HostileNegotiation, doc: Y.Doc) => boolean][] = [
    ['text edit', (n) => (d) => textOf(d, n.second).insert(0, 'Reworded. '), (n, d) => textOf(d, n.second).toString().startsWith('Reworded. ')],
    ['deletion', (n) => (d) => textOf(d, n.second).delete(0, 3), (n, d) => !textOf(d, n.second).toString().includes('We commit')],
    ['formatting', (n) => (d) => textOf(d, n.second).format(0, 2, { bold: {} }), (n, d) => JSON.stringify(textOf(d, n.second).toDelta()[0]).includes('bold')],
  ];

  it.each(inside)('refuses a facilitator\'s %s (4403) while agreed, and allows the same once reopened', async (_name, edit, landed) => {
    const n = await hostileNegotiation(arena);
    await decide(n, { type: 'set-status', paragraphId: n.second, status: 'agreed' }, (d) => getParagraphs(d).get(n.second)?.get('status') === 'agreed');
    const close = await expectRefusedRaw(arena, n, n.tokens.facilitator, (attacker) => attacker.sendUpdate(attacker.capture(edit(n))));
    expect(close.reason).toMatch(/the paragraph is agreed; a facilitator must reopen it before it changes/);
    expect(landed(n, n.reader.doc)).toBe(false);

    await decide(n, { type: 'set-status', paragraphId: n.second, status: 'pending' }, (d) => getParagraphs(d).get(n.second)?.get('status') === 'pending');
    const again = await hostileClient(arena, n.id, n.tokens.facilitator);
    again.sendUpdate(again.capture(edit(n)));
    await waitFor(n.reader.doc, () => landed(n, n.reader.doc), 5000, 'the edit after reopening');
    expect(again.closeInfo()).toBeNull();
    expect(n.reader.closes).toEqual([]);
  });

  it('refuses a facilitator\'s edit to a paragraph agreed ad ref, and a delegation\'s raw proposal on it', async () => {
    const n = await hostileNegotiation(arena);
    await decide(n, { type: 'set-status', paragraphId: n.second, status: 'agreed-ad-ref', note: 'pending confirmation from capital' }, (d) => getParagraphs(d).get(n.second)?.get('status') === 'agreed-ad-ref');
    const close = await expectRefusedRaw(arena, n, n.tokens.facilitator, (attacker) => attacker.sendUpdate(attacker.capture((d) => textOf(d, n.second).insert(0, 'Reworded. '))));
    expect(close.reason).toMatch(/agreed ad ref/);
    const refused = await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(attacker.capture((d) => d.transact(() => writeProposal(d, 'rlate', proposal('KEN', n.second))))));
    expect(refused.reason).toMatch(/changes only by a command/);
  });

  it('refuses typing that raced the decision (made before, sent after), and takes the very same bytes once reopened', async () => {
    const n = await hostileNegotiation(arena);
    const typist: RawClient = await hostileClient(arena, n.id, n.tokens.facilitator);
    const typed = typist.capture((d) => textOf(d, n.second).insert(0, 'Raced. '));
    await decide(n, { type: 'set-status', paragraphId: n.second, status: 'agreed' }, (d) => getParagraphs(d).get(n.second)?.get('status') === 'agreed');
    const before = await storedState(server, n.id);
    typist.sendUpdate(typed);
    const close = await typist.waitForClose();
    expect(close.code).toBe(CloseCode.forbidden);
    expect(close.reason).toMatch(/agreed/);
    expect(await storedState(server, n.id)).toEqual(before);
    expect(textOf(n.reader.doc, n.second).toString()).not.toContain('Raced.');

    await decide(n, { type: 'set-status', paragraphId: n.second, status: 'pending' }, (d) => getParagraphs(d).get(n.second)?.get('status') === 'pending');
    const resend = await hostileClient(arena, n.id, n.tokens.facilitator);
    resend.sendUpdate(typed);
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.second).toString().startsWith('Raced. '), 5000, 'the raced edit after reopening');
    expect(resend.closeInfo()).toBeNull();
  });
});
