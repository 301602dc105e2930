/**
 * The permission table of DOMAIN.md against a real server and a hostile client. For every forbidden action a
 * raw y-protocols client tries it and the test asserts: close code 4403 with a reason, the stored document
 * (API answers and SQLite rows) unchanged, and an honest reader that never receives the change and still
 * follows a new edit. The allowed actions go through honest y-websocket clients and reach the others.
 * Proposals are tabled, decided and reacted to by commands: raw, only the words and rationale of a pending
 * proposal change (by its delegation, or a facilitator on its behalf).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getMeta, getOrder, getParagraphs, getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { getProposals, writeProposal } from '../../shared/model/proposal.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { invite, sendCommand } from '../helpers/api.ts';
import {
  expectRefusedRaw,
  honest as honestClient,
  hostile as hostileClient,
  hostileNegotiation,
  reactionsOf,
  textOf,
  type Arena,
  type HostileNegotiation,
} from '../helpers/hostile-negotiation.ts';
import { connectRaw, encodeAwarenessStates } from '../helpers/raw-client.ts';
import { proposal, proposalWords, proposalXmlText } from '../helpers/test-proposals.ts';
import { storedState } from '../helpers/stored-state.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, eventually, waitFor } from '../helpers/yjs-client.ts';

let server: TestServer;
const silentHolderMs = 400;
const cleanups = serverPerFile((started) => (server = started), { env: { DRAFTROOM_SILENT_HOLDER_MS: String(silentHolderMs) } });

const arena: Arena = { server: () => server, cleanups };
const honest = (id: string, token: string) => honestClient(arena, id, token);
const hostile = (id: string, token: string, clientID?: number) => hostileClient(arena, id, token, clientID);
const negotiation = () => hostileNegotiation(arena);

type Negotiation = HostileNegotiation;
type Attack = (n: Negotiation) => (doc: Y.Doc) => void;

/** Sends the change as `token` from a raw client (as an update, or as a sync step 2), and asserts the refusal. */
function expectRefused(n: Negotiation, token: string, attack: Attack, as: 'update' | 'sync-step-2' = 'update') {
  return expectRefusedRaw(arena, n, token, (attacker) => {
    const update = attacker.capture(attack(n));
    if (as === 'update') attacker.sendUpdate(update);
    else attacker.sendSyncStep2(update);
  });
}

/** Commands written raw: refused from every role, facilitators included. */
const commandsRaw: [string, Attack][] = [
  ['edit a source annotation', (n) => (d) => getParagraphs(d).get(n.first)?.set('source', 'invented source')],
  ['edit footnotes', (n) => (d) => getParagraphs(d).get(n.second)?.set('footnotes', [{ marker: '1', text: 'rewritten' }])],
  ['change the title (meta)', () => (d) => getMeta(d).set('title', 'Hijacked Declaration')],
  ['change the title block (meta)', () => (d) => getMeta(d).set('titleBlock', ['Rev.9'])],
  ['create a proposal map', (n) => (d) => d.transact(() => writeProposal(d, 'rraw', proposal('KEN', n.second)))],
  ['delete a proposal', (n) => (d) => getProposals(d).delete(n.euProposal)],
  ['accept a proposal', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('status', 'accepted')],
  ['withdraw a proposal', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('status', 'withdrawn')],
  ['reopen the decided proposal', (n) => (d) => getProposals(d).get(n.euDecided)?.set('status', 'pending')],
  ['support a proposal', (n) => (d) => reactionsOf(d, n.euProposal).set('KEN', 'support')],
  ['remove EU\'s support', (n) => (d) => reactionsOf(d, n.kenProposal).delete('EU')],
  ['write a decision record', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('decision', { status: 'accepted', by: 'x', at: '2026-11-30T10:00:00.000Z' })],
  ['rewrite what a proposal was based on', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('basedOn', 'other words')],
  ['rewrite when a proposal was made', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('createdAt', '1999-01-01T00:00:00.000Z')],
  ['hand a proposal to another delegation', (n) => (d) => getProposals(d).get(n.kenProposal)?.set('delegation', 'EU')],
];

/** Typing into a decided proposal: refused from every role (the decision froze its words and rationale). */
const decidedTyping: [string, Attack][] = [
  ['type into the decided proposal', (n) => (d) => proposalXmlText(d, n.euDecided).insert(0, 'After the decision: ')],
  ['delete words of the decided proposal', (n) => (d) => proposalXmlText(d, n.euDecided).delete(0, 4)],
  ['edit the rationale of the decided proposal', (n) => (d) => getProposals(d).get(n.euDecided)?.set('rationale', 'rewritten afterwards')],
];

/** Changes only a facilitator may make, each tried by an observer and by a delegation. */
const facilitatorOnly: [string, Attack][] = [
  ['edit paragraph text', (n) => (d) => textOf(d, n.second).insert(0, 'Hostile ')],
  ['delete paragraph words', (n) => (d) => textOf(d, n.second).delete(3, 7)],
  ['insert brackets into text', (n) => (d) => textOf(d, n.second).insert(3, '[commit] ')],
  ['insert alternatives into text', (n) => (d) => textOf(d, n.second).insert(0, '[Alt 1: share] [Alt 2: pool] ')],
  ['italicise paragraph text (a mark)', (n) => (d) => textOf(d, n.second).format(0, 4, { italic: {} })],
  ['set paragraph status', (n) => (d) => getParagraphs(d).get(n.second)?.set('status', 'agreed')],
  ['edit a heading', (n) => (d) => textOf(d, n.heading).insert(0, 'Weaker ')],
  ['reorder paragraphs (order)', (n) => (d) => {
    getOrder(d).delete(1, 1);
    getOrder(d).push([n.first]);
  }],
  ['delete a paragraph', (n) => (d) => getParagraphs(d).delete(n.second)],
  ['add to the delegation list', () => (d) => getDelegations(d).set('XYZ', { name: 'Invented' })],
  ['remove from the delegation list', () => (d) => getDelegations(d).delete('EU')],
  ['create an unknown root type', () => (d) => d.getMap('shadow').set('x', 1)],
];

describe('observer', () => {
  it('an honest observer (empty sync step 2) stays connected and follows live edits', async () => {
    const n = await negotiation();
    const raw = await hostile(n.id, n.tokens.observer);
    expect(raw.messages.some((m) => m.type === 'sync-step-2')).toBe(true);
    raw.sendSyncStep2(Y.encodeStateAsUpdate(raw.doc, Y.encodeStateVector(raw.doc)));
    textOf(n.writer.doc, n.second).insert(0, 'Live. ');
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.second).toString().startsWith('Live. '), 5000, 'the honest observer');
    await eventually(() => textOf(raw.doc, n.second).toString().startsWith('Live. '), 5000, 'the raw observer');
    expect(raw.closeInfo()).toBeNull();
    expect(n.reader.closes).toEqual([]);
  });

  it.each([
    ...facilitatorOnly,
    ...commandsRaw.slice(0, 6),
    ['type into a pending proposal', (n: Negotiation) => (d: Y.Doc) => proposalXmlText(d, n.kenProposal).insert(0, 'Observer words ')],
    ['edit the rationale of a pending proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('rationale', 'observer says')],
  ] as [string, Attack][])('refuses: %s', async (_name, attack) => {
    const n = await negotiation();
    const close = await expectRefused(n, n.tokens.observer, attack);
    expect(close.reason).toMatch(/observer/i);
  });

  it('refuses a change sent as a sync step 2 just the same', async () => {
    const n = await negotiation();
    await expectRefused(n, n.tokens.observer, (x) => (d) => textOf(d, x.second).insert(0, 'Step two '), 'sync-step-2');
  });
});

describe('delegation KEN', () => {
  it.each([
    ...facilitatorOnly,
    ...commandsRaw,
    ['type into EU\'s pending proposal', (n: Negotiation) => (d: Y.Doc) => proposalXmlText(d, n.euProposal).insert(0, 'rewritten by KEN ')],
    ['delete words of EU\'s pending proposal', (n: Negotiation) => (d: Y.Doc) => proposalXmlText(d, n.euProposal).delete(0, 4)],
    ['edit the rationale of EU\'s pending proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.euProposal)?.set('rationale', 'KEN says so')],
    ['replace the words of its own proposal with a new fragment', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('text', new Y.XmlFragment())],
    ['put an unknown mark into its own proposal\'s words', (n: Negotiation) => (d: Y.Doc) => proposalXmlText(d, n.kenProposal).format(0, 4, { link: { href: 'https://evil.example' } })],
  ] as [string, Attack][])('refuses: %s', async (_name, attack) => {
    const n = await negotiation();
    await expectRefused(n, n.tokens.ken, attack);
  });

  it('refuses typing into its own proposal once it is decided (4403), and the decided words do not change', async () => {
    const n = await negotiation();
    // The facilitators reject KEN's proposal by command; KEN's page then types into it anyway.
    const answer = await sendCommand(server, n.id, n.tokens.facilitator, { type: 'reject-proposal', proposalId: n.kenProposal });
    expect(answer.status).toBe(200);
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('status') === 'rejected', 5000, 'the rejection');
    const before = proposalWords(n.reader.doc, n.kenProposal);
    const close = await expectRefused(n, n.tokens.ken, (x) => (d) => proposalXmlText(d, x.kenProposal).insert(0, 'Too late: '));
    expect(close.reason).toMatch(/the proposal is rejected; a decided proposal no longer changes/);
    const rationale = await expectRefused(n, n.tokens.ken, (x) => (d) => getProposals(d).get(x.kenProposal)?.set('rationale', 'too late'));
    expect(rationale.reason).toMatch(/the proposal is rejected/);
    expect(proposalWords(n.reader.doc, n.kenProposal)).toBe(before);
  });

  it('refuses a forbidden change hidden in a sync step 2 beside an allowed one', async () => {
    const n = await negotiation();
    await expectRefused(
      n,
      n.tokens.ken,
      (x) => (d) => {
        proposalXmlText(d, x.kenProposal).insert(0, 'Allowed words ');
        getParagraphs(d).get(x.second)?.set('status', 'agreed');
      },
      'sync-step-2',
    );
  });

  it('types into its own pending proposal and edits its rationale; both reach the others and are stored', async () => {
    const n = await negotiation();
    const ken = honest(n.id, n.tokens.ken);
    await ken.synced;
    ken.doc.transact(() => proposalXmlText(ken.doc, n.kenProposal).insert(0, 'Kenya proposes: '));
    await waitFor(n.reader.doc, () => proposalWords(n.reader.doc, n.kenProposal) === 'Kenya proposes: proposed words', 5000, 'the typed words');
    ken.doc.transact(() => proposalXmlText(ken.doc, n.kenProposal).format(0, 5, { italic: {} }));
    ken.doc.transact(() => getProposals(ken.doc).get(n.kenProposal)?.set('rationale', 'consistency with agreed language'));
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale') === 'consistency with agreed language', 5000, 'the rationale');
    expect(proposalXmlText(n.reader.doc, n.kenProposal).toDelta()[0]).toEqual({ insert: 'Kenya', attributes: { italic: {} } });
    expect(ken.closes).toEqual([]);
    expect(n.reader.closes).toEqual([]);
    // And the server stored them: a late joiner gets them.
    const late = honest(n.id, n.tokens.eu);
    await late.synced;
    expect(proposalWords(late.doc, n.kenProposal)).toBe('Kenya proposes: proposed words');
    expect(getProposals(late.doc).get(n.kenProposal)?.get('rationale')).toBe('consistency with agreed language');
  });
});

describe('facilitator', () => {
  it('edits text, manages delegations, types into any pending proposal on its delegation\'s behalf, and marks a status by a command; all reach the others', async () => {
    const n = await negotiation();
    const w = n.writer.doc;
    w.transact(() => {
      textOf(w, n.second).insert(0, 'Facilitator words. ');
      textOf(w, n.second).format(0, 11, { bold: {} });
      getDelegations(w).set('CARICOM', { name: 'Caribbean Community' });
      proposalXmlText(w, n.euProposal).insert(0, 'As read out by the EU: ');
      getProposals(w).get(n.kenProposal)?.set('rationale', 'as agreed in informals');
    });
    const r = n.reader.doc;
    await waitFor(r, () => getDelegations(r).has('CARICOM') && proposalWords(r, n.euProposal).startsWith('As read out by the EU: '), 5000, 'the facilitator changes');
    expect(textOf(r, n.second).toDelta().slice(0, 2)).toEqual([
      { insert: 'Facilitator', attributes: { bold: {} } },
      { insert: expect.stringMatching(/^ words\. We commit/) },
    ]);
    expect(getDelegations(r).get('CARICOM')).toEqual({ name: 'Caribbean Community' });
    expect(getProposals(r).get(n.kenProposal)?.get('rationale')).toBe('as agreed in informals');
    // A status is a decision: the same facilitator takes it as a command, and everyone sees it.
    const answer = await sendCommand(server, n.id, n.tokens.facilitator, { type: 'set-status', paragraphId: n.second, status: 'agreed-ad-ref', note: 'pending confirmation from capital' });
    expect(answer.status).toBe(200);
    await waitFor(r, () => getParagraphs(r).get(n.second)?.get('status') === 'agreed-ad-ref', 5000, 'the status decision');
    await waitFor(w, () => getParagraphs(w).get(n.second)?.get('status') === 'agreed-ad-ref', 5000, 'the status at the writer');
    expect(getParagraphs(r).get(n.second)?.get('statusNote')).toBe('pending confirmation from capital');
    expect(n.writer.closes).toEqual([]);
    const stored = JSON.parse((await storedState(server, n.id)).negotiation) as { paragraphs: { id: string; status: string }[] };
    expect(stored.paragraphs.find((p) => p.id === n.second)?.status).toBe('agreed-ad-ref');
  });

  it('refuses the same status set raw (4403): only a command decides it', async () => {
    const n = await negotiation();
    const close = await expectRefused(n, n.tokens.facilitator, (x) => (d) => getParagraphs(d).get(x.second)?.set('status', 'agreed-ad-ref'));
    expect(close.reason).toMatch(/changes only by a command/);
  });

  it.each([...commandsRaw, ...decidedTyping])('refuses a command\'s change or a decided proposal\'s edit written raw (4403): %s', async (_name, attack) => {
    const n = await negotiation();
    const before = proposalWords(n.reader.doc, n.euDecided);
    await expectRefused(n, n.tokens.facilitator, attack);
    expect(proposalWords(n.reader.doc, n.euDecided)).toBe(before);
  });

  it.each([
    ['an element other than <paragraph> in paragraph text', (n: Negotiation) => (d: Y.Doc) => getParagraphText(d, n.first)?.insert(1, [new Y.XmlElement('script')])],
    ['an element nested inside the paragraph', (n: Negotiation) => (d: Y.Doc) => (getParagraphText(d, n.first)?.get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('image')])],
    ['an unknown mark (format)', (n: Negotiation) => (d: Y.Doc) => textOf(d, n.first).format(0, 4, { link: { href: 'https://evil.example' } })],
    ['text inserted with an unknown mark', (n: Negotiation) => (d: Y.Doc) => textOf(d, n.first).insert(0, 'x', { underline: {} })],
    ['a paragraph that is not a map', (n: Negotiation) => (d: Y.Doc) => getParagraphs(d).set(n.first, 'boom' as unknown as Y.Map<unknown>)],
    ['an unknown root type', () => (d: Y.Doc) => d.getArray('shadow').push([1])],
  ] as [string, Attack][])('refuses content outside the editor schema: %s', async (_name, attack) => {
    const n = await negotiation();
    await expectRefused(n, n.tokens.facilitator, attack);
  });
});

describe('client ids are bound to connections', () => {
  it('refuses structs under the client id of another person, even of the same delegation', async () => {
    const n = await negotiation();
    const first = await hostile(n.id, n.tokens.ken);
    first.sendUpdate(first.capture((d) => getProposals(d).get(n.kenProposal)?.set('rationale', 'first tab')));
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale') === 'first tab', 5000, 'the first connection\'s edit');
    const impostorId = first.doc.clientID;
    const colleague = await invite(server, n.id, { role: Role.delegation, delegation: 'KEN', label: 'Second person' });
    const close = await expectRefusedAs(n, colleague.token, impostorId, (x) => (d) => getProposals(d).get(x.kenProposal)?.set('rationale', 'as the other tab'));
    expect(close.reason).toMatch(new RegExp(`client ${impostorId}`));
    expect(first.closeInfo()).toBeNull();
  });

  it('refuses structs under the honest facilitator\'s client id, even from another facilitator', async () => {
    const n = await negotiation();
    const other = await invite(server, n.id, { role: Role.facilitator, label: 'Another facilitator' });
    await expectRefusedAs(n, other.token, n.writer.doc.clientID, (x) => (d) => textOf(d, x.second).insert(0, 'Forged '));
  });

  it('refuses structs under the server\'s client ids (content nobody owns)', async () => {
    const n = await negotiation();
    const importerId = [...n.reader.doc.store.clients.keys()].find((clientId) => clientId !== n.writer.doc.clientID) as number;
    await expectRefusedAs(n, n.tokens.ken, importerId, (x) => (d) => getProposals(d).get(x.kenProposal)?.set('rationale', 'as the server'));
  });

  it('ownership of a client id outlives the room: after it unloads, another person still cannot take the id', async () => {
    const n = await negotiation();
    const facilitator = await hostile(n.id, n.tokens.facilitator);
    const facilitatorId = facilitator.doc.clientID;
    facilitator.sendUpdate(facilitator.capture((d) => textOf(d, n.second).insert(0, 'Before the unload ')));
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.second).toString().startsWith('Before the unload'), 5000, 'the first edit');
    facilitator.close();
    n.writer.destroy();
    n.reader.destroy();
    await eventually(async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { roomsLoaded: number }).roomsLoaded === 0, 5000, 'the room to unload');
    const squatter = await hostile(n.id, n.tokens.ken);
    squatter.sendAwareness(encodeAwarenessStates([{ clientId: facilitatorId, clock: 1, state: { paragraphId: null } }]));
    expect((await squatter.waitForClose()).code).toBe(CloseCode.forbidden);
    const back = await hostile(n.id, n.tokens.facilitator);
    back.doc.clientID = facilitatorId;
    back.sendUpdate(back.capture((d) => textOf(d, n.second).insert(0, 'After the unload ')));
    const watcher = connectClient(server, n.id, n.tokens.observer);
    cleanups.push(() => watcher.destroy());
    await watcher.synced;
    await waitFor(watcher.doc, () => textOf(watcher.doc, n.second).toString().startsWith('After the unload'), 5000, 'the edit after reconnecting');
    expect(back.closeInfo()).toBeNull();
  });

  it('a page of the same invitation reconnecting takes its client id over from a silent connection, which is closed', async () => {
    const n = await negotiation();
    const stale = await hostile(n.id, n.tokens.ken);
    stale.sendUpdate(stale.capture((d) => getProposals(d).get(n.kenProposal)?.set('rationale', 'first')));
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale') === 'first', 5000, 'the first edit');
    // The old socket stays open but says nothing (its page is gone; the server has not noticed yet).
    await new Promise((resolve) => setTimeout(resolve, silentHolderMs + 200));
    const again = await hostile(n.id, n.tokens.ken);
    // After the handshake, as in expectRefusedAs: Yjs would otherwise renumber a doc that receives its own id.
    again.doc.clientID = stale.doc.clientID;
    again.sendUpdate(again.capture((d) => getProposals(d).get(n.kenProposal)?.set('rationale', 'second')));
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale') === 'second', 5000, 'the edit after reconnecting');
    expect(again.closeInfo()).toBeNull();
    expect((await stale.waitForClose()).code).toBe(CloseCode.goingAway);
  });

  // A client id is claimed as soon as its connection publishes presence (which announces the id to all).
  it('an honest facilitator keeps its client id when another connection writes under it first', async () => {
    const n = await negotiation();
    const victim = await hostile(n.id, n.tokens.facilitator);
    victim.sendAwareness(encodeAwarenessStates([{ clientId: victim.doc.clientID, clock: 1, state: { paragraphId: null } }]));
    const typedMeanwhile = victim.capture((d) => textOf(d, n.second).insert(0, 'Victim words '));
    const attacker = await hostile(n.id, n.tokens.ken, victim.doc.clientID);
    attacker.sendUpdate(attacker.capture((d) => getProposals(d).get(n.kenProposal)?.set('rationale', 'attacker')));
    const attackerClose = await attacker.waitForClose();
    expect(attackerClose.code).toBe(CloseCode.forbidden);
    expect(attackerClose.reason).toMatch(/belongs to another connection/);
    expect(getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale')).toBe('');
    victim.sendUpdate(typedMeanwhile);
    const refused = await victim.waitForClose(2000).catch(() => null);
    expect(refused).toBeNull();
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.second).toString().startsWith('Victim words'), 2000, 'the victim\'s edit');
  });
});

/** expectRefused, with the attacker's document writing under `clientID`. */
async function expectRefusedAs(n: Negotiation, token: string, clientID: number, attack: Attack) {
  const attacker = connectRaw(server, n.id, token);
  cleanups.push(() => attacker.close());
  await attacker.handshake();
  // Switch identity after the handshake: the attacker's copy already holds the victim's structs, so its
  // next struct continues the victim's clock exactly as the victim's own next edit would.
  attacker.doc.clientID = clientID;
  const before = await storedState(server, n.id);
  attacker.sendUpdate(attacker.capture(attack(n)));
  const close = await attacker.waitForClose();
  expect(close.code).toBe(CloseCode.forbidden);
  expect(await storedState(server, n.id)).toEqual(before);
  textOf(n.writer.doc, n.first).insert(0, 'after the impostor ');
  await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.first).toString().startsWith('after the impostor'), 5000, 'a later edit');
  expect(n.writer.closes).toEqual([]);
  return close;
}
