/**
 * Publishes which paragraph this person is in: the one whose editor holds their caret (then marked as
 * editing); else the one holding the keyboard focus; else the one they are looking at: the paragraph they
 * last clicked in or went to while it stays in the middle of the window, else the paragraph on an eye line
 * in the part of the window the top bar does not cover. The eye line sits in the middle of that part and
 * moves up near the top of the text and down near its end, so the first and last paragraphs can be
 * "where" someone is; it is never simply the top of the screen.
 */
import { useEffect } from 'react';
import { focusedProposal } from '../editor/proposal-focus.ts';
import type { LiveNegotiation } from '../sync/live-negotiation.ts';
import { lookingAt, noteLookingAt, subscribeLookingAt } from './presence/reading-hint.ts';
import { shownParagraph, shownParagraphId, shownParagraphIdOf, shownParagraphSelector } from './shown-paragraph.ts';

const settleMs = 150;

/** Keeps the awareness location up to date while the document is on screen, in `view` (a new view publishes at once). */
export function useLocationPublisher(live: LiveNegotiation, view: string): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const publish = () => {
      timer = null;
      // Typing in a proposal counts as editing its paragraph (the proposal editor publishes which proposal).
      const caret = live.editors.getFocused() ?? focusedProposal()?.paragraphId ?? null;
      if (caret !== null) live.presence.setLocation(caret, true);
      else live.presence.setLocation(focusedParagraph() ?? paragraphInView(), false);
    };
    const onPointerDown = (event: PointerEvent) => {
      const id = event.target instanceof Element ? shownParagraphIdOf(event.target) : null;
      if (id !== null) noteLookingAt(id);
    };
    const schedule = () => {
      if (timer === null) timer = setTimeout(publish, settleMs);
    };
    publish();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule, { passive: true });
    document.addEventListener('focusin', schedule);
    document.addEventListener('focusout', schedule);
    document.addEventListener('pointerdown', onPointerDown);
    const unsubscribe = live.editors.subscribe(schedule);
    const unsubscribeHint = subscribeLookingAt(schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      document.removeEventListener('focusin', schedule);
      document.removeEventListener('focusout', schedule);
      document.removeEventListener('pointerdown', onPointerDown);
      unsubscribe();
      unsubscribeHint();
    };
  }, [live, view]);
}

/** The paragraph that holds the keyboard focus (its tab stop or a control in it), or null. */
function focusedParagraph(): string | null {
  const active = document.activeElement;
  return active && active !== document.body ? shownParagraphIdOf(active) : null;
}

/** The paragraph last turned to while it crosses the middle of the band, else the one on the eye line, else the nearest. */
export function paragraphInView(): string | null {
  const column = document.querySelector('.document');
  if (!column) return null;
  const { top, bottom } = visibleBand();
  const hinted = lookingAt();
  const element = hinted === null ? null : shownParagraph(hinted);
  if (element) {
    const box = element.getBoundingClientRect();
    const margin = (bottom - top) * 0.2;
    if (box.bottom > top + margin && box.top < bottom - margin) return hinted;
  }
  const scrollable = document.documentElement.scrollHeight - window.innerHeight;
  const progress = scrollable > 0 ? Math.min(1, Math.max(0, window.scrollY / scrollable)) : 0.5;
  const eye = top + (bottom - top) * (0.25 + 0.5 * progress);
  const box = column.getBoundingClientRect();
  for (const element of document.elementsFromPoint(box.left + box.width / 2, eye)) {
    if (!column.contains(element)) continue;
    const id = shownParagraphIdOf(element);
    if (id) return id;
  }
  return nearestTo(column.querySelectorAll(shownParagraphSelector), eye);
}

/** The part of the window below whatever sticks at its top (the bar, the notices). */
function visibleBand(): { top: number; bottom: number } {
  let top = 0;
  for (const selector of ['.topbar', '.notices']) {
    const element = document.querySelector(selector);
    if (!element || getComputedStyle(element).position !== 'sticky') continue;
    top = Math.max(top, element.getBoundingClientRect().bottom);
  }
  return { top: Math.min(top, window.innerHeight - 1), bottom: window.innerHeight };
}

/** Of paragraphs in document order (so in vertical order), the one nearest to `y`: a binary search. */
function nearestTo(elements: NodeListOf<Element>, y: number): string | null {
  if (elements.length === 0) return null;
  let low = 0;
  let high = elements.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((elements[middle] as Element).getBoundingClientRect().bottom < y) low = middle + 1;
    else high = middle;
  }
  const after = elements[low] as Element;
  const before = low > 0 ? (elements[low - 1] as Element) : null;
  const distance = (element: Element) => {
    const rect = element.getBoundingClientRect();
    return y < rect.top ? rect.top - y : y > rect.bottom ? y - rect.bottom : 0;
  };
  const nearest = before && distance(before) < distance(after) ? before : after;
  return shownParagraphId(nearest);
}
