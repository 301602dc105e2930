/**
 * The update attacks of issue 6 through a real server: each is refused (or, for a large honest update,
 * accepted), the stored document stays as it was, and the honest clients keep syncing.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getMeta, getParagraphs } from '../../shared/model/negotiation-doc.ts';
import { getProposals, writeProposal } from '../../shared/model/proposal.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { invite } from '../helpers/api.ts';
import {
  expectRefusedRaw,
  honest as honestClient,
  hostile as hostileClient,
  hostileNegotiation,
  textOf,
  type Arena,
} from '../helpers/hostile-negotiation.ts';
import { encodeSync, type RawClient } from '../helpers/raw-client.ts';
import { proposal, proposalWords, proposalXmlText } from '../helpers/test-proposals.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { storedState } from '../helpers/stored-state.ts';
import { entryItemId, forgeUpdate, type ForgedGC, type ForgedRange } from '../helpers/update-forge.ts';
import { waitFor } from '../helpers/yjs-client.ts';

let server: TestServer;
const maxBytes = 4_096;
const cleanups = serverPerFile((started) => (server = started), {
  env: {
    DRAFTROOM_MAX_PROPOSAL_BYTES_PER_DELEGATION: String(maxBytes),
    DRAFTROOM_MAX_NEW_CLIENT_IDS_PER_CONNECTION: '2',
  },
});
const arena: Arena = { server: () => server, cleanups };

describe('cost before role', () => {
  it('closes an observer whose 300 KB delete set repeats the whole document, at once, and keeps serving', async () => {
    const n = await hostileNegotiation(arena);
    const ranges: ForgedRange[] = [];
    const clients = [...n.reader.doc.store.clients.keys()];
    for (let i = 0; ranges.length < 60_000; i++) for (const client of clients) ranges.push([client, 0, 2 ** 30]);
    const update = forgeUpdate(new Map(), ranges);
    expect(update.length).toBeGreaterThan(300_000);
    const close = await expectRefusedRaw(arena, n, n.tokens.observer, (attacker) => attacker.sendUpdate(update));
    expect(close.reason).toMatch(/observers/);
  });
});

describe('client-id bloat', () => {
  it('refuses garbage under fresh client ids', async () => {
    const n = await hostileNegotiation(arena);
    const sections = new Map(Array.from({ length: 50 }, (_, i): [number, ForgedGC[]] => [700_000 + i, [{ clock: 0, gc: 3 }]]));
    const close = await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(forgeUpdate(sections)));
    expect(close.reason).toMatch(/client 7000\d\d/);
  });

  it('lets a connection write under a stated number of new client ids, and no more', async () => {
    const n = await hostileNegotiation(arena);
    const editAs = (attacker: RawClient, clientId: number, rationale: string) => {
      attacker.doc.clientID = clientId;
      attacker.sendUpdate(attacker.capture((d) => getProposals(d).get(n.kenProposal)?.set('rationale', rationale)));
    };
    const prepare = async (attacker: RawClient) => {
      editAs(attacker, 810_001, 'first');
      editAs(attacker, 810_002, 'second');
      await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale') === 'second', 5000, 'the two allowed edits');
    };
    const close = await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => editAs(attacker, 810_003, 'third'), { prepare });
    expect(close.reason).toMatch(/at most 2 new client ids/);
  });
});

describe('erased values', () => {
  it('refuses deleted content written as the newest status of its own proposal', async () => {
    const n = await hostileNegotiation(arena);
    const own = await hostileClient(arena, n.id, n.tokens.ken);
    own.sendUpdate(own.capture((d) => getProposals(d).get(n.kenProposal)?.set('rationale', 'honest')));
    await waitFor(n.reader.doc, () => getProposals(n.reader.doc).get(n.kenProposal)?.get('rationale') === 'honest', 5000, 'the honest edit');
    const clientId = own.doc.clientID;
    own.close();
    const status = entryItemId(getProposals(n.reader.doc).get(n.kenProposal) as Y.Map<unknown>, 'status');
    await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => {
      const clock = Y.getState(attacker.doc.store, clientId);
      attacker.sendUpdate(forgeUpdate(new Map([[clientId, [{ clock, origin: status, content: { deleted: 1 } }]]])));
    });
  });

  it('refuses a value put left of the current one while the current one is deleted', async () => {
    const n = await hostileNegotiation(arena);
    const status = entryItemId(getProposals(n.reader.doc).get(n.kenProposal) as Y.Map<unknown>, 'status');
    await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => {
      const update = forgeUpdate(
        new Map([[attacker.doc.clientID, [{ clock: 0, rightOrigin: status, content: { any: ['withdrawn'] } }]]]),
        [[status.client, status.clock, 1]],
      );
      attacker.sendUpdate(update);
    });
  });

  it('refuses a new proposal whose delegation and reactions are put left of themselves and deleted', async () => {
    const n = await hostileNegotiation(arena);
    await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(leftOfItselfProposal(attacker.doc.clientID)));
  });
});

/**
 * A new proposal attributed to KEN with a reactions map, each entry then given a second value placed left of
 * the first (so Yjs deletes it at once) while the first is deleted too: it reads no delegation, no reactions.
 */
function leftOfItselfProposal(client: number): Uint8Array {
  const map = Y.createID(client, 0);
  return forgeUpdate(
    new Map([[client, [
      { clock: 0, parent: 'proposals', parentSub: 'rforged', content: { type: 'map' } },
      { clock: 1, parent: map, parentSub: 'delegation', content: { any: ['KEN'] } },
      { clock: 2, rightOrigin: Y.createID(client, 1), content: { any: ['KEN'] } },
      { clock: 3, parent: map, parentSub: 'kind', content: { any: ['replace-text'] } },
      { clock: 4, parent: map, parentSub: 'status', content: { any: ['pending'] } },
      { clock: 5, parent: map, parentSub: 'createdAt', content: { any: ['2026-11-30T10:00:00.000Z'] } },
      { clock: 6, parent: map, parentSub: 'reactions', content: { type: 'map' } },
      { clock: 7, rightOrigin: Y.createID(client, 6), content: { type: 'map' } },
    ]]]),
    [[client, 1, 1], [client, 6, 1]],
  );
}

describe('quotas and references', () => {
  it(`refuses a delegation's typing beyond ${maxBytes} bytes of proposals, while its deletions and the facilitators' typing pass`, async () => {
    const n = await hostileNegotiation(arena);
    const ken = honestClient(arena, n.id, n.tokens.ken);
    await ken.synced;
    ken.doc.transact(() => proposalXmlText(ken.doc, n.kenProposal).insert(0, 'k'.repeat(2_000)));
    await waitFor(n.reader.doc, () => proposalWords(n.reader.doc, n.kenProposal).startsWith('k'.repeat(2_000)), 5000, 'KEN\'s words');
    ken.destroy();
    const close = await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(attacker.capture((d) => proposalXmlText(d, n.kenProposal).insert(0, 'x'.repeat(2_500)))));
    expect(close.reason).toMatch(new RegExp(`KEN's proposals would take \\d+ bytes; a delegation may hold at most ${maxBytes}`));
    n.writer.doc.transact(() => proposalXmlText(n.writer.doc, n.kenProposal).insert(0, 'Secretariat: '.repeat(300)));
    await waitFor(n.reader.doc, () => proposalWords(n.reader.doc, n.kenProposal).startsWith('Secretariat: '), 5000, 'the facilitator\'s words');
    const again = honestClient(arena, n.id, n.tokens.ken);
    await again.synced;
    again.doc.transact(() => proposalXmlText(again.doc, n.kenProposal).delete(0, 100));
    await waitFor(n.reader.doc, () => proposalWords(n.reader.doc, n.kenProposal).length === proposalWords(again.doc, n.kenProposal).length, 5000, 'KEN\'s deletion');
    expect(again.closes).toEqual([]);
  });

  it.each([
    ['a createdAt of two megabytes', (d: Y.Doc, id: string) => getProposals(d).get(id)?.set('createdAt', `Nov 30 2026 (${'a'.repeat(2_000_000)})`)],
    ['a paragraph that does not exist', (d: Y.Doc, id: string) => getProposals(d).get(id)?.set('paragraphId', 'pnowhere')],
  ])('refuses a raw proposal with %s', async (_name, spoil) => {
    const n = await hostileNegotiation(arena);
    await expectRefusedRaw(arena, n, n.tokens.eu, (attacker) => attacker.sendUpdate(attacker.capture((d) => {
      d.transact(() => writeProposal(d, 'rspoilt', proposal('EU', n.second)));
      spoil(d, 'rspoilt');
    })));
  });
});

describe('every role\'s values are checked', () => {
  it.each([
    ['a delegation whose name is a number', () => (d: Y.Doc) => getDelegations(d).set('XYZ', { name: 42 } as unknown as { name: string })],
    ['a proposal rationale that is a number', (n: Awaited<ReturnType<typeof hostileNegotiation>>) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('rationale', 42)],
  ])('refuses a facilitator\'s raw update setting %s', async (_name, attack) => {
    const n = await hostileNegotiation(arena);
    const close = await expectRefusedRaw(arena, n, n.tokens.facilitator, (attacker) => attacker.sendUpdate(attacker.capture(attack(n))));
    expect(close.reason).toMatch(/cannot hold that value/);
  });

  // Decisions are commands: a raw update may not set them, whatever value it carries (test/server/command-only-attacks.test.ts covers every role).
  it.each([
    ['a paragraph status "banana"', (n: Awaited<ReturnType<typeof hostileNegotiation>>) => (d: Y.Doc) => getParagraphs(d).get(n.first)?.set('status', 'banana')],
    ['the round -7', () => (d: Y.Doc) => getMeta(d).set('round', -7)],
    ['a source annotation that is a number', (n: Awaited<ReturnType<typeof hostileNegotiation>>) => (d: Y.Doc) => getParagraphs(d).get(n.first)?.set('source', 42)],
    ['a proposal status "banana"', (n: Awaited<ReturnType<typeof hostileNegotiation>>) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set('status', 'banana')],
  ])('refuses a facilitator\'s raw update setting %s as a decision only a command takes', async (_name, attack) => {
    const n = await hostileNegotiation(arena);
    const close = await expectRefusedRaw(arena, n, n.tokens.facilitator, (attacker) => attacker.sendUpdate(attacker.capture(attack(n))));
    expect(close.reason).toMatch(/changes only by a command/);
  });
});

describe('large honest updates', () => {
  it('accepts a facilitator deleting 150,000 separately typed characters in one update, and relays it', async () => {
    const n = await hostileNegotiation(arena);
    const text = textOf(n.writer.doc, n.second);
    // Typed in 15 updates (each within the limit on changes per update), every character its own item.
    for (let round = 0; round < 15; round++) {
      n.writer.doc.transact(() => {
        for (let i = 0; i < 10_000; i++) text.insert(i % 2 === 0 ? 0 : text.length, 'x');
      });
    }
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.second).length > 150_000, 20_000, 'the long text');
    n.writer.doc.transact(() => text.delete(0, text.length));
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.second).length === 0, 20_000, 'the deletion');
    expect(n.writer.closes).toEqual([]);
    const stored = JSON.parse((await storedState(server, n.id)).negotiation) as { paragraphs: { id: string; runs: unknown[] }[] };
    expect(stored.paragraphs.find((p) => p.id === n.second)?.runs).toEqual([]);
  });
});

describe('encodings', () => {
  it('closes a version 2 update as malformed (4400) instead of dropping it in silence', async () => {
    const n = await hostileNegotiation(arena);
    const facilitator = await invite(server, n.id, { role: Role.facilitator, label: 'v2 sender' });
    const close = await expectRefusedRaw(arena, n, facilitator.token, (attacker) => {
      const before = Y.encodeStateVector(attacker.doc);
      getMeta(attacker.doc).set('title', 'Sent as version 2');
      attacker.sendRaw(encodeSync(2, Y.encodeStateAsUpdateV2(attacker.doc, before)));
    }, { code: CloseCode.malformed });
    expect(close.reason).toMatch(/version 1/);
  });
});
