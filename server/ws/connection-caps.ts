/**
 * Caps on open websockets: in total, and per invitation link (a shared link opened in a thousand places
 * must not hold the server's memory). A socket counts from the moment it is admitted until it is gone.
 */
import { UnavailableError } from '../../shared/errors.ts';

/** The caps. */
export interface ConnectionCapLimits {
  /** Open websockets in the whole process. */
  maxConnections: number;
  /** Open websockets of one invitation link. */
  maxConnectionsPerInvitation: number;
}

/** Counts open websockets per invitation and in total. */
export class ConnectionCaps {
  private readonly perInvitation = new Map<string, number>();
  private open = 0;

  /** Caps enforcing `limits`. */
  constructor(private readonly limits: ConnectionCapLimits) {}

  /**
   * Counts one more socket of `invitationId`; throws UnavailableError (4503) over a cap. Returns the
   * function to call once the socket is gone (calling it again does nothing).
   */
  admit(invitationId: string): () => void {
    const mine = this.perInvitation.get(invitationId) ?? 0;
    if (mine >= this.limits.maxConnectionsPerInvitation) {
      throw new UnavailableError(
        `This link is already open in ${mine} places, its limit; close it elsewhere or ask the facilitators for a link of your own`,
      );
    }
    if (this.open >= this.limits.maxConnections) {
      throw new UnavailableError(`The server is at its limit of ${this.limits.maxConnections} connections`);
    }
    this.perInvitation.set(invitationId, mine + 1);
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      const left = (this.perInvitation.get(invitationId) ?? 1) - 1;
      if (left > 0) this.perInvitation.set(invitationId, left);
      else this.perInvitation.delete(invitationId);
    };
  }

  /** Open websockets right now. */
  get total(): number {
    return this.open;
  }
}
