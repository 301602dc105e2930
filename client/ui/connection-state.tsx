/**
 * The connection state as a dot and a word: connected, connecting, reconnecting, offline, disconnected.
 */
import type { LinkState } from '../sync/connection.ts';

const words: Readonly<Record<LinkState, string>> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  closed: 'Disconnected',
};

const explanations: Readonly<Record<LinkState, string>> = {
  connecting: 'Opening the connection to the server.',
  connected: 'Changes are shared with everyone in the room as you type.',
  reconnecting: 'The connection dropped; trying again. Edits made meanwhile are kept and sent when it returns.',
  offline: 'This computer is offline. Edits are kept and sent when the connection returns.',
  closed: 'The server closed the connection.',
};

/** The indicator for the top bar. */
export function ConnectionState({ link }: { link: LinkState }) {
  return (
    <span className={`connection connection--${link}`} title={explanations[link]} data-testid="connection-state" data-state={link} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {words[link]}
    </span>
  );
}
