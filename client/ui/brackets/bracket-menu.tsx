/**
 * What a facilitator does with one bracket: change its holders, lift it (the brackets go, the words stay),
 * delete its words, choose it among its alternatives, group it with another bracket or ungroup it. Each is
 * one command; a refusal shows in the menu.
 */
import { useEffect, useRef, useState } from 'react';
import type { BracketSnapshot } from '../../../shared/brackets/bracket-snapshot.ts';
import type { BracketHolder } from '../../../shared/model/bracket.ts';
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { Command } from '../../../shared/protocol/commands.ts';
import { bracketLabel, quote } from './bracket-words.ts';
import { HolderPicker } from './holder-picker.tsx';

/** Props: the bracket, the paragraph's brackets, the delegations, how to send (resolves with a refusal or null), and how to close. */
export interface BracketMenuProps {
  bracket: BracketSnapshot;
  brackets: readonly BracketSnapshot[];
  delegations: readonly Delegation[];
  send: (command: Command) => Promise<string | null>;
  onClose: () => void;
}

/** The menu, focused on its first button when it opens. */
export function BracketMenu({ bracket, brackets, delegations, send, onClose }: BracketMenuProps) {
  const [holders, setHolders] = useState<BracketHolder[]>(bracket.holders);
  const [groupWith, setGroupWith] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => root.current?.querySelector<HTMLElement>('.bracket-popover-actions button')?.focus(), []);

  const others = brackets.filter((b) => b.id !== bracket.id && (bracket.group === null || b.group !== bracket.group));
  const changed = JSON.stringify(holders) !== JSON.stringify(bracket.holders);
  const run = async (command: Command, closes: boolean) => {
    setBusy(true);
    const refusal = await send(command);
    setBusy(false);
    setError(refusal);
    if (!refusal && closes) onClose();
  };

  return (
    <div
      ref={root}
      className="bracket-popover"
      role="dialog"
      aria-label={`Bracket ${quote(bracket.text)}`}
      data-testid="bracket-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <p className="bracket-popover-title">
        {bracket.alternative === null ? 'Bracket' : `Alt ${bracket.alternative}:`} <q>{bracket.text}</q>
      </p>
      <div className="bracket-popover-actions" role="group" aria-label="Decide">
        <button type="button" disabled={busy} onClick={() => void run({ type: 'lift-bracket', bracketId: bracket.id }, true)} data-testid="bracket-lift">
          Lift (keep words)
        </button>
        {confirmDelete ? (
          <>
            <button type="button" className="danger" disabled={busy} onClick={() => void run({ type: 'delete-bracket', bracketId: bracket.id }, true)} data-testid="bracket-delete-confirm">
              Delete {quote(bracket.text)}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" disabled={busy} onClick={() => setConfirmDelete(true)} data-testid="bracket-delete">
            Delete words
          </button>
        )}
        {bracket.alternative !== null ? (
          <button type="button" disabled={busy} onClick={() => void run({ type: 'choose-alternative', bracketId: bracket.id }, true)} data-testid="bracket-choose">
            Choose this alternative
          </button>
        ) : null}
        {bracket.group !== null ? (
          <button type="button" disabled={busy} onClick={() => void run({ type: 'ungroup-bracket', bracketId: bracket.id }, true)} data-testid="bracket-ungroup">
            Ungroup
          </button>
        ) : null}
      </div>
      {others.length > 0 ? (
        <div className="bracket-field bracket-field--inline">
          <label>
            <span>Alternative to</span>
            <select value={groupWith} onChange={(event) => setGroupWith(event.target.value)} data-testid="bracket-group-with">
              <option value="">Choose a bracket…</option>
              {others.map((b) => (
                <option key={b.id} value={b.id}>
                  {bracketLabel(b)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy || groupWith === ''}
            onClick={() => void run({ type: 'group-alternatives', bracketIds: [bracket.id, groupWith] }, true)}
            data-testid="bracket-group"
          >
            Group
          </button>
        </div>
      ) : null}
      <HolderPicker delegations={delegations} holders={holders} onChange={setHolders} />
      {error ? (
        <p className="bracket-error" role="alert" data-testid="bracket-error">
          {error}
        </p>
      ) : null}
      <div className="bracket-popover-actions">
        <button
          type="button"
          disabled={busy || !changed || holders.length === 0}
          onClick={() => void run({ type: 'set-bracket-holders', bracketId: bracket.id, holders }, false)}
          data-testid="bracket-save-holders"
        >
          Save holders
        </button>
        <button type="button" onClick={onClose} data-testid="bracket-menu-close">
          Close
        </button>
      </div>
    </div>
  );
}
