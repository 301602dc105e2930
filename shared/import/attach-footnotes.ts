/**
 * A footnote belongs to the paragraph (or heading) whose text carries its marker, wherever on the page the
 * footnote itself was printed.
 */
import { superscriptMarkers } from '../superscript.ts';
import { entryText, type Entry, type LooseFootnote } from './body-entries.ts';

/**
 * Gives each footnote, in order, to the next entry whose text carries its marker and has no footnote with that
 * marker yet; one whose marker is nowhere (else) goes to the entry printed before it (or the first entry).
 */
export function attachFootnotes(entries: readonly Entry[], footnotes: readonly LooseFootnote[]): void {
  const carriers = markerCarriers(entries);
  for (const note of footnotes) {
    const queue = carriers.get(note.marker);
    const index = queue && queue.next < queue.indices.length ? queue.indices[queue.next++] : undefined;
    entries[index ?? Math.max(note.after, 0)]?.footnotes.push({ marker: note.marker, text: note.text });
  }
}

// For each marker, the indices of the entries whose text carries it, in order, and how many are taken.
function markerCarriers(entries: readonly Entry[]): Map<string, { indices: number[]; next: number }> {
  const carriers = new Map<string, { indices: number[]; next: number }>();
  entries.forEach((entry, i) => {
    for (const marker of new Set(superscriptMarkers(entryText(entry)))) {
      const queue = carriers.get(marker) ?? { indices: [], next: 0 };
      queue.indices.push(i);
      carriers.set(marker, queue);
    }
  });
  return carriers;
}
