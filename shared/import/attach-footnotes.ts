/**
 * A footnote belongs to the paragraph (or heading) whose text carries its marker, wherever on the page the
 * footnote itself was printed.
 */
import { superscriptMarkers } from '../superscript.ts';
import type { Entry, LooseFootnote } from './body-entries.ts';

/**
 * Gives each footnote, in order, to the first entry whose text has its marker and no footnote with that marker
 * yet; one whose marker is nowhere goes to the entry printed before it (or the first entry).
 */
export function attachFootnotes(entries: readonly Entry[], footnotes: readonly LooseFootnote[]): void {
  const markers = entries.map((entry) => superscriptMarkers(entry.text));
  for (const note of footnotes) {
    const owner =
      entries.find(
        (entry, i) =>
          markers[i]?.includes(note.marker) && !entry.footnotes.some((footnote) => footnote.marker === note.marker),
      ) ?? entries[Math.max(note.after, 0)];
    owner?.footnotes.push({ marker: note.marker, text: note.text });
  }
}
