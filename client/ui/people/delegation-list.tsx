/**
 * The "Delegations" section of the people panel: add one (ready list or custom), and the list itself,
 * read live from the document.
 */
import { useState } from 'react';
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { InvitationInfo } from '../../../shared/protocol/api.ts';
import type { PeopleClient } from '../../sync/people-api.ts';
import { CustomDelegationForm } from './custom-delegation-form.tsx';
import { DelegationPicker } from './delegation-picker.tsx';
import { DelegationRow } from './delegation-row.tsx';

/** Props: the live delegations, the live links (to count them per delegation), the API and the panel's callbacks. */
export interface DelegationListProps {
  delegations: readonly Delegation[];
  invitations: readonly InvitationInfo[] | null;
  api: PeopleClient;
  onNewLink: (code: string) => void;
  onInvitationsChanged: () => void;
}

/** The section. */
export function DelegationList({ delegations, invitations, api, onNewLink, onInvitationsChanged }: DelegationListProps) {
  const [added, setAdded] = useState<Delegation | null>(null);
  const linksOf = (code: string) => invitations?.filter((i) => i.role === 'delegation' && i.delegation === code).length ?? 0;
  return (
    <section className="people-section" aria-labelledby="people-delegations-heading" data-testid="delegations-section">
      <h3 className="people-section-heading" id="people-delegations-heading">
        Delegations <span className="people-count">{delegations.length}</span>
      </h3>
      <DelegationPicker delegations={delegations} api={api} onAdded={setAdded} />
      {added && delegations.some((d) => d.code === added.code) ? (
        <p className="people-done" role="status" data-testid="delegation-added">
          {added.name} added.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              onNewLink(added.code);
              setAdded(null);
            }}
          >
            Create its link
          </button>
        </p>
      ) : null}
      <CustomDelegationForm delegations={delegations} api={api} onAdded={setAdded} />
      {delegations.length === 0 ? (
        <p className="people-empty">No delegations yet. Add the Member States and groups taking part, then create their links.</p>
      ) : (
        <ul className="delegation-list" data-testid="delegation-list">
          {delegations.map((delegation) => (
            <DelegationRow
              key={delegation.code}
              delegation={delegation}
              links={linksOf(delegation.code)}
              api={api}
              onNewLink={onNewLink}
              onRemoved={onInvitationsChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
