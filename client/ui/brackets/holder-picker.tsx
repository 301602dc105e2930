/**
 * Choosing a bracket's holders: a search field over the delegations (codes and names, as you type; arrows
 * and Enter pick one), and the chosen ones, each with its stance and a button to remove it.
 */
import { useId, useState, type CSSProperties } from 'react';
import { Stance, type BracketHolder } from '../../../shared/model/bracket.ts';
import type { Delegation } from '../../../shared/model/delegations.ts';
import { holderColor } from '../../editor/bracket-markup.ts';

/** Props: every delegation, the holders chosen so far, and what to call with a new list. */
export interface HolderPickerProps {
  delegations: readonly Delegation[];
  holders: readonly BracketHolder[];
  onChange: (holders: BracketHolder[]) => void;
}

const shown = 8;
const stanceWords = { propose: 'propose', retain: 'retain', delete: 'delete' } as const satisfies Record<Stance, string>;

/** The delegations matching `query` best first (code exact, code prefix, name prefix, anywhere), without `except`. */
export function matchDelegations(delegations: readonly Delegation[], query: string, except: ReadonlySet<string>): Delegation[] {
  const q = query.trim().toLowerCase();
  const rank = (d: Delegation): number => {
    const code = d.code.toLowerCase();
    const name = d.name.toLowerCase();
    if (q === '') return 4;
    if (code === q) return 0;
    if (code.startsWith(q)) return 1;
    if (name.startsWith(q) || name.includes(` ${q}`)) return 2;
    if (name.includes(q) || code.includes(q)) return 3;
    return -1;
  };
  return delegations
    .filter((d) => !except.has(d.code))
    .map((d) => ({ d, r: rank(d) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.d.name.localeCompare(b.d.name))
    .map(({ d }) => d);
}

/** The search field and the chosen holders. */
export function HolderPicker({ delegations, holders, onChange }: HolderPickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const chosen = new Set(holders.map((h) => h.delegation));
  const matches = matchDelegations(delegations, query, chosen).slice(0, shown);
  const open = query.trim() !== '' && matches.length > 0;
  const nameOf = (code: string) => delegations.find((d) => d.code === code)?.name ?? code;
  const add = (code: string) => {
    onChange([...holders, { delegation: code, stance: Stance.propose }]);
    setQuery('');
    setActive(0);
  };

  return (
    <div className="holder-picker">
      <label className="holder-search-label" htmlFor={`${id}-search`}>
        Held by
      </label>
      <div className="holder-search">
        <input
          id={`${id}-search`}
          type="text"
          role="combobox"
          autoComplete="off"
          placeholder="Type a code or name: EU, Kenya…"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-activedescendant={open ? `${id}-option-${Math.min(active, matches.length - 1)}` : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              setActive((active + step + matches.length) % Math.max(matches.length, 1));
            } else if (event.key === 'Enter' && open) {
              event.preventDefault();
              const pick = matches[Math.min(active, matches.length - 1)];
              if (pick) add(pick.code);
            } else if (event.key === 'Escape' && query !== '') {
              event.stopPropagation();
              setQuery('');
            }
          }}
          data-testid="holder-search"
        />
        {open ? (
          <ul className="holder-options" role="listbox" id={`${id}-list`} aria-label="Delegations">
            {matches.map((d, i) => (
              <li
                key={d.code}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'holder-option holder-option--active' : 'holder-option'}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => add(d.code)}
                data-testid="holder-option"
                data-code={d.code}
              >
                <span className="holder-code" style={{ '--holder': holderColor(d.code) } as CSSProperties}>
                  {d.code}
                </span>{' '}
                {d.name}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {holders.length > 0 ? (
        <ul className="holder-list" aria-label="Holders">
          {holders.map((holder, i) => (
            <li key={holder.delegation} className="holder-row" data-testid="holder-row" data-code={holder.delegation}>
              <span className="holder-code" style={{ '--holder': holderColor(holder.delegation) } as CSSProperties}>
                {holder.delegation}
              </span>
              <span className="holder-name">{nameOf(holder.delegation)}</span>
              <select
                aria-label={`Stance of ${nameOf(holder.delegation)}`}
                value={holder.stance}
                onChange={(event) => onChange(holders.map((h, k) => (k === i ? { ...h, stance: event.target.value as Stance } : h)))}
                data-testid="holder-stance"
              >
                {Object.values(Stance).map((stance) => (
                  <option key={stance} value={stance}>
                    {stanceWords[stance]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="holder-remove"
                aria-label={`Remove ${nameOf(holder.delegation)}`}
                onClick={() => onChange(holders.filter((_, k) => k !== i))}
                data-testid="holder-remove"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="holder-none">No delegation yet.</p>
      )}
    </div>
  );
}
