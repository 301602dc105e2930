/**
 * The links that work (or worked and expired), grouped as a secretariat officer thinks of them:
 * facilitators, then each delegation by name, then observers.
 */
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { InvitationInfo } from '../../../shared/protocol/api.ts';
import type { PeopleClient } from '../../sync/people-api.ts';
import { delegationName, linkAudience } from './format.ts';
import { InvitationItem } from './invitation-item.tsx';

/** Props: the links (null while loading), the live delegations, this page's invitation id, the API, what follows a revoke. */
export interface InvitationListProps {
  invitations: readonly InvitationInfo[] | null;
  delegations: readonly Delegation[];
  ownInvitationId: string | null;
  api: PeopleClient;
  onRevoked: (invitationId: string) => void;
}

/** One heading and its links. */
export interface LinkGroup {
  key: string;
  heading: string;
  code: string | null;
  items: InvitationInfo[];
}

/** The links in groups: facilitators, delegations by name (codes the list no longer has last), observers; empty groups left out. */
export function groupLinks(invitations: readonly InvitationInfo[], delegations: readonly Delegation[]): LinkGroup[] {
  const facilitators: LinkGroup = { key: 'facilitator', heading: 'Facilitators and secretariat', code: null, items: [] };
  const observers: LinkGroup = { key: 'observer', heading: 'Observers', code: null, items: [] };
  const byCode = new Map<string, LinkGroup>();
  for (const invitation of invitations) {
    if (invitation.role === 'facilitator') facilitators.items.push(invitation);
    else if (invitation.role === 'observer') observers.items.push(invitation);
    else {
      const code = invitation.delegation ?? '?';
      let group = byCode.get(code);
      if (!group) byCode.set(code, (group = { key: `delegation:${code}`, heading: delegationName(code, delegations), code, items: [] }));
      group.items.push(invitation);
    }
  }
  const rank = new Map(delegations.map((d, index) => [d.code, index]));
  const delegationGroups = [...byCode.values()].sort(
    (a, b) => (rank.get(a.code ?? '') ?? Infinity) - (rank.get(b.code ?? '') ?? Infinity) || a.heading.localeCompare(b.heading),
  );
  return [facilitators, ...delegationGroups, observers].filter((group) => group.items.length > 0);
}

/** The grouped list. */
export function InvitationList({ invitations, delegations, ownInvitationId, api, onRevoked }: InvitationListProps) {
  if (invitations === null) return <p className="people-empty">Loading the links…</p>;
  if (invitations.length === 0) return <p className="people-empty">No links yet. Create one above for each delegation, facilitator and observer.</p>;
  return (
    <div className="link-groups" data-testid="invitation-list">
      {groupLinks(invitations, delegations).map((group) => (
        <section key={group.key} className="link-group" aria-label={group.heading} data-testid="link-group" data-group={group.key}>
          <h4 className="link-group-heading">
            {group.code ? <span className="delegation-code">{group.code}</span> : null}
            {group.heading}
            <span className="people-count">{group.items.length}</span>
          </h4>
          <ul className="invitation-items">
            {group.items.map((invitation) => (
              <InvitationItem
                key={invitation.id}
                invitation={invitation}
                audience={linkAudience(invitation, delegations)}
                ownLink={invitation.id === ownInvitationId}
                api={api}
                onRevoked={onRevoked}
              />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
