/**
 * How brackets nest, derived from their spans alone so every reader draws the same shape from the same
 * spans: ordered by start, then longer first, then id; each one sits inside the nearest earlier bracket that
 * is still open at its start. Commands only make brackets that nest, and nesting survives every edit (see
 * anchor-order.ts), but a crossing pair is still drawn deterministically: the later one is cut at the end of
 * the one it starts in.
 */
import type { BracketSpan } from './bracket-snapshot.ts';

/** What nesting needs of a bracket. */
export interface Spanned {
  id: string;
  span: BracketSpan;
}

/** A bracket placed in the nesting: its span as drawn (cut when it crossed), depth and parent id. */
export interface Nested<T extends Spanned> {
  item: T;
  span: BracketSpan;
  depth: number;
  parent: string | null;
}

/** Reading order of brackets: by start, then longer first, then id. */
export function compareSpanned(a: Spanned, b: Spanned): number {
  return a.span.start - b.span.start || b.span.end - b.span.start - (a.span.end - a.span.start) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The brackets in reading order, each with its drawn span, depth and parent. */
export function nestBrackets<T extends Spanned>(items: readonly T[]): Nested<T>[] {
  const open: Nested<T>[] = [];
  return [...items].sort(compareSpanned).map((item) => {
    while (open.length > 0 && (open[open.length - 1] as Nested<T>).span.end <= item.span.start) open.pop();
    const outer = open[open.length - 1];
    const span = { start: item.span.start, end: outer ? Math.min(item.span.end, outer.span.end) : item.span.end };
    const placed: Nested<T> = { item, span, depth: open.length, parent: outer ? outer.item.id : null };
    open.push(placed);
    return placed;
  });
}
