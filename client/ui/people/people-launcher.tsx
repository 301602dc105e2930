/**
 * The "People & links" button for the top bar, and the drawer it opens over the right side of the page
 * (rendered into <body>, so the bar's backdrop filter does not confine it). Facilitators only: for anyone
 * else it renders nothing (the server refuses them these calls anyway).
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { SessionInfo } from '../../../shared/protocol/api.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { usePageToken } from './page-token.ts';
import { PeoplePanel } from './people-panel.tsx';

/** Props: the session (its role decides), the current live copy, and whether it has the server's text yet. */
export interface PeopleLauncherProps {
  session: SessionInfo;
  live: LiveNegotiation;
  synced: boolean;
}

/** The button and, while open, the drawer; Escape or × closes it and gives the focus back to the button. */
export function PeopleLauncher({ session, live, synced }: PeopleLauncherProps) {
  const token = usePageToken();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasOpen = useRef(false);

  useEffect(() => {
    if (open) heading.current?.focus();
    else if (wasOpen.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (session.role !== 'facilitator' || !token) return null;
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`people-launcher${open ? ' people-launcher--open' : ''}`}
        aria-expanded={open}
        aria-controls="people-panel"
        onClick={() => setOpen((value) => !value)}
        data-testid="people-button"
      >
        People &amp; links
      </button>
      {open
        ? createPortal(
            <aside
              id="people-panel"
              className="people-drawer"
              role="dialog"
              aria-modal="false"
              aria-labelledby="people-panel-title"
              onKeyDown={(event) => {
                if (event.key === 'Escape') setOpen(false);
              }}
              data-testid="people-panel"
            >
              <PeoplePanel negotiationId={session.negotiationId} ownInvitationId={session.invitationId} doc={live.doc} token={token} synced={synced} headingRef={heading} onClose={() => setOpen(false)} />
            </aside>,
            document.body,
          )
        : null}
    </>
  );
}
