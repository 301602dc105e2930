/**
 * One invitation link in the list: what it is called, when it was made and until when it works, a Copy
 * button and Revoke (after a confirmation: revoking disconnects whoever uses it at once).
 */
import { useState } from 'react';
import type { InvitationInfo } from '../../../shared/protocol/api.ts';
import type { PeopleClient } from '../../sync/people-api.ts';
import { CopyLink } from './copy-link.tsx';
import { errorText, isExpired, linkTitle, shortDate } from './format.ts';
import { InlineConfirm } from './inline-confirm.tsx';
import { PeopleError } from './people-error.tsx';

/** Props: the link, whom it lets in (for accessible names), whether it is the link of this very page, the API, what follows a revoke. */
export interface InvitationItemProps {
  invitation: InvitationInfo;
  audience: string;
  ownLink: boolean;
  api: PeopleClient;
  onRevoked: (invitationId: string) => void;
}

/** The line. */
export function InvitationItem({ invitation, audience, ownLink, api, onRevoked }: InvitationItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expired = isExpired(invitation);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.revokeInvitation(invitation.id);
      onRevoked(invitation.id);
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <li className={`invitation-item${expired ? ' invitation-item--expired' : ''}`} data-testid="invitation-item" data-invitation-id={invitation.id}>
      <div className="invitation-line">
        <div className="invitation-what">
          <span className="invitation-title">
            {linkTitle(invitation)}
            {ownLink ? <span className="people-tag">this page</span> : null}
          </span>
          <span className="people-meta">
            <span className="nowrap">Created {shortDate(invitation.createdAt)}</span> ·{' '}
            {invitation.expiresAt ? (
              <span className={`nowrap${expired ? ' invitation-expired' : ''}`}>
                {expired ? 'expired' : 'expires'} {shortDate(invitation.expiresAt)}
              </span>
            ) : (
              <span className="nowrap">no expiry</span>
            )}
          </span>
        </div>
        {confirming ? null : (
          <span className="row-actions row-actions--always">
            {expired ? null : <CopyLink url={invitation.url} label={audience} small />}
            <button type="button" className="people-button people-button--small people-button--quiet-danger" onClick={() => setConfirming(true)} aria-label={`Revoke link: ${audience}`} data-testid="revoke-link">
              Revoke
            </button>
          </span>
        )}
      </div>
      {confirming ? (
        <InlineConfirm confirmLabel="Revoke link" busy={busy} onCancel={() => setConfirming(false)} onConfirm={() => void revoke()}>
          {ownLink
            ? 'This is the link this page was opened with: revoking it disconnects you too, and this page stops working.'
            : `Revoke this link for ${audience}? It stops working, and anyone using it now is disconnected at once.`}
        </InlineConfirm>
      ) : null}
      <PeopleError error={error} />
    </li>
  );
}
