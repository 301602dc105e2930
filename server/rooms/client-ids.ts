/**
 * Who may use each client id in a room. An id belongs to an invitation: stored once the invitation wrote
 * under it, or remembered in memory when it first appeared in that invitation's presence; and one live
 * connection holds it at a time. Content under an id nobody owns is the server's.
 */
import * as Y from 'yjs';
import { ForbiddenError } from '../../shared/errors.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { ClientIdBudget, type ClientIdLimits } from './client-id-budget.ts';

/** What the ledger needs of a connection. */
export interface IdHolder {
  readonly identity: { readonly invitationId: string };
  /** When the server last heard from its socket, ms since the epoch. */
  readonly lastHeardAt: number;
  /** Closes the connection with a code and a reason for the person. */
  close(code: number, reason: string): void;
}

/** How many presence-only client ids a room remembers the invitation of. */
const maxPresenceOwners = 50_000;

/** The client ids of one room: owners, holders, presence ids and the budget of new ids. */
export class ClientIds {
  /** The live connection using each client id (a reconnect of the same invitation takes it over). */
  private readonly holders = new Map<number, IdHolder>();
  private readonly awarenessIds = new Map<IdHolder, number>();
  /** Client ids first seen in presence, by invitation (in memory only; the oldest forgotten past a cap). */
  private readonly presenceOwners = new Map<number, string>();
  private readonly budget: ClientIdBudget;

  /**
   * The ledger of `doc`'s ids: `owners` (client id -> invitation id, as stored) is updated in place as ids are
   * claimed; `limits` bound new ids; a holder silent for `silentHolderMs` may be replaced by its invitation.
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly owners: Map<number, string>,
    limits: ClientIdLimits,
    private readonly silentHolderMs: number,
  ) {
    this.budget = new ClientIdBudget(limits);
  }

  /**
   * True when `connection` may write (or publish presence) under `clientId`: its invitation owns the id, or
   * nobody does and the document has nothing under it (content without an owner is the server's).
   */
  mayUse(connection: IdHolder, clientId: number): boolean {
    // Presence announces a page's id before it writes: another invitation may not take it meanwhile.
    const holder = this.holders.get(clientId);
    if (holder && holder !== connection && holder.identity.invitationId !== connection.identity.invitationId) return false;
    const owner = this.owners.get(clientId) ?? this.presenceOwners.get(clientId);
    if (owner !== undefined) return owner === connection.identity.invitationId;
    return clientId !== this.doc.clientID && Y.getState(this.doc.store, clientId) === 0;
  }

  /**
   * Gives client ids to `connection` for its document updates (call only after mayUse allowed each): a new id
   * becomes its invitation's. An id another connection of the same invitation holds is taken over only from a
   * connection silent for a while (a page that reconnected before the server noticed its old socket had gone),
   * which is then closed; from a live one it is refused, so a colleague on a shared link cannot push anyone
   * out. New ids count against the connection's and the invitation's budget (ForbiddenError past it). Returns
   * the ids that got an owner, to be stored.
   */
  claim(connection: IdHolder, clientIds: Iterable<number>): number[] {
    const ids = [...clientIds];
    // Everything that may refuse comes first: a refused update leaves no id half claimed or budget spent.
    for (const clientId of ids) {
      const holder = this.holders.get(clientId);
      if (holder && holder !== connection && Date.now() - holder.lastHeardAt < this.silentHolderMs) {
        throw new ForbiddenError(`client ${clientId} is in use by another open page of this invitation`);
      }
    }
    const fresh = ids.filter((clientId) => !this.owners.has(clientId));
    const refusal = this.budget.take(connection, connection.identity.invitationId, fresh.length);
    if (refusal) throw new ForbiddenError(refusal);
    for (const clientId of ids) {
      const holder = this.holders.get(clientId);
      if (holder && holder !== connection) holder.close(CloseCode.goingAway, 'This page connected again; this older connection is closed.');
      this.holders.set(clientId, connection);
    }
    for (const clientId of fresh) this.owners.set(clientId, connection.identity.invitationId);
    return fresh;
  }

  /**
   * Makes `clientId` the awareness id of `connection`, held by it while it is connected. Returns false, taking
   * nothing, while another connection holds the id: presence alone never takes an id over (a shared link's
   * holder stays connected).
   */
  holdForPresence(connection: IdHolder, clientId: number): boolean {
    const holder = this.holders.get(clientId);
    if (holder !== undefined && holder !== connection) return false;
    // Presence costs the document nothing: it takes no budget and nothing is stored. The id stays its
    // invitation's while the room is loaded, so nobody else can take it while its page reconnects.
    this.awarenessIds.set(connection, clientId);
    this.holders.set(clientId, connection);
    if (!this.owners.has(clientId) && !this.presenceOwners.has(clientId)) {
      if (this.presenceOwners.size >= maxPresenceOwners) this.presenceOwners.delete(this.presenceOwners.keys().next().value as number);
      this.presenceOwners.set(clientId, connection.identity.invitationId);
    }
    return true;
  }

  /** The awareness id a connection has published under, if any. */
  awarenessIdOf(connection: IdHolder): number | undefined {
    return this.awarenessIds.get(connection);
  }

  /** Lets go of every id `connection` holds (it left); returns its awareness id, if any. Owners stay (a reconnect). */
  release(connection: IdHolder): number | undefined {
    const awarenessId = this.awarenessIds.get(connection);
    this.awarenessIds.delete(connection);
    for (const [clientId, holder] of this.holders) if (holder === connection) this.holders.delete(clientId);
    return awarenessId;
  }
}
