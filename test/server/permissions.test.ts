/**
 * The permission table of DOMAIN.md against a real server and a hostile client. For every forbidden action a
 * raw y-protocols client tries it and the test asserts: close code 4403 with a reason, the stored document
 * (API answers and SQLite rows) unchanged, and an honest reader that never receives the change and still
 * follows a new edit. The allowed actions go through honest y-websocket clients and reach the others.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getMeta, getOrder, getParagraphs, getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { addProposal, getProposals, setMark } from '../../shared/model/proposal.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { invite, sendCommand } from '../helpers/api.ts';
import {
  expectRefusedRaw,
  honest as honestClient,
  hostile as hostileClient,
  hostileNegotiation,
  marksOf,
  proposal,
  textOf,
  type Arena,
  type HostileNegotiation,
} from '../helpers/hostile-negotiation.ts';
import { connectRaw, encodeAwarenessStates } from '../helpers/raw-client.ts';
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

/** Changes only a facilitator may make, each tried by an observer and by a delegation. */
const facilitatorOnly: [string, Attack][] = [
  ['edit paragraph text', (n) => (d) => textOf(d, n.second).insert(0, 'Hostile ')],
  ['delete paragraph words', (n) => (d) => textOf(d, n.second).delete(3, 7)],
  ['insert brackets into text', (n) => (d) => textOf(d, n.second).insert(3, '[commit] ')],
  ['insert alternatives into text', (n) => (d) => textOf(d, n.second).insert(0, '[Alt 1: share] [Alt 2: pool] ')],
  ['italicise paragraph text (a mark)', (n) => (d) => textOf(d, n.second).format(0, 4, { italic: {} })],
  ['set paragraph status', (n) => (d) => getParagraphs(d).get(n.second)?.set('status', 'agreed')],
  ['edit a source annotation', (n) => (d) => getParagraphs(d).get(n.first)?.set('source', 'invented source')],
  ['edit footnotes', (n) => (d) => getParagraphs(d).get(n.second)?.set('footnotes', [{ marker: '1', text: 'rewritten' }])],
  ['edit a heading', (n) => (d) => textOf(d, n.heading).insert(0, 'Weaker ')],
  ['reorder paragraphs (order)', (n) => (d) => {
    getOrder(d).delete(1, 1);
    getOrder(d).push([n.first]);
  }],
  ['delete a paragraph', (n) => (d) => getParagraphs(d).delete(n.second)],
  ['change the title (meta)', () => (d) => getMeta(d).set('title', 'Hijacked Declaration')],
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
    ['create a proposal', (n: Negotiation) => (d: Y.Doc) => addProposal(d, proposal('KEN', n.second))],
    ['set a mark', (n: Negotiation) => (d: Y.Doc) => setMark(d, n.euProposal, 'KEN', 'support')],
    ['withdraw a proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('status', 'withdrawn')],
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
    ['create a proposal attributed to EU', (n: Negotiation) => (d: Y.Doc) => addProposal(d, proposal('EU', n.second))],
    ['edit EU\'s proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.euProposal)?.set('text', 'rewritten by KEN')],
    ['withdraw EU\'s proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.euProposal)?.set('status', 'withdrawn')],
    ['hand its own proposal to EU', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('delegation', 'EU')],
    ['accept its own proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('status', 'accepted')],
    ['reject its own proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('status', 'rejected')],
    ['delete its own proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).delete(n.kenProposal)],
    ['delete EU\'s proposal', (n: Negotiation) => (d: Y.Doc) => getProposals(d).delete(n.euProposal)],
    ['set EU\'s mark on a proposal', (n: Negotiation) => (d: Y.Doc) => setMark(d, n.kenProposal, 'EU', 'support')],
    ['remove EU\'s mark', (n: Negotiation) => (d: Y.Doc) => setMark(d, n.euProposal, 'EU', null)],
    ['set a mark other than support/object', (n: Negotiation) => (d: Y.Doc) => marksOf(d, n.euProposal).set('KEN', 'veto')],
  ] as [string, Attack][])('refuses: %s', async (_name, attack) => {
    const n = await negotiation();
    await expectRefused(n, n.tokens.ken, attack);
  });

  it('refuses a forbidden change hidden in a sync step 2 beside an allowed one', async () => {
    const n = await negotiation();
    await expectRefused(
      n,
      n.tokens.ken,
      (x) => (d) => {
        setMark(d, x.euProposal, 'KEN', 'support');
        getParagraphs(d).get(x.second)?.set('status', 'agreed');
      },
      'sync-step-2',
    );
  });

  it('creates, edits and withdraws its own proposal, and sets and removes its own mark on EU\'s; all reach the others', async () => {
    const n = await negotiation();
    const ken = honest(n.id, n.tokens.ken);
    await ken.synced;
    const own = addProposal(ken.doc, proposal('KEN', n.second, 'first wording'));
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(own)?.get('text') === 'first wording', 5000, 'the new proposal');
    expect(getProposals(n.reader.doc).get(own)?.get('delegation')).toBe('KEN');
    getProposals(ken.doc).get(own)?.set('text', 'second wording');
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(own)?.get('text') === 'second wording', 5000, 'the edit');
    setMark(ken.doc, n.euProposal, 'KEN', 'object');
    await waitFor(n.reader.doc, () => marksOf(n.reader.doc, n.euProposal).get('KEN') === 'object', 5000, 'the mark');
    setMark(ken.doc, n.euProposal, 'KEN', null);
    await waitFor(n.reader.doc, () => !marksOf(n.reader.doc, n.euProposal).has('KEN'), 5000, 'the mark removed');
    getProposals(ken.doc).get(own)?.set('status', 'withdrawn');
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(own)?.get('status') === 'withdrawn', 5000, 'the withdrawal');
    expect(ken.closes).toEqual([]);
    expect(n.reader.closes).toEqual([]);
    // And the server stored them: a late joiner gets them.
    const late = honest(n.id, n.tokens.eu);
    await late.synced;
    expect(getProposals(late.doc).get(own)?.get('status')).toBe('withdrawn');
    expect(marksOf(late.doc, n.euProposal).has('KEN')).toBe(false);
  });
});

describe('facilitator', () => {
  it('edits text, manages delegations, accepts a proposal and sets any mark raw, and marks a status by a command; all reach the others', async () => {
    const n = await negotiation();
    const w = n.writer.doc;
    w.transact(() => {
      textOf(w, n.second).insert(0, 'Facilitator words. ');
      textOf(w, n.second).format(0, 11, { bold: {} });
      getParagraphs(w).get(n.first)?.set('source', 'GCM para 49');
      getDelegations(w).set('CARICOM', { name: 'Caribbean Community' });
      getProposals(w).get(n.kenProposal)?.set('status', 'accepted');
      setMark(w, n.kenProposal, 'EU', 'object');
      getMeta(w).set('title', 'Revised title');
    });
    const r = n.reader.doc;
    await waitFor(r, () => getMeta(r).get('title') === 'Revised title', 5000, 'the facilitator changes');
    expect(textOf(r, n.second).toDelta().slice(0, 2)).toEqual([
      { insert: 'Facilitator', attributes: { bold: {} } },
      { insert: expect.stringMatching(/^ words\. We commit/) },
    ]);
    expect(getParagraphs(r).get(n.first)?.get('source')).toBe('GCM para 49');
    expect(getDelegations(r).get('CARICOM')).toEqual({ name: 'Caribbean Community' });
    expect(getProposals(r).get(n.kenProposal)?.get('status')).toBe('accepted');
    expect(marksOf(r, n.kenProposal).get('EU')).toBe('object');
    // A status is a decision: the same facilitator takes it as a command, and everyone sees it.
    const answer = await sendCommand(server, n.id, n.tokens.facilitator, { type: 'set-status', paragraphId: n.second, status: 'agreed-ad-ref', note: 'pending confirmation from capital' });
    expect(answer.status).toBe(200);
    await waitFor(r, () => getParagraphs(r).get(n.second)?.get('status') === 'agreed-ad-ref', 5000, 'the status decision');
    await waitFor(w, () => getParagraphs(w).get(n.second)?.get('status') === 'agreed-ad-ref', 5000, 'the status at the writer');
    expect(getParagraphs(r).get(n.second)?.get('statusNote')).toBe('pending confirmation from capital');
    expect(n.writer.closes).toEqual([]);
    const stored = JSON.parse((await storedState(server, n.id)).negotiation) as { title: string; paragraphs: { id: string; status: string }[] };
    expect(stored.title).toBe('Revised title');
    expect(stored.paragraphs.find((p) => p.id === n.second)?.status).toBe('agreed-ad-ref');
  });

  it('refuses the same status set raw (4403): only a command decides it', async () => {
    const n = await negotiation();
    const close = await expectRefused(n, n.tokens.facilitator, (x) => (d) => getParagraphs(d).get(x.second)?.set('status', 'agreed-ad-ref'));
    expect(close.reason).toMatch(/decision/);
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
    first.sendUpdate(first.capture((d) => setMark(d, n.euProposal, 'KEN', 'support')));
    await waitFor(n.reader.doc, () => marksOf(n.reader.doc, n.euProposal).get('KEN') === 'support', 5000, 'the first connection\'s mark');
    const impostorId = first.doc.clientID;
    const colleague = await invite(server, n.id, { role: Role.delegation, delegation: 'KEN', label: 'Second person' });
    const close = await expectRefusedAs(n, colleague.token, impostorId, (x) => (d) => getProposals(d).get(x.kenProposal)?.set('text', 'as the other tab'));
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
    await expectRefusedAs(n, n.tokens.ken, importerId, (x) => (d) => setMark(d, x.euProposal, 'KEN', 'object'));
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
    stale.sendUpdate(stale.capture((d) => setMark(d, n.euProposal, 'KEN', 'support')));
    await waitFor(n.reader.doc, () => marksOf(n.reader.doc, n.euProposal).get('KEN') === 'support', 5000, 'the first mark');
    // The old socket stays open but says nothing (its page is gone; the server has not noticed yet).
    await new Promise((resolve) => setTimeout(resolve, silentHolderMs + 200));
    const again = await hostile(n.id, n.tokens.ken);
    // After the handshake, as in expectRefusedAs: Yjs would otherwise renumber a doc that receives its own id.
    again.doc.clientID = stale.doc.clientID;
    again.sendUpdate(again.capture((d) => setMark(d, n.euProposal, 'KEN', 'object')));
    await waitFor(n.reader.doc, () => marksOf(n.reader.doc, n.euProposal).get('KEN') === 'object', 5000, 'the mark after reconnecting');
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
    attacker.sendUpdate(attacker.capture((d) => setMark(d, n.euProposal, 'KEN', 'support')));
    const attackerClose = await attacker.waitForClose();
    expect(attackerClose.code).toBe(CloseCode.forbidden);
    expect(attackerClose.reason).toMatch(/belongs to another connection/);
    expect(marksOf(n.reader.doc, n.euProposal).get('KEN')).toBeUndefined();
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
