/**
 * The bar above the document: product name, the negotiation's title, the connection state, who is in the
 * room (a few chips and the count that opens everyone by role), People & links for facilitators, and who
 * this person is. Its items wrap onto another line rather than overlap when the window is narrow; the
 * bar's height is published as --topbar-height so what sticks below it (notices, side panel) follows.
 */
import { useCallback } from 'react';
import type { SessionInfo } from '../../shared/protocol/api.ts';
import type { ConnectionSnapshot } from '../sync/connection.ts';
import { ConnectionState } from './connection-state.tsx';
import { PeopleLauncher } from './people/people-launcher.tsx';
import { PresenceChips } from './presence-chips.tsx';
import { RoomPeopleButton } from './presence/room-people-button.tsx';
import { roleLabel, roleRights } from './role-labels.ts';

/** Props: the session (identity) and the connection snapshot. */
export interface TopBarProps {
  session: SessionInfo;
  connection: ConnectionSnapshot;
  /** The title from the synced document, when there is one; else the session's. */
  title: string;
}

/** The top bar of the negotiation page. */
export function TopBar({ session, connection, title }: TopBarProps) {
  const role = roleLabel(session.role);
  return (
    <header className="topbar" data-testid="topbar" ref={usePublishedHeight()}>
      <div className="topbar-title">
        <span className="product">Draftroom</span>
        <span className="negotiation-title" title={title} data-testid="topbar-title">
          {title}
        </span>
      </div>
      <div className="topbar-room">
        <ConnectionState link={connection.link} />
        <PresenceChips live={connection.live} />
        <RoomPeopleButton live={connection.live} />
      </div>
      <PeopleLauncher session={session} live={connection.live} synced={connection.synced} />
      <div className="identity" title={roleRights(session.role)} data-testid="identity">
        <span className="identity-dot" style={{ background: session.color }} aria-hidden="true" />
        {session.name !== role ? <span className="identity-name">{session.name}</span> : null}
        <span className={`role-badge role-badge--${session.role}`}>{role}</span>
        <span className="visually-hidden">(you)</span>
      </div>
    </header>
  );
}

/** A ref callback that keeps --topbar-height equal to the bar's rendered height while it exists. */
function usePublishedHeight(): (element: HTMLElement | null) => (() => void) | undefined {
  return useCallback((element: HTMLElement | null) => {
    if (!element) return undefined;
    const root = document.documentElement;
    const publish = () => root.style.setProperty('--topbar-height', `${element.offsetHeight}px`);
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    publish();
    return () => {
      observer.disconnect();
      root.style.removeProperty('--topbar-height');
    };
  }, []);
}
