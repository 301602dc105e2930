/**
 * The page at /n/:negotiationId?token=…: checks the invitation with the server, then opens the room.
 * A bad invitation gets a plain page that says so, with the server's reason.
 */
import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import { ApiError, fetchSession } from '../sync/http-api.ts';
import { MessagePage } from './message-page.tsx';
import { Room } from './room.tsx';

type PageState = { kind: 'loading' } | { kind: 'invalid'; message: string; status: number } | { kind: 'ready'; session: SessionInfo };

/** Props: the negotiation id from the path and the invitation token from the query (null when absent). */
export interface NegotiationPageProps {
  negotiationId: string;
  token: string | null;
}

/** The negotiation page. */
export function NegotiationPage({ negotiationId, token }: NegotiationPageProps) {
  const [state, setState] = useState<PageState>({ kind: 'loading' });

  useEffect(() => {
    if (!token) {
      setState({ kind: 'invalid', status: 401, message: 'This link has no invitation token.' });
      return;
    }
    let current = true;
    fetchSession(token).then(
      (session) => {
        if (!current) return;
        if (session.negotiationId !== negotiationId) {
          setState({ kind: 'invalid', status: 404, message: 'This invitation is for a different negotiation than the one in the link.' });
        } else {
          setState({ kind: 'ready', session });
        }
      },
      (error: unknown) => {
        if (!current) return;
        const message = error instanceof Error ? error.message : String(error);
        setState({ kind: 'invalid', status: error instanceof ApiError ? error.status : 0, message });
      },
    );
    return () => {
      current = false;
    };
  }, [negotiationId, token]);

  if (state.kind === 'loading') return <MessagePage title="Opening the negotiation…" quiet />;
  if (state.kind === 'invalid') {
    const unreachable = state.status === 0 || state.status >= 500;
    return (
      <MessagePage title={unreachable ? 'The server could not be reached' : 'This invitation link is not valid'} testId="invalid-invitation">
        <p className="message-reason">{state.message}</p>
        <p>
          {unreachable
            ? 'Check your connection and reload the page in a moment.'
            : 'Ask the facilitators or the secretariat for a new invitation link, and open it as you received it.'}
        </p>
      </MessagePage>
    );
  }
  return <Room session={state.session} token={token as string} />;
}
