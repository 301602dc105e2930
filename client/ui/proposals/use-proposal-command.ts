/**
 * Sending one proposal command from a card or a form: the page's token and negotiation come from the desk;
 * while it is on its way the controls wait; a refusal stays on the card in the server's own words (with its
 * HTTP status, so a 409 can offer what to do next) until the next attempt or dismissal.
 */
import { useCallback, useState } from 'react';
import type { Command } from '../../../shared/protocol/commands.ts';
import { sendCommand } from '../../sync/command-api.ts';
import { ApiError } from '../../sync/http-api.ts';
import { useDesk } from '../desk/desk.ts';

/** A refused command as the card shows it. */
export interface CommandRefusal {
  /** "Accept: the paragraph changed since …": what was tried, then the server's reason. */
  text: string;
  /** The HTTP status (0: never reached the server). */
  status: number;
  /** The command that was refused. */
  command: Command;
}

/** The state of one card's (or form's) commands. */
export interface ProposalCommands {
  busy: boolean;
  refusal: CommandRefusal | null;
  /** Sends `command` (`what` names it in a refusal); resolves with the ids it created, or null when refused. */
  send(command: Command, what: string): Promise<Record<string, string> | null>;
  dismiss(): void;
}

/** Commands of one card or form. */
export function useProposalCommands(): ProposalCommands {
  const desk = useDesk();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<CommandRefusal | null>(null);
  const send = useCallback(
    async (command: Command, what: string) => {
      if (!desk.token) {
        setRefusal({ text: `${what}: this page has no invitation token.`, status: 0, command });
        return null;
      }
      setBusy(true);
      setRefusal(null);
      try {
        return await sendCommand(desk.negotiationId, desk.token, command);
      } catch (error) {
        const status = error instanceof ApiError ? error.status : 0;
        setRefusal({ text: `${what}: ${error instanceof Error ? error.message : String(error)}`, status, command });
        return null;
      } finally {
        setBusy(false);
      }
    },
    [desk],
  );
  const dismiss = useCallback(() => setRefusal(null), []);
  return { busy, refusal, send, dismiss };
}
