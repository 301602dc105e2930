/**
 * Progress at a glance: how many numbered paragraphs are agreed, agreed ad ref, pending and bracketed,
 * each as a count in words, with a bar of the three statuses (the words carry it all; the bar only shows it);
 * then the open proposals, in all and for the delegations with the most.
 */
import type { Progress } from '../sync/negotiation-store.ts';

// Past this many, the other delegations' open proposals are summed in one line.
const topDelegations = 5;

/** "57 paragraphs · 3 agreed · 1 agreed ad ref · 53 pending · 12 bracketed · 40 open proposals". */
export function progressSentence(progress: Progress): string {
  return [
    `${progress.paragraphs} paragraph${progress.paragraphs === 1 ? '' : 's'}`,
    `${progress.agreed} agreed`,
    `${progress.agreedAdRef} agreed ad ref`,
    `${progress.pending} pending`,
    `${progress.bracketed} bracketed`,
    `${progress.openProposals} open proposal${progress.openProposals === 1 ? '' : 's'}`,
  ].join(' · ');
}

const rows = [
  { key: 'agreed', label: 'agreed', className: 'agreed' },
  { key: 'agreedAdRef', label: 'agreed ad ref', className: 'adref' },
  { key: 'pending', label: 'pending', className: 'pending' },
  { key: 'bracketed', label: 'bracketed', className: 'bracketed' },
] as const;

/** The summary: the bar, then one line per count. */
export function ProgressSummary({ progress }: { progress: Progress }) {
  const total = Math.max(progress.paragraphs, 1);
  const width = (count: number) => `${(count / total) * 100}%`;
  return (
    <section className="panel-section" aria-labelledby="progress-heading" data-testid="progress">
      <h2 className="panel-heading" id="progress-heading">
        Progress
      </h2>
      <div className="progress-bar" aria-hidden="true">
        <span className="progress-bar-agreed" style={{ width: width(progress.agreed) }} />
        <span className="progress-bar-adref" style={{ width: width(progress.agreedAdRef) }} />
      </div>
      <p className="progress-total">
        {progress.paragraphs} paragraph{progress.paragraphs === 1 ? '' : 's'}
      </p>
      <ul className="progress-counts">
        {rows.map(({ key, label, className }) => (
          <li key={key} className={`progress-count progress-count--${className}`} data-testid={`progress-${className}`}>
            <span className="progress-swatch" aria-hidden="true" />
            <span className="progress-number">{progress[key]}</span> {label}
          </li>
        ))}
      </ul>
      <OpenProposalCounts progress={progress} />
    </section>
  );
}

/** "40 open proposals", then the delegations with the most (code and count), and the rest summed. */
function OpenProposalCounts({ progress }: { progress: Progress }) {
  const top = progress.openByDelegation.slice(0, topDelegations);
  const others = progress.openByDelegation.slice(topDelegations);
  const rest = others.reduce((sum, entry) => sum + entry.count, 0);
  return (
    <div data-testid="progress-proposals">
      <p className="progress-total" data-testid="progress-open-proposals">
        {progress.openProposals} open proposal{progress.openProposals === 1 ? '' : 's'}
      </p>
      {top.length > 0 ? (
        <ul className="progress-counts" aria-label="Open proposals by delegation">
          {top.map(({ delegation, count }) => (
            <li key={delegation} className="progress-count" data-testid="progress-delegation">
              <span className="progress-number">{count}</span> {delegation}
            </li>
          ))}
          {rest > 0 ? (
            <li className="progress-count quiet">
              <span className="progress-number">{rest}</span> from {others.length} other delegation{others.length === 1 ? '' : 's'}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
