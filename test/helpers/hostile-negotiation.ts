/**
 * A negotiation set up for attacks through a real server, and the whole contract of a refusal: the attacker
 * is closed with the expected code and a reason, the stored document (API answers and SQLite rows) is
 * unchanged, and an honest writer's next edit still reaches an honest reader, who received nothing else.
 */
import * as Y from 'yjs';
import { expect } from 'vitest';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposals, ProposalField } from '../../shared/model/proposal.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, sendCommand, smallDraft } from './api.ts';
import { authorsOf, connectSynced, ownPresenceOnly, watchRemoteUpdates, type CloseInfo, type RawClient } from './raw-client.ts';
import type { TestServer } from './server.ts';
import type { Cleanup } from './server-per-file.ts';
import { storedState } from './stored-state.ts';
import { connectClient, waitFor, type YClient } from './yjs-client.ts';

/** The server and the cleanups of the calling test file. */
export interface Arena {
  server: () => TestServer;
  cleanups: Cleanup[];
}

/** The single text node of a paragraph. */
export function textOf(doc: Y.Doc, paragraphId: string): Y.XmlText {
  return (getParagraphText(doc, paragraphId)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The reactions map of a proposal. */
export function reactionsOf(doc: Y.Doc, proposalId: string): Y.Map<unknown> {
  return getProposals(doc).get(proposalId)?.get(ProposalField.reactions) as Y.Map<unknown>;
}

/** Sends `command` as `token` and fails the test with the server's words unless it is accepted. */
export async function commandOk(server: TestServer, negotiationId: string, token: string, command: Record<string, unknown>): Promise<void> {
  const answer = await sendCommand(server, negotiationId, token, command);
  expect(answer.body.error ?? null, `${String(command.type)}: ${answer.body.error ?? ''}`).toBeNull();
  expect(answer.status).toBe(200);
}

/**
 * Tables a replace-text proposal of `delegation` on `paragraphId` by the propose command (as `token`) and
 * returns its id once `doc` (an honest client's copy) has it.
 */
export async function proposeByCommand(server: TestServer, negotiationId: string, token: string, doc: Y.Doc, delegation: string, paragraphId: string, text = 'proposed words'): Promise<string> {
  const known = new Set(getProposals(doc).keys());
  await commandOk(server, negotiationId, token, { type: 'propose', paragraphId, kind: 'replace-text', text, delegation });
  let id = '';
  await waitFor(doc, () => {
    id = [...getProposals(doc).entries()].find(([key, map]) => !known.has(key) && map.get(ProposalField.delegation) === delegation)?.[0] ?? '';
    return id !== '';
  }, 5000, 'the new proposal');
  return id;
}

/** An honest y-websocket client (cleaned up after the test). */
export function honest(arena: Arena, id: string, token: string): YClient {
  const client = connectClient(arena.server(), id, token);
  ownPresenceOnly(client.provider);
  arena.cleanups.push(() => client.destroy());
  return client;
}

/** A raw client that finished its handshake, writing under `clientID` when given (cleaned up after the test). */
export async function hostile(arena: Arena, id: string, token: string, clientID?: number): Promise<RawClient> {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const client = await connectSynced(arena.server(), id, token, { doc });
  arena.cleanups.push(() => client.close());
  return client;
}

/**
 * A fresh negotiation with delegations KEN and EU, a pending proposal of each and a decided (rejected) one
 * of EU, EU's support on its own pending one (all by commands of an honest facilitator, the `writer`), and
 * an honest observer, the `reader`, following along.
 */
export async function hostileNegotiation(arena: Arena) {
  const server = arena.server();
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'KEN', 'Kenya');
  await addDelegation(server, id, 'EU', 'European Union');
  const [facilitator, observer, ken, eu] = await Promise.all([
    invite(server, id, { role: Role.facilitator }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'KEN' }),
    invite(server, id, { role: Role.delegation, delegation: 'EU' }),
  ]);
  const writer = honest(arena, id, facilitator.token);
  const reader = honest(arena, id, observer.token);
  await Promise.all([writer.synced, reader.synced]);
  const [heading, first, second] = readOrder(writer.doc) as [string, string, string];
  const euProposal = await proposeByCommand(server, id, facilitator.token, writer.doc, 'EU', second);
  const kenProposal = await proposeByCommand(server, id, facilitator.token, writer.doc, 'KEN', second);
  const euDecided = await proposeByCommand(server, id, facilitator.token, writer.doc, 'EU', first);
  await commandOk(server, id, facilitator.token, { type: 'reject-proposal', proposalId: euDecided });
  await commandOk(server, id, facilitator.token, { type: 'react-to-proposal', proposalId: kenProposal, reaction: 'support', delegation: 'EU' });
  await waitFor(reader.doc, () => reactionsOf(reader.doc, kenProposal)?.get('EU') === 'support' && getProposals(reader.doc).get(euDecided)?.get(ProposalField.status) === 'rejected', 5000, 'the setup to reach the reader');
  await waitFor(writer.doc, () => reactionsOf(writer.doc, kenProposal)?.get('EU') === 'support' && getProposals(writer.doc).get(euDecided)?.get(ProposalField.status) === 'rejected', 5000, 'the setup to reach the writer');
  const tokens = { facilitator: facilitator.token, observer: observer.token, ken: ken.token, eu: eu.token };
  return { id, tokens, writer, reader, heading, first, second, euProposal, kenProposal, euDecided };
}

/** A negotiation made by hostileNegotiation. */
export type HostileNegotiation = Awaited<ReturnType<typeof hostileNegotiation>>;

/** Options of expectRefusedRaw. */
export interface RefusalOptions {
  /** The close code expected (4403 by default). */
  code?: number;
  /** Allowed steps the attacker takes first, on the same connection (stored before the comparison starts). */
  prepare?: (attacker: RawClient) => Promise<void>;
}

/**
 * Connects a raw client as `token`, lets `send` send whatever it likes, and asserts the whole contract of a
 * refusal. Resolves with the close for further checks.
 */
export async function expectRefusedRaw(
  arena: Arena,
  n: HostileNegotiation,
  token: string,
  send: (attacker: RawClient) => void,
  { code = CloseCode.forbidden, prepare }: RefusalOptions = {},
): Promise<CloseInfo> {
  const server = arena.server();
  const attacker = await hostile(arena, n.id, token);
  await prepare?.(attacker);
  const before = await storedState(server, n.id);
  const seen = watchRemoteUpdates(n.reader.doc, n.reader.provider);
  send(attacker);
  const close = await attacker.waitForClose();
  expect(close.code).toBe(code);
  expect(close.reason.length).toBeGreaterThan(0);
  expect(await storedState(server, n.id)).toEqual(before);
  // A new edit by the honest writer still reaches the honest reader, and it is all the reader received.
  const marker = `marker ${Math.random().toString(36).slice(2, 8)} `;
  textOf(n.writer.doc, n.first).insert(0, marker);
  await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.first).toString().includes(marker), 5000, 'the marker edit');
  seen.stop();
  expect(seen.updates.length).toBeGreaterThan(0);
  for (const received of seen.updates) {
    expect(authorsOf(received)).toEqual({ writers: [n.writer.doc.clientID], deletes: [] });
  }
  expect(n.reader.closes).toEqual([]);
  expect(n.writer.closes).toEqual([]);
  expect(n.reader.provider.wsconnected).toBe(true);
  return close;
}
