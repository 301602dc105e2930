/**
 * The HTTP edge against hostile addresses, through a real server (issue 6, class 11): an id with a line
 * break or a quote in an /api address is a 400 that says so (it used to reach a header and answer 500,
 * and to forge a line of the server's log); fault lines escape what the client wrote; and every response,
 * page, asset and API, success or error, carries the security headers.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Role } from '../../shared/protocol/presence.ts';
import { createFaultLogger, escapeForLog } from '../../server/fault-log.ts';
import { importDraft, invite, smallDraft } from '../helpers/api.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';

let server: TestServer;
serverPerFile((started) => (server = started), { env: { DRAFTROOM_MAX_IMPORT_BYTES: '2048' } });

async function call(path: string, init: RequestInit = {}, token: string | null = server.adminToken): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

describe('ids in /api addresses', () => {
  it('answers 400 saying what is wrong for a line break, a quote or a space in any id, never 500', async () => {
    const { id } = await importDraft(server, smallDraft);
    const { id: invitationId } = await invite(server, id, { role: Role.observer });
    const cases: [string, string][] = [
      ['GET', '/api/negotiations/x%0Ay/export?format=txt'],
      ['GET', '/api/negotiations/x%0D%0Ay'],
      ['GET', `/api/negotiations/${id}%22/export`],
      ['GET', '/api/negotiations/a%20b/delegations'],
      ['DELETE', `/api/negotiations/${id}/delegations/KEN%0A`],
      ['PUT', `/api/negotiations/${id}/delegations/K%22EN`],
      ['DELETE', `/api/negotiations/${id}/invitations/${invitationId}%0A`],
      ['POST', '/api/negotiations/%E2%80%A8/invitations'],
    ];
    for (const [method, path] of cases) {
      const response = await call(path, { method, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
      const body = (await response.json()) as { error: string; kind: string };
      expect({ path, status: response.status, kind: body.kind }).toEqual({ path, status: 400, kind: 'invalid-input' });
      expect(body.error).toMatch(/is not a valid id: ids are letters, digits/);
    }
    // A well-formed id that does not exist is still a 404, and the real one still exports.
    expect((await call('/api/negotiations/n0000000000/export')).status).toBe(404);
    expect((await call(`/api/negotiations/${id}/export?format=txt`)).status).toBe(200);
  });

  it('never lets an address write a line of its own into the server log', async () => {
    const forged = encodeURIComponent('x\n[draftroom] forged by a client\n');
    const response = await call(`/api/negotiations/${forged}/export`);
    expect(response.status).toBe(400);
    expect(server.output().split('\n').filter((line) => line.startsWith('[draftroom] forged'))).toEqual([]);
  });
});

describe('fault lines', () => {
  it('escape control characters in the message and the error, one line per fault plus code locations', () => {
    const lines: string[] = [];
    const log = createFaultLogger((line) => lines.push(line));
    log('GET /api/negotiations/a\n[draftroom] forged/export failed', new TypeError('bad header "a\r\nb\u2028c"'));
    const [first, ...rest] = lines.join('\n').split('\n');
    expect(first).toBe(String.raw`[draftroom] GET /api/negotiations/a\n[draftroom] forged/export failed: TypeError: bad header "a\r\nb\u2028c"`);
    for (const line of rest) expect(line).toMatch(/^\s+at /);
    expect(escapeForLog('tab\there\u0000')).toBe(String.raw`tab\there\u0000`);
  });
});

describe('security headers', () => {
  it('are on every response: the page, its assets, the API, and errors', async () => {
    const { id } = await importDraft(server, smallDraft);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(resolve(import.meta.dirname, '../../dist/client/index.html'), 'utf8'))?.[1];
    const responses: [string, Response][] = [
      ['page /', await call('/', {}, null)],
      ['page /n/:id', await call(`/n/${id}?token=x`, {}, null)],
      ['asset', await call(asset ?? '/assets/missing.js', {}, null)],
      ['API 200', await call('/api/health', {}, null)],
      ['API 401', await call('/api/negotiations', {}, null)],
      ['API 404', await call('/api/nothing-here')],
      ['API 400', await call('/api/negotiations/a%0Ab')],
      ['API 413', await call('/api/negotiations', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(4096) })],
    ];
    for (const [what, response] of responses) {
      await response.arrayBuffer();
      const headers = Object.fromEntries(['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy'].map((h) => [h, response.headers.get(h)]));
      expect({ what, ...headers }).toEqual({
        what,
        'content-security-policy': expect.stringMatching(/frame-ancestors 'none'/),
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      const policy = headers['content-security-policy'] as string;
      expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} wss://127.0.0.1:${server.port}`);
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("object-src 'none'");
    }
    expect(responses.map(([, r]) => r.status)).toEqual([200, 200, asset ? 200 : 404, 200, 401, 404, 400, 413]);
  });

  it('never copy an odd Host header into the policy', async () => {
    const { request } = await import('node:http');
    const policy = await new Promise<string>((done, fail) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/health', headers: { host: "evil; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        done(String(res.headers['content-security-policy'] ?? ''));
      });
      req.on('error', fail);
      req.end();
    });
    expect(policy).not.toContain('evil');
  });
});
