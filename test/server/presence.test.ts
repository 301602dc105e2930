/**
 * Presence (Yjs awareness) against a real server: others see the identity the server authenticated, never
 * the one a client claims; a client may publish only its own state; and a hostile client cannot take over
 * or remove someone else's presence.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role, type PresenceUser } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, smallDraft } from '../helpers/api.ts';
import {
  connectSynced,
  decodeAwarenessStates,
  encodeAwarenessStates,
  ownPresenceOnly,
  type RawClient,
} from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, eventually, type YClient } from '../helpers/yjs-client.ts';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

function honest(id: string, token: string, echo = false): YClient {
  const client = connectClient(server, id, token);
  if (!echo) ownPresenceOnly(client.provider);
  cleanups.push(() => client.destroy());
  return client;
}

async function raw(id: string, token: string): Promise<RawClient> {
  const client = await connectSynced(server, id, token);
  cleanups.push(() => client.close());
  return client;
}

async function negotiation() {
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'KEN', 'Kenya');
  await addDelegation(server, id, 'EU', 'European Union');
  const [facilitator, observer, ken] = await Promise.all([
    invite(server, id, { role: Role.facilitator }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'KEN' }),
  ]);
  const watcher = honest(id, facilitator.token);
  await watcher.synced;
  return { id, tokens: { facilitator: facilitator.token, observer: observer.token, ken: ken.token }, watcher };
}

type Negotiation = Awaited<ReturnType<typeof negotiation>>;

/** The state the watcher's page holds for a client id (undefined when absent). */
function seen(n: Negotiation, clientId: number): Record<string, unknown> | undefined {
  return n.watcher.provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined;
}

function publish(client: RawClient, clientId: number, clock: number, state: unknown): void {
  client.sendAwareness(encodeAwarenessStates([{ clientId, clock, state }]));
}

const forgedFacilitator = { name: 'Facilitator', role: 'facilitator', delegation: null, color: '#000000' };

describe('the identity others see is the one the server authenticated', () => {
  it('an observer claiming to be the facilitator shows as the observer; unknown fields are dropped', async () => {
    const n = await negotiation();
    const observer = await raw(n.id, n.tokens.observer);
    const id = observer.doc.clientID;
    publish(observer, id, 1, { user: forgedFacilitator, paragraphId: 'p-claimed', editing: true, isAdmin: true, role: 'facilitator' });
    await eventually(() => seen(n, id) !== undefined, 3000, 'the observer\'s presence');
    const state = seen(n, id) as { user: PresenceUser } & Record<string, unknown>;
    expect(state.user).toEqual({ name: 'Observer', role: 'observer', delegation: null, color: expect.any(String) });
    expect(state.user.color).not.toBe('#000000');
    expect(state.paragraphId).toBe('p-claimed');
    expect(state).not.toHaveProperty('isAdmin');
    expect(state).not.toHaveProperty('role');
    expect(observer.closeInfo()).toBeNull();
  });

  it('a delegation claiming to be another delegation shows as itself', async () => {
    const n = await negotiation();
    const ken = await raw(n.id, n.tokens.ken);
    const id = ken.doc.clientID;
    publish(ken, id, 1, { user: { name: 'European Union', role: 'delegation', delegation: 'EU', color: '#123456' }, paragraphId: null });
    await eventually(() => seen(n, id) !== undefined, 3000, 'KEN\'s presence');
    expect((seen(n, id) as { user: PresenceUser }).user).toMatchObject({ name: 'Kenya', role: 'delegation', delegation: 'KEN' });
  });

  it('a page that joins later (query awareness) also gets the stamped identity', async () => {
    const n = await negotiation();
    const observer = await raw(n.id, n.tokens.observer);
    publish(observer, observer.doc.clientID, 1, { user: forgedFacilitator, paragraphId: null });
    await eventually(() => seen(n, observer.doc.clientID) !== undefined, 3000, 'the presence');
    const late = await raw(n.id, n.tokens.ken);
    const before = late.messages.length;
    late.sendRaw(Uint8Array.from([3]));
    const answer = await late.waitForMessage((m) => m.type === 'awareness' && late.messages.indexOf(m) >= before);
    const entries = decodeAwarenessStates(answer.type === 'awareness' ? answer.payload : new Uint8Array());
    const entry = entries.find((e) => e.clientId === observer.doc.clientID);
    expect((entry?.state as { user: PresenceUser }).user).toMatchObject({ name: 'Observer', role: 'observer' });
  });
});

describe('a client publishes only its own presence', () => {
  async function victimAndAttacker() {
    const n = await negotiation();
    const victim = await raw(n.id, n.tokens.facilitator);
    const victimId = victim.doc.clientID;
    publish(victim, victimId, 1, { paragraphId: 'p-victim', editing: false });
    await eventually(() => seen(n, victimId)?.paragraphId === 'p-victim', 3000, 'the victim\'s presence');
    const attacker = await raw(n.id, n.tokens.observer);
    return { n, victim, victimId, attacker };
  }

  async function expectVictimUntouched(n: Negotiation, victim: RawClient, victimId: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen(n, victimId)).toMatchObject({ paragraphId: 'p-victim', user: { role: 'facilitator' } });
    expect(victim.closeInfo()).toBeNull();
    expect(n.watcher.closes).toEqual([]);
  }

  it('an echo of another connection\'s current state (same clock) is dropped, not refused', async () => {
    const { n, victim, victimId, attacker } = await victimAndAttacker();
    publish(attacker, victimId, 1, { paragraphId: 'p-hijacked', editing: true });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(attacker.closeInfo()).toBeNull();
    await expectVictimUntouched(n, victim, victimId);
  });

  it('presence under another connection\'s id (its first message) closes with 4403', async () => {
    const { n, victim, victimId, attacker } = await victimAndAttacker();
    publish(attacker, victimId, 99, { paragraphId: 'p-hijacked', editing: true });
    const close = await attacker.waitForClose();
    expect(close.code).toBe(CloseCode.forbidden);
    await expectVictimUntouched(n, victim, victimId);
  });

  it('presence under another id after its own closes with 4403', async () => {
    const { n, victim, victimId, attacker } = await victimAndAttacker();
    publish(attacker, attacker.doc.clientID, 1, { paragraphId: null });
    await eventually(() => seen(n, attacker.doc.clientID) !== undefined, 3000, 'the attacker\'s own presence');
    publish(attacker, victimId, 99, { paragraphId: 'p-hijacked' });
    expect((await attacker.waitForClose()).code).toBe(CloseCode.forbidden);
    await expectVictimUntouched(n, victim, victimId);
    await eventually(() => seen(n, attacker.doc.clientID) === undefined, 3000, 'the attacker\'s presence to go');
  });

  it('one message carrying its own state and another\'s closes with 4403', async () => {
    const { n, victim, victimId, attacker } = await victimAndAttacker();
    attacker.sendAwareness(encodeAwarenessStates([
      { clientId: attacker.doc.clientID, clock: 1, state: { paragraphId: null } },
      { clientId: victimId, clock: 99, state: { paragraphId: 'p-hijacked' } },
    ]));
    expect((await attacker.waitForClose()).code).toBe(CloseCode.forbidden);
    await expectVictimUntouched(n, victim, victimId);
  });

  it('removing another connection\'s presence (state null) closes with 4403', async () => {
    const { n, victim, victimId, attacker } = await victimAndAttacker();
    publish(attacker, attacker.doc.clientID, 1, { paragraphId: null });
    publish(attacker, victimId, 99, null);
    expect((await attacker.waitForClose()).code).toBe(CloseCode.forbidden);
    await expectVictimUntouched(n, victim, victimId);
  });

  it('a connection that leaves disappears from everyone\'s presence', async () => {
    const { n, victim, victimId } = await victimAndAttacker();
    victim.close();
    await eventually(() => seen(n, victimId) === undefined, 3000, 'the victim\'s presence to go');
  });

  // A person's client id stays reserved for their invitation after they drop, so nobody can squat it.
  it('a page reconnecting with its own id is not locked out: squatting the id of someone who dropped is refused', async () => {
    const { n, victim, victimId, attacker } = await victimAndAttacker();
    victim.close();
    await eventually(() => seen(n, victimId) === undefined, 3000, 'the victim\'s presence to go');
    publish(attacker, victimId, 50, { paragraphId: 'squatting' });
    await eventually(() => attacker.closeInfo() !== null, 3000, 'the squatter to be closed');
    expect(attacker.closeInfo()?.code).toBe(CloseCode.forbidden);
    expect(seen(n, victimId)).toBeUndefined();
    const reconnected = await connectRawSyncedAs(n, victimId);
    publish(reconnected, victimId, 51, { paragraphId: 'p-victim' });
    await eventually(() => seen(n, victimId)?.paragraphId === 'p-victim', 3000, 'the victim back');
    expect(reconnected.closeInfo()).toBeNull();
  });

  // The stock y-websocket provider sends back every awareness change it receives, including other people's
  // states: such an echo (no newer clock than the server's) is dropped, not treated as a forgery.
  it('a stock y-websocket client stays connected when someone else\'s presence changes', async () => {
    const n = await negotiation();
    const stock = honest(n.id, n.tokens.observer, true);
    await stock.synced;
    const other = await raw(n.id, n.tokens.ken);
    publish(other, other.doc.clientID, 1, { paragraphId: 'p1' });
    await eventually(() => seen(n, other.doc.clientID) !== undefined, 3000, 'the other presence');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stock.closes).toEqual([]);
    expect(stock.provider.awareness.getStates().get(other.doc.clientID)).toMatchObject({ paragraphId: 'p1', user: { delegation: 'KEN' } });
  });
});

async function connectRawSyncedAs(n: Negotiation, clientId: number): Promise<RawClient> {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const client = await connectSynced(server, n.id, n.tokens.facilitator, { doc });
  cleanups.push(() => client.close());
  return client;
}
