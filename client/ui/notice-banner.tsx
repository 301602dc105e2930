/**
 * A calm banner under the top bar for what the person must know: a refused change, a lost connection,
 * an invitation that stopped working. Never an alert().
 */
import type { ReactNode } from 'react';

/** Props: the tone (info for notices, warning for a lasting problem) and an optional dismiss action. */
export interface NoticeBannerProps {
  tone: 'info' | 'warning';
  children: ReactNode;
  onDismiss?: () => void;
}

/** The banner. */
export function NoticeBanner({ tone, children, onDismiss }: NoticeBannerProps) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'warning' ? 'alert' : 'status'} data-testid="notice">
      <p className="notice-text">{children}</p>
      {onDismiss ? (
        <button type="button" className="notice-dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
