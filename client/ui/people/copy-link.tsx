/**
 * A "Copy link" button. Where the browser will not write to the clipboard (a page served over plain http
 * on a conference network, a refused permission), it shows the link selected instead, ready for Ctrl+C.
 */
import { useEffect, useRef, useState } from 'react';

/** Props: the link, what it is for (read by screen readers), whether to always show the link itself, and a compact button (in lists). */
export interface CopyLinkProps {
  url: string;
  /** "Kenya — Amina Diallo": makes the button's accessible name unique in a list. */
  label: string;
  showUrl?: boolean;
  small?: boolean;
}

type CopyState = 'idle' | 'copied' | 'select';

/** The button, and the link text when it is shown or when copying needs the person's own Ctrl+C. */
export function CopyLink({ url, label, showUrl = false, small = false }: CopyLinkProps) {
  const [state, setState] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    if (state === 'select') field.current?.select();
  }, [state]);

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      setState('select');
      field.current?.select();
    }
  };

  const visible = showUrl || state === 'select';
  return (
    <div className={`copy-link${visible ? ' copy-link--open' : ''}`}>
      {visible ? (
        <input
          ref={field}
          className="copy-link-url"
          type="text"
          readOnly
          value={url}
          aria-label={`Invitation link: ${label}`}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="link-url"
        />
      ) : null}
      <button type="button" className={`people-button copy-link-button${small ? ' people-button--small' : ''}`} onClick={() => void copy()} aria-label={`Copy link: ${label}`} data-testid="copy-link">
        {state === 'copied' ? 'Copied' : 'Copy link'}
      </button>
      {state === 'select' ? (
        <span className="people-hint copy-link-hint" role="status">
          Selected — press Ctrl+C (⌘C on a Mac) to copy.
        </span>
      ) : null}
      {state === 'copied' ? (
        <span className="people-sr-only" role="status">
          Link copied.
        </span>
      ) : null}
    </div>
  );
}
