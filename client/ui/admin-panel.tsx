/**
 * The secretariat's view of the home page: the negotiations on this server, each with a way in, and the
 * zero-draft import.
 */
import { useEffect, useState } from 'react';
import type { NegotiationSummary } from '../../shared/protocol/api.ts';
import { ApiError, createInvitation, listNegotiations } from '../sync/http-api.ts';
import { ImportForm } from './import-form.tsx';

type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: NegotiationSummary[] };

/** Props: the admin token, and what to do when the server does not accept it. */
export interface AdminPanelProps {
  adminToken: string;
  onRejected: () => void;
}

/** The list and the import form. */
export function AdminPanel({ adminToken, onRejected }: AdminPanelProps) {
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<{ id: string; message: string } | null>(null);

  useEffect(() => {
    let current = true;
    listNegotiations(adminToken).then(
      (items) => current && setList({ kind: 'ready', items }),
      (error: unknown) => current && setList({ kind: 'error', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [adminToken]);

  const open = async (id: string) => {
    setOpening(id);
    setOpenError(null);
    try {
      const invitation = await createInvitation(adminToken, id, 'facilitator');
      location.assign(invitation.url);
    } catch (error) {
      setOpening(null);
      setOpenError({ id, message: messageOf(error) });
    }
  };

  return (
    <main className="admin" data-testid="admin-panel">
      <section className="admin-section">
        <h1>Negotiations</h1>
        {list.kind === 'loading' ? <p className="quiet">Loading…</p> : null}
        {list.kind === 'error' ? (
          <div className="form-error" role="alert">
            <p>{list.message}</p>
            <button type="button" className="link-button" onClick={onRejected}>
              Use a different admin token
            </button>
          </div>
        ) : null}
        {list.kind === 'ready' && list.items.length === 0 ? (
          <p className="quiet">No negotiations yet. Import a zero draft below to start one.</p>
        ) : null}
        {list.kind === 'ready' && list.items.length > 0 ? (
          <ul className="negotiation-list" data-testid="negotiation-list">
            {list.items.map((item) => (
              <li key={item.id}>
                <div className="negotiation-entry">
                  <span className="negotiation-entry-title">{item.title}</span>
                  <span className="negotiation-entry-date">Created {formatDate(item.createdAt)}</span>
                  {openError?.id === item.id ? <span className="form-error">{openError.message}</span> : null}
                </div>
                <button type="button" onClick={() => void open(item.id)} disabled={opening !== null}>
                  {opening === item.id ? 'Opening…' : 'Open'}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <ImportForm adminToken={adminToken} />
    </main>
  );
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return `The server did not accept this admin token (${error.message}).`;
  return error instanceof Error ? error.message : String(error);
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
