/**
 * How many client ids that nobody owns yet a connection, and an invitation over time, may take. Every
 * client id stays in the document's state vector forever, so an unbounded supply of them (structs under
 * thousands of fresh ids) would slow every later sync. An honest page takes one per page load.
 */

/** The limits on new client ids. */
export interface ClientIdLimits {
  /** New ids one connection may take (an honest page takes one). */
  perConnection: number;
  /** New ids one invitation may take per hour for document updates, over all its connections (a page that writes takes one). */
  perInvitationPerHour: number;
}

/** The defaults (the server reads its own from the environment). */
export const defaultClientIdLimits: ClientIdLimits = { perConnection: 4, perInvitationPerHour: 1_000 };

const hourMs = 3_600_000;

/** Counts new client ids per connection and per invitation within a room. */
export class ClientIdBudget {
  private readonly byConnection = new WeakMap<object, number>();
  private readonly byInvitation = new Map<string, { since: number; count: number }>();

  /** A budget under `limits`; `now` tells the time in ms. */
  constructor(
    private readonly limits: ClientIdLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `count` new ids for `connection` of `invitationId`; returns why it may not (taking nothing), or null. */
  take(connection: object, invitationId: string, count: number): string | null {
    if (count === 0) return null;
    const used = this.byConnection.get(connection) ?? 0;
    if (used + count > this.limits.perConnection) {
      return `a connection may write under at most ${this.limits.perConnection} new client ids (a page needs one)`;
    }
    const now = this.now();
    let window = this.byInvitation.get(invitationId);
    if (!window || now - window.since >= hourMs) window = { since: now, count: 0 };
    if (window.count + count > this.limits.perInvitationPerHour) {
      return `this invitation took ${window.count} new client ids in the last hour, the most allowed is ${this.limits.perInvitationPerHour}; try again later`;
    }
    this.byConnection.set(connection, used + count);
    this.byInvitation.set(invitationId, { since: window.since, count: window.count + count });
    return null;
  }
}
