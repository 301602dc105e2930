/**
 * Publishes which paragraph this person is looking at: the one under a reading line a third of the way
 * down the window, or the one whose editor holds the caret (then marked as editing).
 */
import { useEffect } from 'react';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';

const settleMs = 150;

/** Keeps the awareness location up to date while the document is on screen. */
export function useLocationPublisher(live: LiveNegotiation, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      const focused = live.editors.getFocused();
      if (focused !== null) {
        live.presence.setLocation(focused, true);
        return;
      }
      live.presence.setLocation(paragraphAtReadingLine(), false);
    };
    const schedule = () => {
      if (timer === null) timer = setTimeout(publish, settleMs);
    };
    publish();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    const unsubscribe = live.editors.subscribe(schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      unsubscribe();
    };
  }, [live, enabled]);
}

function paragraphAtReadingLine(): string | null {
  const column = document.querySelector('.document');
  if (!column) return null;
  const box = column.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = Math.min(window.innerHeight * 0.33, Math.max(box.top + 1, 0));
  const hit = document.elementFromPoint(x, y)?.closest('[data-paragraph-id]');
  if (hit) return hit.getAttribute('data-paragraph-id');
  // Between paragraphs: the last one that starts above the reading line.
  let last: string | null = null;
  for (const element of document.querySelectorAll('[data-paragraph-id]')) {
    if (element.getBoundingClientRect().top > y) break;
    last = element.getAttribute('data-paragraph-id');
  }
  return last;
}
