/**
 * A negotiation set up for presence attacks on a real server: an honest facilitator (writer, present on
 * the first paragraph) and an honest observer (watcher, whose awareness is what every page would see),
 * tokens for each role and for a shared delegation link, and the checks that follow an attack (nothing
 * stored changed, the honest pair still syncs).
 */
import { expect } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, smallDraft } from './api.ts';
import { appendToParagraph, paragraphPlainText } from './paragraph-text.ts';
import { connectSynced, encodeAwarenessStates, ownPresenceOnly, type RawClient, type RawOptions } from './raw-client.ts';
import type { TestServer } from './server.ts';
import { storedState, type StoredState } from './stored-state.ts';
import { connectClient, eventually, waitFor, type YClient } from './yjs-client.ts';

/** Something to undo after a test. */
export type Cleanup = () => void | Promise<void>;

/** A negotiation with an honest writer and watcher connected. */
export interface PresenceRoom {
  server: TestServer;
  id: string;
  /** The first paragraph's id. */
  firstParagraph: string;
  tokens: { facilitator: string; observer: string; ken: string };
  writer: YClient;
  watcher: YClient;
  cleanups: Cleanup[];
}

/** Imports the small draft, adds KEN, invites each role, and connects the honest writer and watcher. */
export async function presenceRoom(server: TestServer, cleanups: Cleanup[]): Promise<PresenceRoom> {
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'KEN', 'Kenya');
  const [facilitator, observer, ken] = await Promise.all([
    invite(server, id, { role: Role.facilitator }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'KEN' }),
  ]);
  const honest = (token: string) => {
    const client = connectClient(server, id, token);
    ownPresenceOnly(client.provider);
    cleanups.push(() => client.destroy());
    return client;
  };
  const writer = honest(facilitator.token);
  const watcher = honest(observer.token);
  await Promise.all([writer.synced, watcher.synced]);
  const response = await fetch(`${server.url}/api/negotiations/${id}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
  const { paragraphs } = (await response.json()) as { paragraphs: { id: string; kind: string }[] };
  const firstParagraph = paragraphs.find((p) => p.kind === 'paragraph')?.id as string;
  // The writer is present, as a page is (a first state at clock 0 is ignored by every awareness).
  writer.provider.awareness.setLocalState({ paragraphId: firstParagraph, editing: false });
  await eventually(() => watcher.provider.awareness.getStates().has(writer.provider.awareness.clientID), 3000, 'the writer\'s presence');
  return { server, id, firstParagraph, tokens: { facilitator: facilitator.token, observer: observer.token, ken: ken.token }, writer, watcher, cleanups };
}

/** A raw (hostile or hand-driven) client, synced. */
export async function rawIn(room: PresenceRoom, token: string, options: RawOptions = {}): Promise<RawClient> {
  const client = await connectSynced(room.server, room.id, token, options);
  room.cleanups.push(() => client.close());
  return client;
}

/** Publishes one state under `clientId` at `clock`. */
export function publish(client: RawClient, clientId: number, clock: number, state: unknown): void {
  client.sendAwareness(encodeAwarenessStates([{ clientId, clock, state }]));
}

/** The state the watcher's page holds for a client id (undefined when absent). */
export function seen(room: PresenceRoom, clientId: number): Record<string, unknown> | undefined {
  return room.watcher.provider.awareness.getStates().get(clientId) as Record<string, unknown> | undefined;
}

/** What the server stores now, to compare after an attack. */
export function stored(room: PresenceRoom): Promise<StoredState> {
  return storedState(room.server, room.id);
}

/** After an attack: nothing stored changed, the honest writer's edit reaches the watcher, neither was closed. */
export async function expectStillServing(room: PresenceRoom, before: StoredState): Promise<void> {
  expect(await stored(room)).toEqual(before);
  const marker = ` still serving ${Math.random().toString(36).slice(2, 8)}`;
  appendToParagraph(room.writer.doc, room.firstParagraph, marker);
  await waitFor(room.watcher.doc, () => paragraphPlainText(room.watcher.doc, room.firstParagraph).endsWith(marker), 5000, 'the honest watcher');
  expect(room.writer.closes).toEqual([]);
  expect(room.watcher.closes).toEqual([]);
}

/** Resolves after `ms`. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
