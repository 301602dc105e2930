/**
 * Adding a delegation that is not in the ready list (a regional organization, a new group): its code and
 * its name. Folded away until asked for, because the ready list covers almost every case.
 */
import { useState, type FormEvent } from 'react';
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { PeopleClient } from '../../sync/people-api.ts';
import { errorText } from './format.ts';
import { PeopleError } from './people-error.tsx';

/** Props: the delegations the negotiation has, the API, and what to do once one was added. */
export interface CustomDelegationFormProps {
  delegations: readonly Delegation[];
  api: PeopleClient;
  onAdded: (delegation: Delegation) => void;
}

/** A "custom delegation" link that opens a two-field form. */
export function CustomDelegationForm({ delegations, api, onAdded }: CustomDelegationFormProps) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const existing = delegations.find((d) => d.code === code);
    // PUT on a code the list has would rename it silently; say so instead.
    if (existing) return setError(`${code} is already in the list as ${existing.name}. Rename it there if you meant to.`);
    setBusy(true);
    setError(null);
    try {
      const added = await api.putDelegation(code, name.trim());
      setCode('');
      setName('');
      setOpen(false);
      onAdded(added);
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="link-button people-more" onClick={() => setOpen(true)} data-testid="custom-delegation">
        Not in the list? Add a delegation by code and name
      </button>
    );
  }
  return (
    <form className="custom-delegation" onSubmit={(event) => void submit(event)} data-testid="custom-delegation-form">
      <div className="custom-delegation-fields">
        <label className="people-field people-field--code">
          <span className="people-label">Code</span>
          <input
            type="text"
            value={code}
            onChange={(event) => setCode(event.target.value.toUpperCase().replace(/[^A-Z0-9-]/g, ''))}
            maxLength={16}
            placeholder="SICA"
            required
            autoFocus
            spellCheck={false}
          />
        </label>
        <label className="people-field">
          <span className="people-label">Name</span>
          <input type="text" value={name} onChange={(event) => setName(event.target.value)} maxLength={120} placeholder="Central American Integration System" required />
        </label>
      </div>
      <p className="people-hint">The code: 2 to 16 capital letters, digits or dashes.</p>
      <div className="people-actions">
        <button type="submit" disabled={busy || code.length < 2 || name.trim() === ''}>
          {busy ? 'Adding…' : 'Add delegation'}
        </button>
        <button
          type="button"
          className="people-button"
          onClick={() => {
            setOpen(false);
            setError(null);
          }}
        >
          Cancel
        </button>
      </div>
      <PeopleError error={error} />
    </form>
  );
}
