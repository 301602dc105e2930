/**
 * When something happened, as people say it ("just now", "4 min ago", "yesterday, 14:05"), with the exact
 * time on hover and for assistive technology in the element's title and datetime. One shared clock ticks for
 * every label on the page, and only while some label is shown.
 */
import { useSyncExternalStore } from 'react';

const tickMs = 20_000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;
const listeners = new Set<() => void>();

function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of [...listeners]) notify();
    }, tickMs);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The page's clock in milliseconds, re-rendering its user every 20 s. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, () => now);
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const exactTimeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** `iso` relative to `nowMs`: "just now", "4 min ago", "2 h ago" (same day), "yesterday, 14:05", "12 Mar, 14:05". */
export function relativeTime(iso: string, nowMs: number): string {
  const then = new Date(iso);
  const seconds = Math.max(0, (nowMs - then.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 60 * 60) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  const today = new Date(nowMs);
  if (sameDay(then, today)) return `${Math.round(seconds / 3600)} h ago`;
  const yesterday = new Date(nowMs);
  yesterday.setDate(yesterday.getDate() - 1);
  if (sameDay(then, yesterday)) return `yesterday, ${timeOfDay.format(then)}`;
  return dayAndTime.format(then);
}

/** The exact time of `at`, or of the span from `at` to `lastAt` when they differ ("Monday… 14:02:11 to 14:05:40"). */
export function exactTime(at: string, lastAt: string = at): string {
  const start = new Date(at);
  const end = new Date(lastAt);
  if (at === lastAt || end.getTime() - start.getTime() < 1000) return exact.format(end);
  if (sameDay(start, end)) return `${exact.format(start)} to ${exactTimeOnly.format(end)}`;
  return `${exact.format(start)} to ${exact.format(end)}`;
}

/** A <time> reading when `lastAt` was, relative to now, with the exact span (from `at`) in its title. */
export function RelativeTime({ at, lastAt }: { at: string; lastAt: string }) {
  const nowMs = useNow();
  return (
    <time className="activity-time" dateTime={lastAt} title={exactTime(at, lastAt)}>
      {relativeTime(lastAt, nowMs)}
    </time>
  );
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}
