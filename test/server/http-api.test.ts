/**
 * The HTTP API through a real server: importing (and refusing bad imports), reading, exporting, and
 * unloading rooms nobody is in.
 */
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NegotiationResponse } from '../../shared/protocol/api.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { getJson, importDraft, invite, smallDraft } from '../helpers/api.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, eventually } from '../helpers/yjs-client.ts';

const fixture = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);
let server: TestServer;
serverPerFile((started) => (server = started), { env: { DRAFTROOM_MAX_IMPORT_BYTES: '200000' } });

async function post(body: BodyInit, headers: Record<string, string> = {}): Promise<{ status: number; body: { error?: string } }> {
  const response = await fetch(`${server.url}/api/negotiations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'text/plain', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

describe('import over HTTP', () => {
  it.skipIf(!existsSync(fixture))('imports the IMRF zero draft: 57 paragraphs, 7 headings, numbered, annotated', async () => {
    const created = await importDraft(server, readFileSync(fixture, 'utf8'));
    expect(created).toMatchObject({ title: 'International Migration Review Forum Progress Declaration', paragraphs: 57, headings: 7 });
    expect(created.url).toMatch(new RegExp(`/n/${created.id}\\?token=`));
    const { status, body } = await getJson<NegotiationResponse>(server, `/api/negotiations/${created.id}`);
    expect(status).toBe(200);
    expect(body.titleBlock).toEqual(['Zero draft', '17 March 2022']);
    const numbered = body.paragraphs.filter((p) => p.kind === 'paragraph');
    expect(numbered.map((p) => p.number)).toEqual(Array.from({ length: 57 }, (_, i) => String(i + 1)));
    expect(numbered[2]?.source).toBe('73/326, pp4');
    expect(new Set(body.paragraphs.map((p) => p.id)).size).toBe(64);
    expect(body.paragraphs.flatMap((p) => p.footnotes).map((f) => f.marker)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('refuses an empty, binary, non-UTF-8, mistyped or oversized upload with a 4xx that says what is wrong', async () => {
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/empty/i);
    const zip = await post(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 0x9c, 0x12]));
    expect(zip.status).toBe(400);
    expect(zip.body.error).toMatch(/plain text|UTF-8|binary/i);
    const latin1 = await post(new Uint8Array([0x4e, 0x6f, 0x20, 0xe9, 0x74, 0xe9, 0x0a]));
    expect(latin1.status).toBe(400);
    expect(latin1.body.error).toMatch(/UTF-8/);
    const json = await post('{"a":1}', { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(json.body.error).toMatch(/text\/plain/);
    const huge = await post('1. ' + 'words '.repeat(50_000));
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatch(/larger than/);
    const list = await getJson<unknown[]>(server, '/api/negotiations');
    expect(list.body.length).toBeLessThanOrEqual(1); // only the fixture import (if present) was stored
  });

  it('refuses the API without the admin token', async () => {
    const response = await fetch(`${server.url}/api/negotiations`, { method: 'POST', body: smallDraft, headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/admin token/);
  });
});

describe('reading and exporting', () => {
  it('answers the negotiation as JSON and the text in the conventional plain form', async () => {
    const created = await importDraft(server, smallDraft);
    const observer = await invite(server, created.id, { role: Role.observer });
    const asObserver = await getJson<NegotiationResponse>(server, `/api/negotiations/${created.id}`, observer.token);
    expect(asObserver.status).toBe(200);
    expect(asObserver.body.paragraphs.map((p) => [p.kind, p.number])).toEqual([
      ['paragraph', '1'], ['heading', null], ['paragraph', '2'], ['paragraph', '3'], ['paragraph', '4'],
    ]);
    const exported = await fetch(`${server.url}/api/negotiations/${created.id}/export?format=txt`, { headers: { authorization: `Bearer ${observer.token}` } });
    expect(exported.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await exported.text();
    expect(text).toContain('Test Declaration on Cooperation\nZero draft\n');
    expect(text).toContain('1. We, the representatives of States, meet to agree on cooperation. *[based on test report, para 1]*');
    expect(text).toContain('\n\nCommitments\n\n2. We commit to sharing data on a voluntary basis.¹');
    expect(text.trimEnd().endsWith('¹ As defined in the test guidelines.')).toBe(true);
    const reimported = await importDraft(server, text);
    const again = await getJson<NegotiationResponse>(server, `/api/negotiations/${reimported.id}`);
    const strip = (r: NegotiationResponse) => r.paragraphs.map(({ kind, runs, source, footnotes, number }) => ({ kind, runs, source, footnotes, number }));
    expect(strip(again.body)).toEqual(strip(asObserver.body));
  });

  it('answers 404 for an unknown negotiation and 400 for an unknown export format', async () => {
    const missing = await getJson<{ error: string }>(server, '/api/negotiations/nope');
    expect(missing.status).toBe(404);
    const created = await importDraft(server, smallDraft);
    const odd = await getJson<{ error: string }>(server, `/api/negotiations/${created.id}/export?format=pdf`);
    expect(odd.status).toBe(400);
    expect(odd.body.error).toMatch(/Unknown export format "pdf"/);
  });
});

describe('rooms in memory', () => {
  it('unloads a room once nobody is in it', async () => {
    const created = await importDraft(server, smallDraft);
    const facilitator = await invite(server, created.id, { role: Role.facilitator });
    const health = async () => (await getJson<{ roomsLoaded: number; connections: number }>(server, '/api/health')).body;
    await eventually(async () => (await health()).roomsLoaded === 0, 5000, 'no room loaded at first');
    const client = connectClient(server, created.id, facilitator.token);
    await client.synced;
    expect(await health()).toMatchObject({ roomsLoaded: 1, connections: 1 });
    client.destroy();
    await eventually(async () => (await health()).roomsLoaded === 0, 5000, 'the room to unload');
  });
});
