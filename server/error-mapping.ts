/**
 * The one place where errors become HTTP statuses and websocket close codes.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DraftroomError, ErrorKind } from '../shared/errors.ts';
import { CloseCode } from '../shared/protocol/close-codes.ts';
import type { ErrorResponse } from '../shared/protocol/api.ts';

const statusByKind: Record<ErrorKind, ContentfulStatusCode> = {
  [ErrorKind.invalidInput]: 400,
  [ErrorKind.unauthorized]: 401,
  [ErrorKind.forbidden]: 403,
  [ErrorKind.notFound]: 404,
  [ErrorKind.conflict]: 409,
  [ErrorKind.outdated]: 426,
  [ErrorKind.tooLarge]: 413,
  [ErrorKind.rateLimited]: 429,
  [ErrorKind.unavailable]: 503,
};

const closeCodeByKind: Record<ErrorKind, number> = {
  [ErrorKind.invalidInput]: CloseCode.malformed,
  [ErrorKind.unauthorized]: CloseCode.unauthorized,
  [ErrorKind.forbidden]: CloseCode.forbidden,
  [ErrorKind.notFound]: CloseCode.notFound,
  [ErrorKind.conflict]: CloseCode.forbidden,
  [ErrorKind.outdated]: CloseCode.outdated,
  [ErrorKind.tooLarge]: CloseCode.tooLarge,
  [ErrorKind.rateLimited]: CloseCode.rateLimited,
  [ErrorKind.unavailable]: CloseCode.unavailable,
};

/** The HTTP status and JSON body for an error; unexpected errors are 500 with a generic message. */
export function httpErrorFor(error: unknown): { status: ContentfulStatusCode; body: ErrorResponse } {
  if (error instanceof DraftroomError) return { status: statusByKind[error.kind], body: { error: error.message, kind: error.kind } };
  return { status: 500, body: { error: 'The server failed to answer this request. It has been logged.', kind: 'server-error' } };
}

/** The close code and reason for an error; reasons are cut to the 123 bytes a close frame allows. */
export function closeFor(error: unknown): { code: number; reason: string } {
  if (error instanceof DraftroomError) return { code: closeCodeByKind[error.kind], reason: truncateReason(error.message) };
  return { code: CloseCode.serverError, reason: 'The server failed; reconnecting.' };
}

/** True for errors that are the server's fault (to be logged), false for a client's bad input. */
export function isServerFault(error: unknown): boolean {
  return !(error instanceof DraftroomError);
}

function truncateReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.length <= 123) return reason;
  let cut = reason.slice(0, 120);
  while (new TextEncoder().encode(cut + '…').length > 123) cut = cut.slice(0, -1);
  return cut + '…';
}
