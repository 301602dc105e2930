/**
 * Merging activity entries that arrive from two places (pages over HTTP, live pushes) in any order: one
 * entry per id, the most grown copy of each, newest first.
 */
import type { ActivityEntry, ActivityPush } from '../protocol/activity.ts';

/**
 * `current` with `incoming` merged in, newest (largest id) first. Of two copies of one id the one that
 * grew later wins (a coalesced text edit arrives again as it grows; an HTTP page may be older or newer than
 * a push); on a tie the incoming copy. Returns `current` itself when nothing changed.
 */
export function mergeEntries(current: readonly ActivityEntry[], incoming: readonly ActivityEntry[]): readonly ActivityEntry[] {
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  let changed = false;
  for (const entry of incoming) {
    const known = byId.get(entry.id);
    if (known && (known === entry || known.lastAt > entry.lastAt)) continue;
    byId.set(entry.id, entry);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()].sort((a, b) => b.id - a.id);
}

/** The entries of a live push's JSON, or null when it is not one (a damaged message is dropped, never thrown). */
export function parseActivityPush(json: string): ActivityEntry[] | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const entries = (value as Partial<ActivityPush> | null)?.entries;
  if (!Array.isArray(entries)) return null;
  return entries.filter(isEntryShaped);
}

// The server writes these; the check keeps one malformed entry from breaking the feed's sorting and keys.
function isEntryShaped(entry: unknown): entry is ActivityEntry {
  const candidate = entry as Partial<ActivityEntry> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    Number.isSafeInteger(candidate.id) &&
    typeof candidate.at === 'string' &&
    typeof candidate.lastAt === 'string' &&
    typeof candidate.summary === 'string' &&
    typeof candidate.actor === 'object' &&
    candidate.actor !== null
  );
}
