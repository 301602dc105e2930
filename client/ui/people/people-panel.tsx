/**
 * The facilitator's "People & links" drawer: the delegations of the negotiation (live from the document)
 * and the invitation links (from the server), side by side with the text, which stays usable.
 */
import { useCallback, useMemo, useState, type Ref } from 'react';
import type * as Y from 'yjs';
import { peopleClient } from '../../sync/people-api.ts';
import { DelegationList } from './delegation-list.tsx';
import { InvitationForm, type LinkTarget } from './invitation-form.tsx';
import { InvitationList } from './invitation-list.tsx';
import { useDelegations } from './use-delegations.ts';
import { useInvitations } from './use-invitations.ts';
import { PeopleError } from './people-error.tsx';

/** Props: the negotiation, its live document, this page's invitation token (a facilitator's) and its id, and how to close. */
export interface PeoplePanelProps {
  negotiationId: string;
  ownInvitationId: string;
  doc: Y.Doc;
  token: string;
  /** False until the document arrived: the delegation list is not known yet. */
  synced: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onClose: () => void;
}

/** The drawer's content. */
export function PeoplePanel({ negotiationId, ownInvitationId, doc, token, synced, headingRef, onClose }: PeoplePanelProps) {
  const api = useMemo(() => peopleClient(token, negotiationId), [token, negotiationId]);
  const delegations = useDelegations(doc);
  const links = useInvitations(api, delegations);
  const [target, setTarget] = useState<LinkTarget>({ audience: 'facilitator', focus: 0 });
  const { refresh, forget } = links;

  const newLinkFor = useCallback((code: string) => setTarget((t) => ({ audience: `delegation:${code}`, focus: t.focus + 1 })), []);
  const onRevoked = useCallback(
    (id: string) => {
      forget(id);
      refresh();
    },
    [forget, refresh],
  );

  return (
    <>
      <header className="people-header">
        <h2 className="people-title" ref={headingRef} tabIndex={-1} id="people-panel-title">
          People &amp; links
        </h2>
        <button type="button" className="people-close" onClick={onClose} aria-label="Close People & links" data-testid="people-close">
          ×
        </button>
      </header>
      <div className="people-body">
        {synced ? (
          <DelegationList delegations={delegations} invitations={links.invitations} api={api} onNewLink={newLinkFor} onInvitationsChanged={refresh} />
        ) : (
          <p className="people-empty">Loading the delegations…</p>
        )}
        <section className="people-section" aria-labelledby="people-links-heading" data-testid="links-section">
          <h3 className="people-section-heading" id="people-links-heading">
            Invitation links {links.invitations ? <span className="people-count">{links.invitations.length}</span> : null}
            <button type="button" className="link-button people-refresh" onClick={refresh} disabled={links.refreshing}>
              {links.refreshing ? 'Refreshing…' : 'Refresh'}
            </button>
          </h3>
          <p className="people-hint people-section-lead">
            Anyone with a link joins in its role; nobody needs an account. Send each link privately.
          </p>
          <InvitationForm
            delegations={delegations}
            api={api}
            target={target}
            onTarget={(audience) => setTarget((t) => ({ audience, focus: t.focus }))}
            onCreated={refresh}
          />
          <PeopleError error={links.error} testId="links-error" />
          <InvitationList invitations={links.invitations} delegations={delegations} ownInvitationId={ownInvitationId} api={api} onRevoked={onRevoked} />
        </section>
      </div>
    </>
  );
}
