/**
 * One delegation in the panel's list: its name and code, how many links it has, and its actions: a new
 * link for it, rename (in place), remove (after a confirmation that says which links stop working).
 */
import { useState, type FormEvent } from 'react';
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { PeopleClient } from '../../sync/people-api.ts';
import { errorText } from './format.ts';
import { InlineConfirm } from './inline-confirm.tsx';
import { PeopleError } from './people-error.tsx';

/** Props: the delegation, its number of live links, the API, and what "New link" does. */
export interface DelegationRowProps {
  delegation: Delegation;
  links: number;
  api: PeopleClient;
  onNewLink: (code: string) => void;
  /** Called after it was removed (its links are revoked with it, so the link list is stale). */
  onRemoved: () => void;
}

type Mode = { kind: 'view' } | { kind: 'rename'; name: string } | { kind: 'remove' };

/** The row. */
export function DelegationRow({ delegation, links, api, onNewLink, onRemoved }: DelegationRowProps) {
  const [mode, setMode] = useState<Mode>({ kind: 'view' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      after();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (mode.kind !== 'rename') return;
    const name = mode.name.trim();
    if (name === delegation.name) return setMode({ kind: 'view' });
    void run(() => api.putDelegation(delegation.code, name), () => setMode({ kind: 'view' }));
  };

  const cancel = () => {
    setMode({ kind: 'view' });
    setError(null);
  };

  return (
    <li className="delegation-row" data-testid="delegation-row" data-code={delegation.code}>
      {mode.kind === 'rename' ? (
        <form className="delegation-rename" onSubmit={rename}>
          <span className="delegation-code">{delegation.code}</span>
          <input
            type="text"
            value={mode.name}
            onChange={(event) => setMode({ kind: 'rename', name: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                cancel();
              }
            }}
            aria-label={`New name for ${delegation.code}`}
            maxLength={120}
            autoFocus
          />
          <button type="submit" className="people-button" disabled={busy || mode.name.trim() === ''}>
            Save
          </button>
          <button type="button" className="people-button" onClick={cancel} disabled={busy}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="delegation-line">
          <span className="delegation-code">{delegation.code}</span>
          <span className="delegation-name">{delegation.name}</span>
          {mode.kind === 'view' ? (
            <span className="row-actions">
              <button type="button" className="people-button people-button--small" onClick={() => onNewLink(delegation.code)} aria-label={`New link for ${delegation.name}`}>
                New link
              </button>
              <button type="button" className="people-button people-button--small" onClick={() => setMode({ kind: 'rename', name: delegation.name })} aria-label={`Rename ${delegation.name}`}>
                Rename
              </button>
              <button type="button" className="people-button people-button--small people-button--quiet-danger" onClick={() => setMode({ kind: 'remove' })} aria-label={`Remove ${delegation.name}`} data-testid="remove-delegation">
                Remove
              </button>
            </span>
          ) : null}
          <span className="delegation-links">{links === 0 ? 'no link' : `${links} link${links === 1 ? '' : 's'}`}</span>
        </div>
      )}
      {mode.kind === 'remove' ? (
        <InlineConfirm confirmLabel={`Remove ${delegation.name}`} busy={busy} onCancel={cancel} onConfirm={() => void run(() => api.deleteDelegation(delegation.code), onRemoved)}>
          Remove {delegation.name} from the list?{' '}
          {links === 0
            ? 'It has no invitation link.'
            : `Its ${links === 1 ? 'link stops' : `${links} links stop`} working and anyone using ${links === 1 ? 'it is' : 'them is'} disconnected at once.`}{' '}
          Its proposals stay in the text.
        </InlineConfirm>
      ) : null}
      <PeopleError error={error} />
    </li>
  );
}
