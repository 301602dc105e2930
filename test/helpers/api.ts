/**
 * Calls to the HTTP API that tests repeat: import a draft, invite people, add delegations.
 */
import type { CreatedNegotiation } from '../../shared/protocol/api.ts';
import type { Role } from '../../shared/protocol/presence.ts';
import type { TestServer } from './server.ts';

/** An invitation as the API answers it. */
export interface Invitation {
  id: string;
  token: string;
  url: string;
  role: Role;
  delegation: string | null;
}

/** Imports `text` as a new negotiation with the admin token; throws with the answer when it is not 201. */
export async function importDraft(server: TestServer, text: string): Promise<CreatedNegotiation> {
  const response = await fetch(`${server.url}/api/negotiations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'text/plain; charset=utf-8' },
    body: text,
  });
  if (response.status !== 201) throw new Error(`import answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as CreatedNegotiation;
}

/** Creates an invitation with the admin token. */
export async function invite(server: TestServer, negotiationId: string, body: { role: Role; delegation?: string; label?: string }): Promise<Invitation> {
  const response = await fetch(`${server.url}/api/negotiations/${negotiationId}/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`invite answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Invitation;
}

/** Adds (or renames) a delegation with the admin token. */
export async function addDelegation(server: TestServer, negotiationId: string, code: string, name: string): Promise<void> {
  const response = await fetch(`${server.url}/api/negotiations/${negotiationId}/delegations/${code}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`adding ${code} answered ${response.status}: ${await response.text()}`);
}

/** GET with the admin token, parsed as JSON. */
export async function getJson<T>(server: TestServer, path: string, token = server.adminToken): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

/** A small zero draft for tests: title block, a heading, four numbered paragraphs, a source, a footnote. */
export const smallDraft = `Test Declaration on Cooperation
Zero draft

1. We, the representatives of States, meet to agree on cooperation. *[based on test report, para 1]*

Commitments

2. We commit to sharing data on a voluntary basis.¹

3. We will strengthen capacity building in developing countries.

4. We request the Secretary-General to report on progress. *[standard language]*

¹ As defined in the test guidelines.
`;

/** Posts a command with `token` (an invitation's or the admin's); the status and parsed answer. */
export async function sendCommand(server: TestServer, negotiationId: string, token: string, command: unknown): Promise<{ status: number; body: { ok?: true; result?: Record<string, string>; error?: string; kind?: string } }> {
  const response = await fetch(`${server.url}/api/negotiations/${negotiationId}/commands`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof command === 'string' ? command : JSON.stringify(command),
  });
  return { status: response.status, body: (await response.json()) as { ok?: true; result?: Record<string, string>; error?: string; kind?: string } };
}
