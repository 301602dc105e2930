/**
 * The bar above the document: product name, the negotiation's title, who this person is, the connection
 * state and who is in the room.
 */
import type { SessionInfo } from '../../shared/protocol/api.ts';
import type { ConnectionSnapshot } from '../sync/connection.ts';
import { ConnectionState } from './connection-state.tsx';
import { PeopleLauncher } from './people/people-launcher.tsx';
import { PresenceChips } from './presence-chips.tsx';
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
    <header className="topbar" data-testid="topbar">
      <div className="topbar-title">
        <span className="product">Draftroom</span>
        <span className="negotiation-title" title={title}>
          {title}
        </span>
      </div>
      <div className="topbar-room">
        <ConnectionState link={connection.link} />
        <PresenceChips live={connection.live} />
      </div>
      <PeopleLauncher session={session} live={connection.live} synced={connection.synced} />
      <div className="identity" title={roleRights(session.role)} data-testid="identity">
        <span className="identity-dot" style={{ background: session.color }} aria-hidden="true" />
        {session.name !== role ? <span className="identity-name">{session.name}</span> : null}
        <span className={`role-badge role-badge--${session.role}`}>{role}</span>
      </div>
    </header>
  );
}
