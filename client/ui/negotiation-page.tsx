/**
 * The page at /n/:negotiationId?token=…: asks the server who the invitation is for and, at the same
 * time, opens the document's connection (the text then arrives one round trip sooner). A bad invitation
 * gets a plain page that says so, with the server's reason.
 */
import { useEffect, useState } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import { NegotiationConnection } from '../sync/connection.ts';
import { ApiError, fetchSession } from '../sync/http-api.ts';
import { MessagePage } from './message-page.tsx';
import { PageTokenContext } from './people/page-token.ts';
import { Room } from './room.tsx';

type PageState =
  | { kind: 'loading' }
  | { kind: 'invalid'; message: string; status: number }
  | { kind: 'ready'; session: SessionInfo; connection: NegotiationConnection };

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
    const connection = new NegotiationConnection({ negotiationId, token });
    fetchSession(token).then(
      (session) => {
        performance.mark('draftroom:session');
        if (!current) return;
        if (session.negotiationId !== negotiationId) {
          connection.destroy();
          setState({ kind: 'invalid', status: 404, message: 'This invitation is for a different negotiation than the one in the link.' });
          return;
        }
        connection.setUser({ name: session.name, role: session.role, delegation: session.delegation, color: session.color });
        setState({ kind: 'ready', session, connection });
      },
      (error: unknown) => {
        connection.destroy();
        if (!current) return;
        const message = error instanceof Error ? error.message : String(error);
        setState({ kind: 'invalid', status: error instanceof ApiError ? error.status : 0, message });
      },
    );
    return () => {
      current = false;
      connection.destroy();
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
  return (
    <PageTokenContext value={token}>
      <Room session={state.session} connection={state.connection} />
    </PageTokenContext>
  );
}
