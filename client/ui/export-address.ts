/**
 * Where the page downloads an export of the negotiation (GET /api/negotiations/:id/export): the format, its
 * options and the page's invitation token, which a plain link cannot send as a header.
 */
import type { ExportFormat } from '../../shared/protocol/api.ts';

/** The address of `negotiationId`'s export in `format`, with `options` (flags set to 1) and `token` when there is one. */
export function exportAddress(negotiationId: string, format: ExportFormat, token: string | null, options: readonly string[] = []): string {
  const query = new URLSearchParams({ format });
  for (const option of options) query.set(option, '1');
  if (token) query.set('token', token);
  return `/api/negotiations/${encodeURIComponent(negotiationId)}/export?${query.toString()}`;
}
