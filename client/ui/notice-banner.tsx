/**
 * A calm banner under the top bar for what the person must know: a refused change, a lost connection,
 * an invitation that stopped working. Never an alert(). A text notice of several lines ("\n") shows its
 * first line as the message and the others as a list (what became of each unsaved change).
 */
import type { ReactNode } from 'react';
import './styles/notice-list.css';

/** Props: the tone (info for notices, warning for a lasting problem), an optional action (a button: "Reload") and an optional dismiss action. */
export interface NoticeBannerProps {
  tone: 'info' | 'warning';
  children: ReactNode;
  action?: { label: string; onClick: () => void };
  onDismiss?: () => void;
}

/** The banner. */
export function NoticeBanner({ tone, children, action, onDismiss }: NoticeBannerProps) {
  const lines = typeof children === 'string' ? children.split('\n').filter((line) => line.trim() !== '') : null;
  const listed = lines !== null && lines.length > 1;
  return (
    <div className={`notice notice--${tone}${listed ? ' notice--listed' : ''}`} role={tone === 'warning' ? 'alert' : 'status'} data-testid="notice">
      {listed ? (
        <div className="notice-body">
          <p className="notice-text">{lines[0]}</p>
          <ul className="notice-list" data-testid="notice-list">
            {lines.slice(1).map((line, i) => (
              <li key={i} className={/ not kept: /.test(line) ? 'notice-item notice-item--dropped' : 'notice-item notice-item--kept'}>
                {line}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice-text">{children}</p>
      )}
      {action ? (
        <button type="button" className="notice-button" onClick={action.onClick} data-testid="notice-action">
          {action.label}
        </button>
      ) : null}
      {onDismiss ? (
        <button type="button" className="notice-button" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
