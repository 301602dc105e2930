/**
 * Search-as-you-type over the ready list of delegations: "ken" finds Kenya (by code and name), "g77"
 * finds G77 and China, "uk" the United Kingdom (by the initials of its name), "cote" Côte d'Ivoire.
 */
import type { CatalogEntry } from '../../../shared/delegation-catalog.ts';

/** A catalog entry found for a query, and whether the negotiation already has it. */
export interface CatalogMatch {
  entry: CatalogEntry;
  added: boolean;
}

const minorWords = new Set(['of', 'and', 'the', 'for', 'de']);

/** Lower case without accents or punctuation: "Côte d'Ivoire" → "cote d ivoire". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** At most `limit` entries matching `query`, best first; those the negotiation has (`taken` codes) come last. */
export function searchCatalog(catalog: readonly CatalogEntry[], query: string, taken: ReadonlySet<string>, limit = 8): CatalogMatch[] {
  const q = fold(query);
  if (q === '') return [];
  const compact = q.replace(/ /g, '');
  const scored: { entry: CatalogEntry; score: number; added: boolean }[] = [];
  for (const entry of catalog) {
    const score = scoreOf(entry, q, compact);
    if (score === null) continue;
    const added = taken.has(entry.code);
    scored.push({ entry, score: score + (added ? 10 : 0), added });
  }
  scored.sort((a, b) => a.score - b.score || a.entry.name.localeCompare(b.entry.name));
  return scored.slice(0, limit).map(({ entry, added }) => ({ entry, added }));
}

// Lower is better; null when the entry does not match at all.
function scoreOf(entry: CatalogEntry, q: string, compact: string): number | null {
  const code = entry.code.toLowerCase().replace(/-/g, '');
  const name = fold(entry.name);
  if (code === compact || name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (code.startsWith(compact)) return 2;
  const words = name.split(' ');
  if (words.some((word) => word.startsWith(q))) return 3;
  const initials = words
    .filter((word) => !minorWords.has(word))
    .map((word) => word[0])
    .join('');
  if (compact.length >= 2 && initials.startsWith(compact)) return 3;
  if (name.includes(q)) return 4;
  return null;
}
