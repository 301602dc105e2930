/**
 * Markdown footnotes (`text[^1]` with `[^1]: note`) become the superscript markers of negotiated texts:
 * `[^1]` → `¹`, marker "1". A label that is not a number ([^note]) takes the next number not already used.
 */
import { toSuperscript } from '../superscript.ts';
import { ItemType, type Item } from './line-items.ts';

// Labels are short: a bound keeps a text full of `[^` from taking quadratic time.
const reference = /\[\^([^\]\s]{1,40})\](?!:)/g;

/** Rewrites `[^label]` references in the items' text as superscript markers and gives definitions the same markers. */
export function resolveMarkdownFootnotes(items: readonly Item[]): void {
  const markers = labelMarkers(items);
  if (markers.size === 0) return;
  for (const item of items) {
    if (item.type === ItemType.footnote) {
      if (item.markdown) item.label = markers.get(item.label) ?? item.label;
    } else {
      item.lines = item.lines.map((line) =>
        line.replace(reference, (_, label: string) => toSuperscript(markers.get(label) ?? label)),
      );
    }
  }
}

function labelMarkers(items: readonly Item[]): Map<string, string> {
  const labels: string[] = [];
  for (const item of items) {
    if (item.type === ItemType.footnote) continue;
    for (const line of item.lines) labels.push(...Array.from(line.matchAll(reference), (match) => match[1] ?? ''));
  }
  labels.push(...items.filter((item) => item.markdown).map((item) => item.label));
  const used = new Set(labels.filter((label) => /^\d+$/.test(label)));
  const markers = new Map<string, string>();
  let next = 1;
  for (const label of labels) {
    if (markers.has(label)) continue;
    if (used.has(label)) {
      markers.set(label, label);
      continue;
    }
    while (used.has(String(next))) next += 1;
    used.add(String(next));
    markers.set(label, String(next));
  }
  return markers;
}
