/**
 * A plain centered page with a title and a few sentences: loading, an invalid invitation, a missing page.
 */
import type { ReactNode } from 'react';

/** Props: the title, optional body, a quiet (loading) look, and a test hook. */
export interface MessagePageProps {
  title: string;
  children?: ReactNode;
  quiet?: boolean;
  testId?: string;
}

/** The page. */
export function MessagePage({ title, children, quiet = false, testId }: MessagePageProps) {
  return (
    <div className={`message-page${quiet ? ' message-page--quiet' : ''}`} data-testid={testId}>
      <div className="message-card">
        <p className="product">Draftroom</p>
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}
