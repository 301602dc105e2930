/**
 * Brackets under concurrency, through a real server: three facilitators type at bracket edges and inside
 * brackets while brackets are added (nested), lifted and deleted by commands, all at once. Every copy must
 * converge to the same well-formed brackets (proper nesting, spans inside the text), the API and the text
 * export must agree with the copies, and after a restart of the server a new reader sees the same. Seeded:
 * BRACKET_SEED=<n> replays a run; the seed is printed when it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { exportText } from '../../shared/export-text.ts';
import { anchorRange, getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { readNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import type { NegotiationResponse } from '../../shared/protocol/api.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, getJson, importDraft, invite, sendCommand, smallDraft } from '../helpers/api.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectClient, eventually, type YClient } from '../helpers/yjs-client.ts';
import * as Y from 'yjs';

const seed = Number(process.env.BRACKET_SEED ?? Math.floor(Math.random() * 2 ** 31));
const rounds = 3;
const stepsPerRound = 30;
let server: TestServer;
const clients: YClient[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

function join(id: string, token: string): YClient {
  const client = connectClient(server, id, token);
  clients.push(client);
  return client;
}

/** Why the brackets of a paragraph are not well formed (crossing, outside the text), or null. */
function malformed(brackets: readonly BracketSnapshot[], length: number): string | null {
  for (const a of brackets) {
    if (a.span.start < 0 || a.span.end > length || a.span.start > a.span.end) return `bracket ${a.id} spans ${a.span.start}–${a.span.end} of ${length}`;
    for (const b of brackets) {
      const crossing = a.span.start < b.span.start && b.span.start < a.span.end && a.span.end < b.span.end;
      if (crossing) return `brackets ${a.id} and ${b.id} cross`;
    }
  }
  return null;
}

/** Everything a reader sees of the brackets, as one comparable value. */
function view(doc: Y.Doc) {
  const negotiation = readNegotiation(doc);
  return { paragraphs: negotiation.paragraphs.map((p) => ({ id: p.id, text: p.runs.map((r) => r.text).join(''), brackets: p.brackets })), export: exportText(negotiation, { holders: true }) };
}

describe(`brackets under concurrent typing and decisions (BRACKET_SEED=${seed})`, () => {
  it('converges everywhere to the same well-formed brackets, which the API, the export and a restart agree with', async () => {
    try {
      const rng = new Rng(seed);
      const { id } = await importDraft(server, smallDraft);
      for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77'], ['USA', 'United States']] as const) await addDelegation(server, id, code, name);
      const chairs = await Promise.all([0, 1, 2].map((i) => invite(server, id, { role: Role.facilitator, label: `chair ${i}` })));
      const observer = await invite(server, id, { role: Role.observer });
      const typists = chairs.map((chair) => join(id, chair.token));
      const reader = join(id, observer.token);
      await Promise.all([...typists, reader].map((client) => client.synced));
      const paragraphs = readOrder(reader.doc).slice(1, 4);
      const holders = [{ delegation: 'EU', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }, { delegation: 'USA', stance: 'retain' }] as const;

      for (let round = 0; round < rounds; round++) {
        const pending: Promise<unknown>[] = [];
        for (let step = 0; step < stepsPerRound; step++) {
          const typist = rng.pick(typists);
          const paragraphId = rng.pick(paragraphs);
          const text = paragraphCharacters(typist.doc, paragraphId);
          if (!text) continue;
          const brackets = readBrackets(typist.doc, paragraphId);
          const action = rng.weighted([[5, 'type'], [2, 'erase'], [3, 'add'], [1, 'lift'], [1, 'delete']] as const);
          if (action === 'type' || action === 'erase') {
            // At a bracket's edge (just before, at, just after its start or end) or anywhere.
            const edges = brackets.flatMap((b) => [b.span.start - 1, b.span.start, b.span.start + 1, b.span.end - 1, b.span.end, b.span.end + 1]);
            const at = Math.max(0, Math.min(text.length, edges.length > 0 && rng.chance(0.8) ? rng.pick(edges) : rng.int(0, text.length)));
            if (action === 'type') text.insert(at, rng.pick(['x', ' new ', 'words ', 'é']));
            else if (at < text.length) text.delete(at, Math.min(rng.int(1, 4), text.length - at));
          } else if (action === 'add' && text.length > 4) {
            const inside = brackets.length > 0 && rng.chance(0.5) ? rng.pick(brackets) : null;
            const from = inside ? inside.span.start + rng.int(0, Math.max(0, inside.span.end - inside.span.start - 2)) : rng.int(0, text.length - 3);
            const to = Math.min(text.length, inside ? Math.max(from + 1, inside.span.end - rng.int(0, 1)) : from + rng.int(1, 12));
            if (to <= from) continue;
            const command = { type: 'add-bracket', paragraphId, ...anchorRange(text, from, to), holders: [rng.pick(holders)] };
            pending.push(sendCommand(server, id, chairs[0]!.token, command));
          } else if ((action === 'lift' || action === 'delete') && brackets.length > 0) {
            pending.push(sendCommand(server, id, chairs[1]!.token, { type: action === 'lift' ? 'lift-bracket' : 'delete-bracket', bracketId: rng.pick(brackets).id }));
          }
          if (rng.chance(0.3)) await new Promise((resolve) => setTimeout(resolve, rng.int(0, 15)));
        }
        const answers = (await Promise.all(pending)) as { status: number }[];
        // A decision that lost a race is refused with a reason (409 or 400), never a server error.
        for (const answer of answers) expect([200, 400, 409]).toContain(answer.status);
        const copies = [...typists, reader];
        await eventually(() => copies.every((copy) => Y.encodeStateVector(copy.doc).toString() === Y.encodeStateVector(reader.doc).toString()) && copies.every((copy) => JSON.stringify(view(copy.doc)) === JSON.stringify(view(reader.doc))), 10_000, 'every copy to converge');
        for (const paragraph of view(reader.doc).paragraphs) expect(malformed(paragraph.brackets ?? [], paragraph.text.length), paragraph.id).toBeNull();
      }

      const api = await getJson<NegotiationResponse>(server, `/api/negotiations/${id}`);
      const expected = view(reader.doc);
      expect(api.body.paragraphs.map((p) => ({ id: p.id, text: p.runs.map((r) => r.text).join(''), brackets: p.brackets }))).toEqual(expected.paragraphs);
      const exported = await (await fetch(`${server.url}/api/negotiations/${id}/export?format=txt&holders=1`, { headers: { authorization: `Bearer ${server.adminToken}` } })).text();
      expect(exported).toBe(expected.export);
      expect(getBrackets(reader.doc).size).toBeGreaterThan(0);

      for (const client of clients.splice(0)) client.destroy();
      const { dataDir, port } = server;
      await server.stop();
      server = await startServer({ dataDir, port });
      const late = join(id, observer.token);
      await late.synced;
      expect(view(late.doc)).toEqual(expected);
    } catch (error) {
      console.log(`bracket convergence failed: BRACKET_SEED=${seed}`);
      throw error;
    }
  }, 120_000);
});
