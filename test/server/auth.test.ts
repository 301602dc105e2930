/**
 * Invitation tokens against a real server: a missing, expired, forged, foreign or revoked token is refused
 * with close code 4401 before any document byte is sent (and 401 over HTTP); revoking an invitation closes
 * its open connections within seconds; a delegation or observer token cannot manage invitations or the
 * delegation list.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { getParagraphText, readOrder } from '../../shared/model/negotiation-doc.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite, smallDraft, type Invitation } from '../helpers/api.ts';
import {
  connectRaw,
  ownPresenceOnly,
  type CloseInfo,
  type RawClient,
} from '../helpers/raw-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { connectClient, eventually, waitFor, type YClient } from '../helpers/yjs-client.ts';
import type * as Y from 'yjs';

let server: TestServer;
const cleanups = serverPerFile((started) => (server = started));

async function negotiation() {
  const { id } = await importDraft(server, smallDraft);
  await addDelegation(server, id, 'KEN', 'Kenya');
  const [facilitator, observer, ken] = await Promise.all([
    invite(server, id, { role: Role.facilitator }),
    invite(server, id, { role: Role.observer }),
    invite(server, id, { role: Role.delegation, delegation: 'KEN' }),
  ]);
  return { id, facilitator, observer, ken };
}

function honest(id: string, token: string): YClient {
  const client = connectClient(server, id, token);
  ownPresenceOnly(client.provider);
  cleanups.push(() => client.destroy());
  return client;
}

/** Connects without answering anything and resolves with the close and every message received before it. */
async function refusedConnection(id: string, token: string | undefined): Promise<{ close: CloseInfo; raw: RawClient }> {
  const raw = connectRaw(server, id, token, { answerStep1: false, follow: false });
  cleanups.push(() => raw.close());
  const close = await raw.waitForClose(3000);
  return { close, raw };
}

async function api(path: string, token: string | undefined, init: RequestInit = {}): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  await response.arrayBuffer();
  return response.status;
}

function firstText(doc: Y.Doc): Y.XmlText {
  return (getParagraphText(doc, readOrder(doc)[0] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A token with the same claims as `invitation`'s, signed with a key the server never had. */
async function signedWithAnotherKey(invitation: Invitation, negotiationId: string): Promise<string> {
  return new SignJWT({ neg: negotiationId })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('draftroom')
    .setJti(invitation.id)
    .setIssuedAt()
    .sign(new TextEncoder().encode('a-completely-different-signing-key-0123456789'));
}

/** The token with its signature altered (one character of the third part changed). */
function alteredSignature(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = (signature[5] === 'A' ? 'B' : 'A') + signature.slice(6);
  return `${header}.${payload}.${signature.slice(0, 5)}${flipped}`;
}

/** The token's payload re-encoded with `changes`, keeping the original signature. */
function tamperedPayload(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), ...changes } as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

function unsigned(token: string): string {
  const [, payload] = token.split('.') as [string, string];
  return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
}

describe('tokens refused before any document byte', () => {
  type Pair = [Awaited<ReturnType<typeof negotiation>>, Awaited<ReturnType<typeof negotiation>>];
  /** name, the token, and what the HTTP API answers for this negotiation and for /api/session. */
  type Case = [string, (...pair: Pair) => Promise<string | undefined> | string | undefined, number, number];
  const cases: Case[] = [
    ['no token at all', () => undefined, 401, 401],
    ['an empty token', () => '', 401, 401],
    ['a token that is not a JWT', () => 'not-a-token', 401, 401],
    ['a token with its signature altered', (n) => alteredSignature(n.facilitator.token), 401, 401],
    ['a token signed with another key', (n) => signedWithAnotherKey(n.facilitator, n.id), 401, 401],
    ['an unsigned token (alg none)', (n) => unsigned(n.facilitator.token), 401, 401],
    ['a token whose payload was edited (observer to facilitator invitation)', (n) => tamperedPayload(n.observer.token, { jti: n.facilitator.id }), 401, 401],
    ['a token for another negotiation', (_n, other) => other.facilitator.token, 401, 200],
    ['the admin token (it opens the API, not a websocket)', () => server.adminToken, 200, 401],
  ];

  it.each(cases)('%s: websocket closed 4401 with nothing sent', async (_name, make, negotiationStatus, sessionStatus) => {
    const n = await negotiation();
    const other = await negotiation();
    const token = await make(n, other);
    const { close, raw } = await refusedConnection(n.id, token);
    expect(close.code).toBe(CloseCode.unauthorized);
    expect(close.reason.length).toBeGreaterThan(0);
    expect(raw.messages).toEqual([]);
    expect(await api(`/api/negotiations/${n.id}`, token)).toBe(negotiationStatus);
    expect(await api(`/api/negotiations/${n.id}/delegations`, token)).toBe(negotiationStatus);
    expect(await api('/api/session', token)).toBe(sessionStatus);
  });

  it('the token in the query string is checked the same way over HTTP', async () => {
    const n = await negotiation();
    expect(await api(`/api/negotiations/${n.id}?token=${encodeURIComponent(alteredSignature(n.observer.token))}`, undefined)).toBe(401);
    expect(await api(`/api/negotiations/${n.id}?token=${encodeURIComponent(n.observer.token)}`, undefined)).toBe(200);
  });

  it('an expired token: accepted before expiry, then 4401 with nothing sent and HTTP 401', async () => {
    const n = await negotiation();
    const response = await fetch(`${server.url}/api/negotiations/${n.id}/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'observer', expiresInHours: 0.0003 }),
    });
    expect(response.status).toBe(201);
    const { token } = (await response.json()) as { token: string };
    expect(await api(`/api/negotiations/${n.id}`, token)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { close, raw } = await refusedConnection(n.id, token);
    expect(close).toEqual({ code: CloseCode.unauthorized, reason: expect.stringMatching(/expired/i) });
    expect(raw.messages).toEqual([]);
    expect(await api(`/api/negotiations/${n.id}`, token)).toBe(401);
  });

  it('a connection open when its invitation expires is closed with 4401', async () => {
    const n = await negotiation();
    const response = await fetch(`${server.url}/api/negotiations/${n.id}/invitations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'observer', expiresInHours: 0.0005 }),
    });
    const { token } = (await response.json()) as { token: string };
    const expiring = honest(n.id, token);
    await expiring.synced;
    expect(expiring.closes).toEqual([]);
    await eventually(() => expiring.closes.some((c) => c.code === CloseCode.unauthorized), 6000, 'the close at expiry');
    expect(expiring.closes[0]?.reason).toMatch(/expired/i);
  });

  it('a revoked invitation: 4401 with nothing sent, HTTP 401, and the other invitations still work', async () => {
    const n = await negotiation();
    expect(await api(`/api/negotiations/${n.id}/invitations/${n.ken.id}`, server.adminToken, { method: 'DELETE' })).toBe(200);
    const { close, raw } = await refusedConnection(n.id, n.ken.token);
    expect(close).toEqual({ code: CloseCode.unauthorized, reason: expect.stringMatching(/revoked/i) });
    expect(raw.messages).toEqual([]);
    expect(await api(`/api/negotiations/${n.id}`, n.ken.token)).toBe(401);
    const still = honest(n.id, n.observer.token);
    await still.synced;
  });

  it('a token for a negotiation that does not exist is refused the same way', async () => {
    const n = await negotiation();
    const { close, raw } = await refusedConnection('nnosuchnegotiation', n.facilitator.token);
    expect(close.code).toBe(CloseCode.unauthorized);
    expect(raw.messages).toEqual([]);
  });
});

describe('revoking an invitation closes its open connections', () => {
  it('within 3 s, with 4401, and leaves the other connections syncing', async () => {
    const n = await negotiation();
    const writer = honest(n.id, n.facilitator.token);
    const reader = honest(n.id, n.observer.token);
    const kenPage = honest(n.id, n.ken.token);
    const kenRaw = connectRaw(server, n.id, n.ken.token);
    cleanups.push(() => kenRaw.close());
    await Promise.all([writer.synced, reader.synced, kenPage.synced, kenRaw.handshake()]);
    const started = Date.now();
    const response = await fetch(`${server.url}/api/negotiations/${n.id}/invitations/${n.ken.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${n.facilitator.token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: true, closedConnections: 2 });
    const close = await kenRaw.waitForClose(3000);
    expect(close).toEqual({ code: CloseCode.unauthorized, reason: expect.stringMatching(/revoked/i) });
    await eventually(() => kenPage.closes.some((c) => c.code === CloseCode.unauthorized), 3000, 'the page to be closed with 4401');
    expect(Date.now() - started).toBeLessThan(3000);
    // The revoked page keeps being refused when it reconnects; the others never noticed.
    kenPage.destroy();
    firstText(writer.doc).insert(0, 'After the revocation. ');
    await waitFor(reader.doc, () => firstText(reader.doc).toString().startsWith('After the revocation.'), 5000, 'the reader');
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
  });

  it('removing a delegation from the list revokes its invitations and closes its connections', async () => {
    const n = await negotiation();
    const kenRaw = connectRaw(server, n.id, n.ken.token);
    cleanups.push(() => kenRaw.close());
    await kenRaw.handshake();
    expect(await api(`/api/negotiations/${n.id}/delegations/KEN`, n.facilitator.token, { method: 'DELETE' })).toBe(200);
    expect((await kenRaw.waitForClose(3000)).code).toBe(CloseCode.unauthorized);
    expect((await refusedConnection(n.id, n.ken.token)).close.code).toBe(CloseCode.unauthorized);
  });
});

describe('managing invitations and delegations over HTTP', () => {
  it.each([
    ['delegation', (n: Awaited<ReturnType<typeof negotiation>>) => n.ken.token],
    ['observer', (n: Awaited<ReturnType<typeof negotiation>>) => n.observer.token],
  ])('a %s token gets 403 for every management call', async (_role, tokenOf) => {
    const n = await negotiation();
    const token = tokenOf(n);
    const base = `/api/negotiations/${n.id}`;
    expect(await api(`${base}/invitations`, token, { method: 'POST', body: JSON.stringify({ role: 'facilitator' }) })).toBe(403);
    expect(await api(`${base}/invitations`, token, { method: 'POST', body: JSON.stringify({ role: 'delegation', delegation: 'KEN' }) })).toBe(403);
    expect(await api(`${base}/invitations`, token)).toBe(403);
    expect(await api(`${base}/invitations/${n.facilitator.id}`, token, { method: 'DELETE' })).toBe(403);
    expect(await api(`${base}/delegations/EU`, token, { method: 'PUT', body: JSON.stringify({ name: 'European Union' }) })).toBe(403);
    expect(await api(`${base}/delegations/KEN`, token, { method: 'PUT', body: JSON.stringify({ name: 'Renamed' }) })).toBe(403);
    expect(await api(`${base}/delegations/KEN`, token, { method: 'DELETE' })).toBe(403);
    // Nothing changed: the facilitator's invitation still works and KEN is still on the list.
    expect(await api(base, n.facilitator.token)).toBe(200);
    const list = await fetch(`${server.url}${base}/delegations`, { headers: { authorization: `Bearer ${token}` } });
    expect(await list.json()).toEqual([{ code: 'KEN', name: 'Kenya' }]);
  });

  it('a facilitator token may manage them (the positive control)', async () => {
    const n = await negotiation();
    const base = `/api/negotiations/${n.id}`;
    expect(await api(`${base}/invitations`, n.facilitator.token, { method: 'POST', body: JSON.stringify({ role: 'observer' }) })).toBe(201);
    expect(await api(`${base}/delegations/EU`, n.facilitator.token, { method: 'PUT', body: JSON.stringify({ name: 'European Union' }) })).toBe(200);
  });

  it('a facilitator of one negotiation cannot revoke another negotiation\'s invitation', async () => {
    const n = await negotiation();
    const other = await negotiation();
    expect(await api(`/api/negotiations/${n.id}/invitations/${other.facilitator.id}`, n.facilitator.token, { method: 'DELETE' })).toBe(404);
    expect(await api(`/api/negotiations/${other.id}/invitations/${other.facilitator.id}`, n.facilitator.token, { method: 'DELETE' })).toBe(401);
    expect(await api(`/api/negotiations/${other.id}`, other.facilitator.token)).toBe(200);
  });
});
