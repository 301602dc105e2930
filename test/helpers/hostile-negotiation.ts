/**
 * A negotiation set up for attacks through a real server, and the whole contract of a refusal: the attacker
 * is closed with the expected code and a reason, the stored document (API answers and SQLite rows) is
 * unchanged, and an honest writer's next edit still reaches an honest reader, who received nothing else.
 */
import * as Y from 'yjs';
import { expect } from 'vitest';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { addProposal, getProposals, ProposalKind, setMark, type NewProposal } from '../../shared/model/proposal.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, smallDraft } from './api.ts';
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

/** A pending replace-text proposal of `delegation` on `paragraphId`. */
export function proposal(delegation: string, paragraphId: string, text = 'proposed words'): NewProposal {
  return { paragraphId, afterParagraphId: null, delegation, kind: ProposalKind.replaceText, text, basedOn: '', rationale: '' };
}

/** The single text node of a paragraph. */
export function textOf(doc: Y.Doc, paragraphId: string): Y.XmlText {
  return (getParagraphText(doc, paragraphId)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The marks map of a proposal. */
export function marksOf(doc: Y.Doc, proposalId: string): Y.Map<unknown> {
  return getProposals(doc).get(proposalId)?.get('marks') as Y.Map<unknown>;
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
 * A fresh negotiation with delegations KEN and EU, a pending proposal of each and an accepted one of EU
 * (made by an honest facilitator, the `writer`), and an honest observer, the `reader`, following along.
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
  const euProposal = addProposal(writer.doc, proposal('EU', second));
  const kenProposal = addProposal(writer.doc, proposal('KEN', second));
  const euAccepted = addProposal(writer.doc, proposal('EU', first));
  getProposals(writer.doc).get(euAccepted)?.set('status', 'accepted');
  setMark(writer.doc, euProposal, 'EU', 'support');
  await waitFor(reader.doc, () => marksOf(reader.doc, euProposal)?.get('EU') === 'support' && getProposals(reader.doc).get(euAccepted)?.get('status') === 'accepted', 5000, 'the setup to reach the reader');
  const tokens = { facilitator: facilitator.token, observer: observer.token, ken: ken.token, eu: eu.token };
  return { id, tokens, writer, reader, heading, first, second, euProposal, kenProposal, euAccepted };
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
