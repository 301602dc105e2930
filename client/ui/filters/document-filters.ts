/**
 * Filters on the document: which paragraphs the text view and the compilation view show. A paragraph is
 * shown when it passes every filter that is set; a heading when a paragraph of its section is shown.
 * Pure functions over snapshots, so the views and their tests share one rule.
 */
import { ParagraphKind, isParagraphStatus, type ParagraphSnapshot, type ParagraphStatus } from '../../../shared/model/paragraph.ts';
import { ProposalStatus, type ProposalSnapshot } from '../../../shared/model/proposal.ts';
import { plainText } from '../../../shared/model/text-run.ts';

/** What the person filters by; the empty value of each field is "any". */
export interface DocumentFilters {
  /** Words to find in the paragraph's text or in one of its proposals (case and accents ignored). */
  search: string;
  /** Paragraphs where this delegation has a proposal (withdrawn ones do not count), or null. */
  delegation: string | null;
  /** Paragraphs with at least one open (pending) proposal. */
  openProposals: boolean;
  /** Paragraphs holding at least one bracket. */
  bracketed: boolean;
  /** Paragraphs of this status, or null. */
  status: ParagraphStatus | null;
}

/** No filter set: every paragraph shown. */
export const noFilters: DocumentFilters = Object.freeze({ search: '', delegation: null, openProposals: false, bracketed: false, status: null });

/** What a filtered document shows. */
export interface Visibility {
  /** The ids of the paragraphs and headings shown. */
  ids: ReadonlySet<string>;
  /** Numbered paragraphs shown, and in all (headings are not counted). */
  shown: number;
  total: number;
}

/** A slot of the document as the filters see it. */
export interface FilterSlot {
  id: string;
  kind: ParagraphKind;
}

/** True when at least one filter is set. */
export function filtersActive(filters: DocumentFilters): boolean {
  return searchKey(filters.search) !== '' || filters.delegation !== null || filters.openProposals || filters.bracketed || filters.status !== null;
}

/** `text` as the search compares it: accents stripped, lower case, runs of space as one. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const keyCache = new WeakMap<object, string>();

// A snapshot keeps its identity until it changes: its search key is computed once.
function cachedKey(owner: ParagraphSnapshot | ProposalSnapshot, text: () => string): string {
  let key = keyCache.get(owner);
  if (key === undefined) keyCache.set(owner, (key = searchKey(text())));
  return key;
}

/** True when the paragraph, with the proposals standing under it, passes every filter set. */
export function paragraphMatches(paragraph: ParagraphSnapshot, proposals: readonly ProposalSnapshot[], filters: DocumentFilters): boolean {
  if (filters.status !== null && paragraph.status !== filters.status) return false;
  if (filters.bracketed && (paragraph.brackets?.length ?? 0) === 0) return false;
  if (filters.openProposals && !proposals.some((p) => p.status === ProposalStatus.pending)) return false;
  if (filters.delegation !== null && !proposals.some((p) => p.delegation === filters.delegation && p.status !== ProposalStatus.withdrawn)) return false;
  const wanted = searchKey(filters.search);
  if (wanted === '') return true;
  if (cachedKey(paragraph, () => plainText(paragraph.runs)).includes(wanted)) return true;
  return proposals.some((p) => cachedKey(p, () => `${p.text}\n${p.rationale}`).includes(wanted));
}

/**
 * The paragraphs `filters` let through, with their headings; `keep` (the paragraph being edited) stays
 * shown whatever it now reads, so nobody's paragraph vanishes under their caret.
 */
export function visibleParagraphs(
  slots: readonly FilterSlot[],
  paragraph: (id: string) => ParagraphSnapshot | undefined,
  proposals: (id: string) => readonly ProposalSnapshot[],
  filters: DocumentFilters,
  keep: string | null = null,
): Visibility {
  const ids = new Set<string>();
  let shown = 0;
  let total = 0;
  let heading: string | null = null;
  for (const slot of slots) {
    if (slot.kind === ParagraphKind.heading) {
      heading = slot.id;
      continue;
    }
    total += 1;
    const snapshot = paragraph(slot.id);
    if (slot.id !== keep && (!snapshot || !paragraphMatches(snapshot, proposals(slot.id), filters))) continue;
    shown += 1;
    ids.add(slot.id);
    if (heading !== null) ids.add(heading);
  }
  return { ids, shown, total };
}

/** "12 of 148 paragraphs". */
export function visibilitySentence(visibility: Visibility): string {
  return `${visibility.shown} of ${visibility.total} paragraph${visibility.total === 1 ? '' : 's'}`;
}

/** Filters read back from storage: anything unreadable reads as not set. */
export function parseFilters(raw: string | null): DocumentFilters {
  if (raw === null) return noFilters;
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object') return noFilters;
    const record = value as Record<string, unknown>;
    return {
      search: typeof record.search === 'string' ? record.search.slice(0, 200) : '',
      delegation: typeof record.delegation === 'string' && /^[A-Z0-9][A-Z0-9-]{1,15}$/.test(record.delegation) ? record.delegation : null,
      openProposals: record.openProposals === true,
      bracketed: record.bracketed === true,
      status: isParagraphStatus(record.status) ? record.status : null,
    };
  } catch {
    return noFilters;
  }
}

/** Where `wanted` (a search, compared as searchKey compares) occurs in `text`, as [start, end) ranges; none when it cannot say exactly. */
export function searchRanges(text: string, wanted: string): [number, number][] {
  const key = searchKey(wanted);
  if (key === '') return [];
  // Fold character by character so positions in the folded text are positions in `text`.
  let folded = '';
  for (const char of text) {
    const one = char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s/, ' ');
    if (one.length !== char.length) return [];
    folded += one;
  }
  const ranges: [number, number][] = [];
  for (let at = folded.indexOf(key); at >= 0; at = folded.indexOf(key, at + key.length)) ranges.push([at, at + key.length]);
  return ranges;
}
