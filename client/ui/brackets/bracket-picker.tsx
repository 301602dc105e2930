/**
 * Bracketing selected words: who holds the bracket (search as you type, a stance each) and, optionally,
 * the bracket of the paragraph it stands as an alternative to. OK sends add-bracket; a refusal shows here.
 */
import { useEffect, useRef, useState } from 'react';
import type { BracketSnapshot } from '../../../shared/brackets/bracket-snapshot.ts';
import type { BracketHolder } from '../../../shared/model/bracket.ts';
import type { Delegation } from '../../../shared/model/delegations.ts';
import { holdersText } from '../../../shared/brackets/bracket-text.ts';
import { HolderPicker } from './holder-picker.tsx';
import { quote } from './bracket-words.ts';

/** Props: the selected words, the paragraph's brackets, the delegations, what OK does (resolves with a refusal or null), and Cancel. */
export interface BracketPickerProps {
  words: string;
  brackets: readonly BracketSnapshot[];
  delegations: readonly Delegation[];
  onSubmit: (holders: BracketHolder[], alternativeTo: string | undefined) => Promise<string | null>;
  onCancel: () => void;
}

const missingHolder = 'Choose at least one delegation.';

/** The picker, focused on its search field when it opens. */
export function BracketPicker({ words, brackets, delegations, onSubmit, onCancel }: BracketPickerProps) {
  const [holders, setHolders] = useState<BracketHolder[]>([]);
  const [alternativeTo, setAlternativeTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  useEffect(() => root.current?.querySelector<HTMLInputElement>('input')?.focus(), []);

  return (
    <form
      ref={root}
      className="bracket-popover"
      role="dialog"
      aria-label={`Bracket ${quote(words)}`}
      data-testid="bracket-picker"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        if (holders.length === 0) {
          setError(missingHolder);
          // Back to where a delegation is chosen.
          root.current?.querySelector<HTMLInputElement>('input')?.focus();
          return;
        }
        setBusy(true);
        void onSubmit(holders, alternativeTo || undefined).then((refusal) => {
          setBusy(false);
          setError(refusal);
        });
      }}
    >
      <p className="bracket-popover-title">
        Bracket <q>{words}</q>
      </p>
      <HolderPicker
        delegations={delegations}
        holders={holders}
        onChange={(next) => {
          setHolders(next);
          // The missing-holder error is answered once one is chosen.
          if (next.length > 0 && error === missingHolder) setError(null);
        }}
      />
      {brackets.length > 0 ? (
        <label className="bracket-field">
          <span>As an alternative to</span>
          <select value={alternativeTo} onChange={(event) => setAlternativeTo(event.target.value)} data-testid="bracket-alternative-to">
            <option value="">No other bracket</option>
            {brackets.map((b) => (
              <option key={b.id} value={b.id}>
                {quote(b.text)} ({holdersText(b.holders)})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {error ? (
        <p className="bracket-error" role="alert" data-testid="bracket-error">
          {error}
        </p>
      ) : null}
      <div className="bracket-popover-actions">
        <button type="submit" disabled={busy} data-testid="bracket-submit">
          Bracket
        </button>
        <button type="button" onClick={onCancel} data-testid="bracket-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
