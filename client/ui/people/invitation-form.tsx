/**
 * "New invitation link": for whom (a facilitator, a delegation, an observer), an optional label (a
 * person's name gives them a link of their own), an optional expiry. The new link is shown at once with
 * a Copy button, ready to paste into an email.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { InvitationInfo } from '../../../shared/protocol/api.ts';
import type { InvitationRequest, PeopleClient } from '../../sync/people-api.ts';
import { CopyLink } from './copy-link.tsx';
import { errorText, expiryChoices, linkAudience, shortDate } from './format.ts';
import { PeopleError } from './people-error.tsx';

/** Whom the form makes a link for: "facilitator", "observer" or "delegation:KEN"; `focus` changes to bring the form into view. */
export interface LinkTarget {
  audience: string;
  focus: number;
}

/** Props: the live delegations, the API, the chosen target (set from a delegation's "New link" too), and what follows a new link. */
export interface InvitationFormProps {
  delegations: readonly Delegation[];
  api: PeopleClient;
  target: LinkTarget;
  onTarget: (audience: string) => void;
  onCreated: (invitation: InvitationInfo) => void;
}

/** The form and, once a link was made, the link. */
export function InvitationForm({ delegations, api, target, onTarget, onCreated }: InvitationFormProps) {
  const [label, setLabel] = useState('');
  const [hours, setHours] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<InvitationInfo | null>(null);
  const labelField = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const createdCard = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (target.focus === 0) return;
    form.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    labelField.current?.focus({ preventScroll: true });
  }, [target.focus]);

  useEffect(() => {
    if (created) createdCard.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [created]);

  // A delegation removed meanwhile (by anyone) is no longer a choice.
  const audience =
    target.audience.startsWith('delegation:') && !delegations.some((d) => `delegation:${d.code}` === target.audience) ? 'facilitator' : target.audience;
  const request = requestFor(audience, label, hours);
  const forDelegation = audience.startsWith('delegation:');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      const invitation = await api.issueInvitation(request);
      setCreated(invitation);
      setLabel('');
      onCreated(invitation);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="invitation-form-block">
      <form ref={form} className="invitation-form" onSubmit={(event) => void submit(event)} data-testid="invitation-form">
        <label className="people-label" htmlFor={`${id}-who`}>
          For
        </label>
        <select id={`${id}-who`} value={audience} onChange={(event) => onTarget(event.target.value)} data-testid="invitation-audience">
          <option value="facilitator">Facilitator or secretariat</option>
          <option value="observer">Observer (read only)</option>
          {delegations.length > 0 ? (
            <optgroup label="Delegation">
              {delegations.map((d) => (
                <option key={d.code} value={`delegation:${d.code}`}>
                  {d.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        <label className="people-label" htmlFor={`${id}-label`}>
          {forDelegation ? 'Person (optional)' : 'Label (optional)'}
        </label>
        <div>
          <input
            ref={labelField}
            id={`${id}-label`}
            type="text"
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            maxLength={80}
            placeholder={forDelegation ? 'A name, e.g. Amina Diallo' : audience === 'observer' ? 'e.g. UNHCR, Press' : 'e.g. Co-facilitator, Secretariat'}
            data-testid="invitation-label"
          />
          <p className="people-hint">
            {forDelegation
              ? 'Empty: one link the whole delegation shares. A name: a link of that person’s own, which can be revoked alone.'
              : 'Shown in presence beside the role, and in this list.'}
          </p>
        </div>
        <label className="people-label" htmlFor={`${id}-expiry`}>
          Expires
        </label>
        <select id={`${id}-expiry`} value={hours} onChange={(event) => setHours(event.target.value)} data-testid="invitation-expiry">
          {expiryChoices.map((choice) => (
            <option key={choice.label} value={choice.hours === null ? '' : String(choice.hours)}>
              {choice.label}
            </option>
          ))}
        </select>
        <div className="people-actions invitation-form-actions">
          <button type="submit" disabled={busy || !request} data-testid="create-link">
            {busy ? 'Creating…' : 'Create link'}
          </button>
          <PeopleError error={error} />
        </div>
      </form>
      {created ? (
        <div ref={createdCard} className="created-link" role="status" data-testid="created-link">
          <div className="created-link-head">
            <span>
              New link for <strong>{linkAudience(created, delegations)}</strong>
              <span className="people-meta nowrap"> · {created.expiresAt ? `expires ${shortDate(created.expiresAt)}` : 'does not expire'}</span>
            </span>
            <button type="button" className="people-close-small" onClick={() => setCreated(null)} aria-label="Hide the new link">
              ×
            </button>
          </div>
          <CopyLink url={created.url} label={linkAudience(created, delegations)} showUrl />
        </div>
      ) : null}
    </div>
  );
}

function requestFor(audience: string, label: string, hours: string): InvitationRequest | null {
  const extra = {
    ...(label.trim() ? { label: label.trim() } : {}),
    ...(hours ? { expiresInHours: Number(hours) } : {}),
  };
  if (audience === 'facilitator' || audience === 'observer') return { role: audience, ...extra };
  const code = audience.startsWith('delegation:') ? audience.slice('delegation:'.length) : '';
  return code ? { role: 'delegation', delegation: code, ...extra } : null;
}
