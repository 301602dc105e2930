/**
 * How this person reads the text: following the floor, the clean view. Kept in this browser (localStorage)
 * so a reload keeps them; a browser that refuses storage just forgets.
 */
import { useCallback, useEffect, useState } from 'react';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';

/** The storage keys of the view options. */
export const viewOptionKeys = { follow: 'draftroom:follow-floor', clean: 'draftroom:clean-view' } as const;

/** A boolean kept under `key`; returns the value and its setter. */
export function useStoredToggle(key: string, initial: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => readStored(key) ?? initial);
  const set = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        localStorage.setItem(key, next ? '1' : '0');
      } catch {
        // Storage refused (private mode, quota): the option lasts until the page closes.
      }
    },
    [key],
  );
  return [value, set];
}

function readStored(key: string): boolean | null {
  try {
    const stored = localStorage.getItem(key);
    return stored === null ? null : stored === '1';
  } catch {
    return null;
  }
}

/**
 * While `follow` is on, scrolls the floor paragraph into view whenever the floor moves (and when following
 * starts), unless this person's caret is in another paragraph: nobody is pulled away mid-sentence.
 */
export function useFollowFloor(live: LiveNegotiation, floor: string | null, follow: boolean): void {
  useEffect(() => {
    if (!follow || floor === null) return;
    const typing = live.editors.getFocused();
    if (typing !== null && typing !== floor) return;
    const element = document.querySelector(`[data-paragraph-id="${CSS.escape(floor)}"]`);
    const calm = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    element?.scrollIntoView({ block: 'center', behavior: calm ? 'auto' : 'smooth' });
  }, [live, floor, follow]);
}
