/**
 * Sending decisions: the page posts each command (shared/protocol/commands.ts) to the same route scripts
 * use. A refusal rejects with an ApiError carrying the server's sentence (403 role, 409 the text changed
 * meanwhile, 400 malformed); the websocket is not involved.
 */
import type { ActivityPage } from '../../shared/protocol/activity.ts';
import type { Command, CommandAnswer } from '../../shared/protocol/commands.ts';
import { bearer, call } from './http-api.ts';

/** Posts `command` to negotiation `negotiationId` as `token`; resolves with the ids the change created. */
export async function sendCommand(negotiationId: string, token: string, command: Command): Promise<Record<string, string>> {
  const answer = await call<CommandAnswer>(`/api/negotiations/${encodeURIComponent(negotiationId)}/commands`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(command),
  });
  return answer.result;
}

/** A page of activity, newest first: of one paragraph when `paragraphId` is given, older than entry `before` when given. */
export function fetchActivity(negotiationId: string, token: string, query: { paragraphId?: string; before?: number; limit?: number } = {}): Promise<ActivityPage> {
  const params = new URLSearchParams();
  if (query.paragraphId) params.set('paragraph', query.paragraphId);
  if (query.before !== undefined) params.set('before', String(query.before));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const search = params.toString();
  return call<ActivityPage>(`/api/negotiations/${encodeURIComponent(negotiationId)}/activity${search ? `?${search}` : ''}`, { headers: bearer(token) });
}
