/**
 * The negotiation room once the invitation is known: top bar, notices, the side panel and the document.
 * Everything bound to a live copy is keyed by its generation, so a copy thrown away after a refused
 * change takes its editors and listeners with it.
 */
import { useEffect, useSyncExternalStore, type MouseEvent } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import type { NegotiationConnection } from '../sync/connection.ts';
import { DocumentView } from './document-view.tsx';
import { NoticeBanner } from './notice-banner.tsx';
import { CodeTroubleNotice } from './code-trouble-notice.tsx';
import { mayEditText } from './role-labels.ts';
import { StatusAnnouncer } from './presence/status-announcer.tsx';
import { SidePanel } from './side-panel.tsx';
import { TopBar } from './top-bar.tsx';
import { useLasting } from './use-lasting.ts';
import { useScrollKeeper } from './use-scroll-keeper.ts';

/** The id of the text's landmark, the skip link's target. */
const textId = 'text';

/** Props: the session the invitation token opened, and the connection opened with it (owned by the page). */
export interface RoomProps {
  session: SessionInfo;
  connection: NegotiationConnection;
}

/** The room for one session and its connection. */
export function Room({ session, connection }: RoomProps) {
  const snapshot = useSyncExternalStore(connection.subscribe, connection.getSnapshot);
  const { live, generation, synced, link, notice, dropReason, closedReason } = snapshot;
  const structure = useSyncExternalStore(live.store.subscribeStructure, live.store.getStructure);
  const title = synced ? structure.title : session.title;
  const editable = mayEditText(session.role) && link !== 'closed';
  useScrollKeeper(connection);
  const reconnectingForAWhile = useLasting(link === 'reconnecting' && synced && !notice, 2_000);

  useEffect(() => {
    document.title = `${title} — Draftroom`;
  }, [title]);

  return (
    <div className={`room room--${session.role}`}>
      <a className="skip-link" href={`#${textId}`} onClick={skipToText} data-testid="skip-link">
        Skip to the text
      </a>
      <TopBar session={session} connection={snapshot} title={title} />
      <div className="notices">
        <CodeTroubleNotice />
        {closedReason ? <NoticeBanner tone="warning">{closedReason}</NoticeBanner> : null}
        {notice ? (
          <NoticeBanner tone="info" onDismiss={connection.dismissNotice}>
            {notice}
          </NoticeBanner>
        ) : null}
        {link === 'offline' && !closedReason ? (
          <NoticeBanner tone="info">
            You are offline. You can keep reading{editable ? ' and editing; your changes are sent' : ', and the text updates'}{' '}
            when the connection returns.
          </NoticeBanner>
        ) : null}
        {reconnectingForAWhile ? (
          <NoticeBanner tone="info">
            {dropReason ? `${dropReason} ` : 'The connection to the server was lost. Reconnecting… '}
            {editable ? 'Your edits are kept and sent when the connection returns.' : 'The text updates when it returns.'}
          </NoticeBanner>
        ) : null}
      </div>
      <StatusAnnouncer key={`announcer-${generation}`} live={live} />
      <div className="room-body">
        <SidePanel key={`panel-${generation}`} live={live} session={session} />
        <main className="document-area" id={textId} tabIndex={-1} aria-label="The text">
          {synced ? (
            <DocumentView key={generation} live={live} editable={editable} />
          ) : (
            <p className="loading" data-testid="loading" role="status">
              {generation === 0 ? 'Opening the text…' : 'Loading the true text from the server…'}
            </p>
          )}
        </main>
      </div>
    </div>
  );
}

/** Moves the focus to the text without writing #text into the address (people copy it to share a ¶). */
function skipToText(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById(textId)?.focus();
}
