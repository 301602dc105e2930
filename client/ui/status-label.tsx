/**
 * A paragraph's status as a small, quiet label in words: pending, agreed ad ref, agreed.
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

/** The status in the fewest words, for the narrow gutter of small screens ('' for pending: the default). */
export function shortStatusText(status: ParagraphStatus): string {
  switch (status) {
    case ParagraphStatus.pending:
      return '';
    case ParagraphStatus.agreedAdRef:
      return 'ad ref';
    case ParagraphStatus.agreed:
      return 'agreed';
  }
}

/** The label (`id` lets the paragraph be described by it); on narrow screens it shows the short words. */
export function StatusLabel({ status, id }: { status: ParagraphStatus; id?: string }) {
  const short = shortStatusText(status);
  return (
    <span id={id} className={`status-label status-label--${status}`} title={`Status: ${statusText(status)}`} data-testid="paragraph-status">
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text">
        <span className="visually-hidden">Status: </span>
        {statusText(status)}
      </span>
      {short ? (
        <span className="status-text-short" aria-hidden="true">
          {short}
        </span>
      ) : null}
    </span>
  );
}
