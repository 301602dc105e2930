/**
 * How this person reads the text: following the floor, and the view (the text, the clean view, the
 * compilation). Kept in this browser (localStorage) so a reload keeps them; a browser that refuses storage
 * just forgets.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { shownParagraph } from '../shown-paragraph.ts';

/** The storage keys of the view options (`clean` is the key of the clean view before there were three views). */
export const viewOptionKeys = {
  follow: 'draftroom:follow-floor',
  view: 'draftroom:view',
  clean: 'draftroom:clean-view',
  decided: 'draftroom:compilation-decided',
} as const;

/** The three ways to read the document. */
export const DocumentViewMode = { text: 'text', clean: 'clean', compilation: 'compilation' } as const;

/** One of the values of DocumentViewMode. */
export type DocumentViewMode = (typeof DocumentViewMode)[keyof typeof DocumentViewMode];

/** The view this person reads in, kept under viewOptionKeys.view (an older "clean view" setting is read once); value and setter. */
export function useStoredView(): [DocumentViewMode, (view: DocumentViewMode) => void] {
  const [view, setView] = useState<DocumentViewMode>(readStoredView);
  const set = useCallback((next: DocumentViewMode) => {
    setView(next);
    writeStored(viewOptionKeys.view, next);
  }, []);
  return [view, set];
}

function readStoredView(): DocumentViewMode {
  const stored = readString(viewOptionKeys.view);
  if (stored !== null && (Object.values(DocumentViewMode) as string[]).includes(stored)) return stored as DocumentViewMode;
  return readStored(viewOptionKeys.clean) ? DocumentViewMode.clean : DocumentViewMode.text;
}

/** A boolean kept under `key`; returns the value and its setter. */
export function useStoredToggle(key: string, initial: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => readStored(key) ?? initial);
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      writeStored(key, next ? '1' : '0');
    },
    [key],
  );
  return [value, set];
}

/** The string kept under `key`, or null when there is none or storage is refused. */
export function readString(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Keeps `value` under `key` (null removes it); a refusal (private mode, quota) leaves the option to last until the page closes. */
export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage refused: nothing to do.
  }
}

function readStored(key: string): boolean | null {
  const stored = readString(key);
  return stored === null ? null : stored === '1';
}

/**
 * While `follow` is on, scrolls the floor paragraph into view whenever the floor moves (and when following
 * starts), unless this person's caret is in another paragraph: nobody is pulled away mid-sentence.
 */
export function useFollowFloor(live: LiveNegotiation, floor: string | null, follow: boolean): void {
  useEffect(() => {
    if (!follow || floor === null) return;
    const typing = live.editors.getFocused();
    // Only someone typing is left where they are; a reader's caret in read-only text does not hold the view.
    if (typing !== null && typing !== floor && live.editors.isEditable(typing)) return;
    const element = shownParagraph(floor);
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element?.scrollIntoView({ block: 'center', behavior: calm ? 'auto' : 'smooth' });
  }, [live, floor, follow]);
}
