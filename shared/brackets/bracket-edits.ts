/**
 * What bracket decisions change, done on the document `apply` is given: records replaced whole or removed
 * (a group left with one bracket dissolves), and bracketed words deleted by character ranges computed from
 * that same document.
 */
import type * as Y from 'yjs';
import { getBrackets, paragraphCharacters, type BracketRecord } from '../model/bracket.ts';
import type { BracketSnapshot, BracketSpan } from './bracket-snapshot.ts';
import { readBrackets } from './read-brackets.ts';

/** Sets the group of each named record (replacing the record whole); missing ids are skipped. */
export function setGroups(doc: Y.Doc, ids: readonly string[], group: string | null): void {
  const records = getBrackets(doc);
  for (const id of ids) {
    const record = records.get(id);
    if (record && record.group !== group) records.set(id, { ...record, group });
  }
}

/** Removes the named records, then dissolves every group they leave with a single bracket. */
export function removeRecords(doc: Y.Doc, ids: readonly string[]): void {
  const records = getBrackets(doc);
  const groups = new Set<string>();
  for (const id of ids) {
    const group = records.get(id)?.group;
    if (group) groups.add(group);
    records.delete(id);
  }
  dissolveLoneGroups(doc, groups);
}

/** Sets to null the group of any of `groups` that has exactly one record left. */
export function dissolveLoneGroups(doc: Y.Doc, groups: Iterable<string>): void {
  const records = getBrackets(doc);
  for (const group of groups) {
    const members = [...records.entries()].filter(([, record]) => record.group === group);
    if (members.length === 1) setGroups(doc, [(members[0] as [string, BracketRecord])[0]], null);
  }
}

/**
 * The brackets that go when `target`'s words are deleted: those whose words all lie inside it, and the empty
 * ones nested in it (empty ones at its edges but outside it stay).
 */
export function bracketsWithin(brackets: readonly BracketSnapshot[], target: BracketSnapshot): BracketSnapshot[] {
  const byId = new Map(brackets.map((b) => [b.id, b]));
  const descends = (b: BracketSnapshot): boolean => {
    for (let at = b.parent; at !== null; at = byId.get(at)?.parent ?? null) if (at === target.id) return true;
    return false;
  };
  return brackets.filter(
    (b) => b.id !== target.id && b.span.start >= target.span.start && b.span.end <= target.span.end && (b.span.start < b.span.end || descends(b)),
  );
}

/** `spans` with `keep` cut out of them, merged, in descending order (ready to delete one by one). */
export function rangesToDelete(spans: readonly BracketSpan[], keep: BracketSpan | null = null): BracketSpan[] {
  const pieces = spans.flatMap((span) => {
    if (!keep || span.end <= keep.start || keep.end <= span.start) return [span];
    return [
      { start: span.start, end: Math.min(span.end, keep.start) },
      { start: Math.max(span.start, keep.end), end: span.end },
    ];
  });
  const sorted = pieces.filter((p) => p.start < p.end).sort((a, b) => a.start - b.start);
  const merged: BracketSpan[] = [];
  for (const piece of sorted) {
    const last = merged[merged.length - 1];
    if (last && piece.start <= last.end) last.end = Math.max(last.end, piece.end);
    else merged.push({ ...piece });
  }
  return merged.reverse();
}

/** `plain` with the ranges (descending, as rangesToDelete gives them) removed. */
export function withoutRanges(plain: string, ranges: readonly BracketSpan[]): string {
  return ranges.reduce((text, r) => text.slice(0, r.start) + text.slice(r.end), plain);
}

/**
 * Deletes the words of the brackets `deleteIds` of a paragraph (all but `keepId`'s words, when given) and
 * removes the records of those brackets, of the brackets inside them, and of `keepId` (lifted).
 */
export function deleteBracketedWords(doc: Y.Doc, paragraphId: string, deleteIds: readonly string[], keepId: string | null): void {
  const text = paragraphCharacters(doc, paragraphId);
  const brackets = readBrackets(doc, paragraphId);
  const doomed = brackets.filter((b) => deleteIds.includes(b.id));
  const keep = brackets.find((b) => b.id === keepId) ?? null;
  const gone = new Set([...doomed.map((b) => b.id), ...doomed.flatMap((b) => bracketsWithin(brackets, b)).map((b) => b.id)]);
  if (keep) gone.delete(keep.id);
  if (text) for (const range of rangesToDelete(doomed.map((b) => b.span), keep?.span ?? null)) text.delete(range.start, range.end - range.start);
  removeRecords(doc, [...gone, ...(keepId ? [keepId] : [])]);
}
