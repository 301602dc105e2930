/**
 * A paragraph's status as a small, quiet label: pending, agreed ad ref, agreed.
 */
import { ParagraphStatus } from '../../shared/model/paragraph.ts';

/** The status's words as delegates say them. */
export function statusText(status: ParagraphStatus): string {
  switch (status) {
    case ParagraphStatus.pending:
      return 'pending';
    case ParagraphStatus.agreedAdRef:
      return 'agreed ad ref';
    case ParagraphStatus.agreed:
      return 'agreed';
  }
}

/** The label; its colour dot stays visible on narrow screens where the words are hidden. */
export function StatusLabel({ status }: { status: ParagraphStatus }) {
  return (
    <span className={`status-label status-label--${status}`} title={`Status: ${statusText(status)}`} data-testid="paragraph-status">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">{statusText(status)}</span>
    </span>
  );
}
