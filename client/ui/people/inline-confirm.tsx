/**
 * A confirmation in place of the action it guards: the consequence in one sentence, the action, and a way
 * back. Used for removing a delegation and revoking a link, which disconnect people at once.
 */
import { useEffect, useRef, type ReactNode } from 'react';

/** Props: the sentence, the action's words, what to do on each choice, and whether the action is under way. */
export interface InlineConfirmProps {
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}

/** The confirmation; the way back takes the focus first so Enter never confirms by accident. */
export function InlineConfirm({ children, confirmLabel, onConfirm, onCancel, busy }: InlineConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      className="inline-confirm"
      role="group"
      aria-label="Confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
      data-testid="confirm"
    >
      <p className="inline-confirm-text">{children}</p>
      <div className="inline-confirm-actions">
        <button type="button" className="people-button people-button--danger" onClick={onConfirm} disabled={busy} data-testid="confirm-yes">
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button ref={cancel} type="button" className="people-button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
