/**
 * Progress at a glance: how many paragraphs are agreed, agreed ad ref and pending, with a thin bar.
 */
import type { Progress } from '../sync/negotiation-store.ts';

/** "57 paragraphs · 0 agreed · 57 pending", with ad ref shown once there is any. */
export function progressSentence(progress: Progress): string {
  const parts = [`${progress.paragraphs} paragraph${progress.paragraphs === 1 ? '' : 's'}`, `${progress.agreed} agreed`];
  if (progress.agreedAdRef > 0) parts.push(`${progress.agreedAdRef} agreed ad ref`);
  parts.push(`${progress.pending} pending`);
  return parts.join(' · ');
}

/** The summary with its bar. */
export function ProgressSummary({ progress }: { progress: Progress }) {
  const total = Math.max(progress.paragraphs, 1);
  const width = (count: number) => `${(count / total) * 100}%`;
  return (
    <section className="panel-section" aria-label="Progress" data-testid="progress">
      <h2 className="panel-heading">Progress</h2>
      <div className="progress-bar" aria-hidden="true">
        <span className="progress-bar-agreed" style={{ width: width(progress.agreed) }} />
        <span className="progress-bar-adref" style={{ width: width(progress.agreedAdRef) }} />
      </div>
      <p className="progress-text">{progressSentence(progress)}</p>
    </section>
  );
}
