/**
 * The negotiation room once the invitation is known: top bar, notices, the side panel and the document.
 * Everything bound to a live copy is keyed by its generation, so a copy thrown away after a refused
 * change takes its editors and listeners with it.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import { NegotiationConnection } from '../sync/connection.ts';
import { DocumentView } from './document-view.tsx';
import { NoticeBanner } from './notice-banner.tsx';
import { mayEditText } from './role-labels.ts';
import { SidePanel } from './side-panel.tsx';
import { TopBar } from './top-bar.tsx';
import { useScrollKeeper } from './use-scroll-keeper.ts';

/** Props: the session the invitation token opened, and the token itself (for the socket). */
export interface RoomProps {
  session: SessionInfo;
  token: string;
}

/** Opens the connection for the session and renders the room. */
export function Room({ session, token }: RoomProps) {
  const [connection, setConnection] = useState<NegotiationConnection | null>(null);
  useEffect(() => {
    const opened = new NegotiationConnection({
      negotiationId: session.negotiationId,
      token,
      user: { name: session.name, role: session.role, delegation: session.delegation, color: session.color },
    });
    setConnection(opened);
    return () => opened.destroy();
  }, [session, token]);
  return connection ? <ConnectedRoom connection={connection} session={session} /> : null;
}

function ConnectedRoom({ connection, session }: { connection: NegotiationConnection; session: SessionInfo }) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const { live, generation, synced, link, notice, closedReason } = snapshot;
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const title = synced ? structure.title : session.title;
  const editable = mayEditText(session.role) && link !== 'closed';
  useScrollKeeper(connection);

  useEffect(() => {
    document.title = `${title} — Draftroom`;
  }, [title]);

  return (
    <div className={`room room--${session.role}`}>
      <TopBar session={session} connection={snapshot} title={title} />
      <div className="notices">
        {closedReason ? <NoticeBanner tone="warning">{closedReason}</NoticeBanner> : null}
        {notice ? (
          <NoticeBanner tone="info" onDismiss={connection.dismissNotice}>
            {notice}
          </NoticeBanner>
        ) : null}
        {link === 'offline' && !closedReason ? (
          <NoticeBanner tone="info">
            You are offline. You can keep reading{editable ? ' and editing' : ''}; changes are sent when the connection
            returns.
          </NoticeBanner>
        ) : null}
      </div>
      <div className="room-body">
        <SidePanel key={`panel-${generation}`} live={live} session={session} />
        <main className="document-area">
          {synced ? (
            <DocumentView key={generation} live={live} editable={editable} />
          ) : (
            <p className="loading" data-testid="loading">
              {generation === 0 ? 'Opening the text…' : 'Loading the true text from the server…'}
            </p>
          )}
        </main>
      </div>
    </div>
  );
}
