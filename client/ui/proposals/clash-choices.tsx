/**
 * After a refused accept (409) of a proposal written on an earlier text: where its words clash with what
 * the paragraph says now (read from this page's copy of the document by the very function the server's
 * accept uses, shared/commands/proposal-merge.ts), each clash with a choice between the current words, the
 * proposal's, or words the facilitator writes, and a button that sends the accept again with those choices
 * (`resolutions`, in clash order).
 */
import { useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { Clash, ClashChoice } from '../../../shared/amendments/three-way-merge.ts';
import { proposalClashes } from '../../../shared/commands/proposal-merge.ts';

/** Props: the doc and proposal, the texts the clashes depend on, whether a command is on its way, and what to do with the choices. */
export interface ClashChoicesProps {
  doc: Y.Doc;
  proposalId: string;
  /** The paragraph's text and the proposal's now: the clashes are read again when either changes. */
  current: string;
  proposed: string;
  busy: boolean;
  onResolve: (choices: ClashChoice[]) => void;
}

/** The clashes with a choice each, or nothing when the texts merge without one. */
export function ClashChoices({ doc, proposalId, current, proposed, busy, onResolve }: ClashChoicesProps) {
  // `current` and `proposed` stand for the document's state: the clashes change only when they do.
  const clashes = useMemo(() => proposalClashes(doc, proposalId), [doc, proposalId, current, proposed]);
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [own, setOwn] = useState<Record<number, string>>({});
  const name = useId();
  if (clashes.length === 0) return null;
  const chosen = clashes.map((_, i) => choices[i] ?? 'current');
  const resolutions = chosen.map((choice, i): ClashChoice => (choice === 'own' ? { text: own[i] ?? '' } : choice));
  const choose = (i: number, choice: Choice) => setChoices({ ...choices, [i]: choice });
  return (
    <fieldset className="proposal-clashes" data-testid="proposal-clashes">
      <legend>
        {clashes.length === 1 ? 'Where it clashes with the current text' : `${clashes.length} places where it clashes with the current text`}: choose the words to keep
      </legend>
      <ol>
        {clashes.map((clash, i) => (
          <li key={i}>
            <ClashLine clash={clash} />
            <label>
              <input type="radio" name={`${name}-${i}`} checked={chosen[i] === 'current'} onChange={() => choose(i, 'current')} />
              keep the current words
            </label>
            <label>
              <input type="radio" name={`${name}-${i}`} checked={chosen[i] === 'proposal'} onChange={() => choose(i, 'proposal')} />
              take the proposal’s
            </label>
            <label>
              <input type="radio" name={`${name}-${i}`} checked={chosen[i] === 'own'} onChange={() => choose(i, 'own')} />
              other words:
            </label>
            <input
              type="text"
              className="proposal-clash-own"
              aria-label={`Other words for clash ${i + 1}`}
              value={own[i] ?? ''}
              maxLength={20_000}
              onFocus={() => choose(i, 'own')}
              onChange={(event) => setOwn({ ...own, [i]: event.target.value })}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="proposal-button proposal-button--decide" disabled={busy} onClick={() => onResolve(resolutions)} data-testid="proposal-accept-resolved">
        Accept with these choices
      </button>
    </fieldset>
  );
}

type Choice = 'current' | 'proposal' | 'own';

function ClashLine({ clash }: { clash: Clash }) {
  return (
    <p className="proposal-clash">
      <span className="proposal-clash-side">
        was {quoted(clash.base.text)};
      </span>{' '}
      <span className="proposal-clash-side">now {quoted(clash.current.text)};</span>{' '}
      <span className="proposal-clash-side">proposed {quoted(clash.proposal.text)}</span>
    </p>
  );
}

function quoted(words: string): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  return flat === '' ? 'nothing' : `“${flat}”`;
}
