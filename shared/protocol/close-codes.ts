/**
 * Websocket close codes the server uses, with what each tells the person. 1xxx are the standard codes;
 * 44xx mirror the HTTP statuses of the same meaning.
 */

/** Close codes sent by the server. */
export const CloseCode = {
  /** A binary message that is not a valid y-protocols message, or a text frame. */
  malformed: 4400,
  /** No, expired, forged or revoked invitation token. */
  unauthorized: 4401,
  /** An update outside the sender's role (observer editing, delegation touching another's proposal...). */
  forbidden: 4403,
  /** The negotiation does not exist. */
  notFound: 4404,
  /** The page speaks another protocol or schema version: it must reload (never reconnects as it is). */
  outdated: 4426,
  /** The sender sent more than a rate limit allows, or did not read what it was sent. */
  rateLimited: 4429,
  /** The server or this invitation link is at a capacity limit (connections, memory); the page retries. */
  unavailable: 4503,
  /** A message over the size limit. */
  tooLarge: 1009,
  /** The server failed; the client may reconnect. */
  serverError: 1011,
  /** The server is shutting down; the client may reconnect. */
  goingAway: 1001,
} as const;

/** One of the values of CloseCode. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close codes after which reconnecting with the same token cannot succeed. */
export const finalCloseCodes: ReadonlySet<number> = new Set([CloseCode.unauthorized, CloseCode.notFound, CloseCode.outdated]);

/** Close codes after which the client must drop its local copy and reload the true state. */
export const resyncCloseCodes: ReadonlySet<number> = new Set([
  CloseCode.forbidden,
  CloseCode.malformed,
  CloseCode.tooLarge,
]);

/** A sentence for the person, for a close code and the server's reason. */
export function describeClose(code: number, serverReason: string): string {
  const reason = serverReason.trim().replace(/[.…]+$/, '');
  switch (code) {
    case CloseCode.unauthorized:
      return `${reason || 'Your invitation link is not valid'}. Ask the facilitators for a new link.`;
    case CloseCode.forbidden:
      return `The server refused your last change: ${reason || 'not allowed for your role'}. The page now shows the true text.`;
    case CloseCode.notFound:
      return `This negotiation does not exist (${reason}).`;
    case CloseCode.outdated:
      return 'Draftroom was updated on the server. Reload this page to continue (nothing you saved is lost).';
    case CloseCode.tooLarge:
      return `Your last change was too large for the server (${reason}). The page now shows the true text.`;
    case CloseCode.rateLimited:
      return `Too many messages in a short time (${reason}). Reconnecting.`;
    case CloseCode.unavailable:
      return `${reason || 'The server is busy'}. Trying again in a moment…`;
    case CloseCode.malformed:
      return `The server could not read a message from this page (${reason}). Reloading the true state.`;
    default:
      return reason ? `Connection closed: ${reason}` : 'Connection lost. Reconnecting…';
  }
}
