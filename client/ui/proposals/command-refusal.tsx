/** A refused command, as a card or a line shows it: the server's words, anything that helps settle it, and Dismiss. */
import type { ReactNode } from 'react';
import type { CommandRefusal } from './use-proposal-command.ts';

/** Props: the refusal, what may help settle it (a clash's choices), and what Dismiss does. */
export interface CommandRefusalNoteProps {
  refusal: CommandRefusal;
  children?: ReactNode;
  onDismiss: () => void;
}

/** The refusal as an alert. */
export function CommandRefusalNote({ refusal, children, onDismiss }: CommandRefusalNoteProps) {
  return (
    <div className="proposal-refusal" role="alert" data-testid="proposal-refusal">
      <p>{refusal.text}</p>
      {children}
      <button type="button" className="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
