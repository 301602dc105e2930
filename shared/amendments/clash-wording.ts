/**
 * Clashes of a three-way merge in words a facilitator can act on: where the words read one thing when the
 * proposal was written, read another now, and the proposal asks for a third.
 */
import type { Clash } from './three-way-merge.ts';

// Past this many characters a quoted version is cut (the page shows the clashes in full from the document).
const maxQuoted = 120;

/** One clash in words: `where it read “A”, paragraph 5 now reads “B” and EU proposes “C”`. */
export function clashWording(clash: Clash, paragraph: string, delegation: string): string {
  return `where it read ${quoted(clash.base.text)}, ${paragraph} now reads ${quoted(clash.current.text)} and ${delegation} proposes ${quoted(clash.proposal.text)}`;
}

/** Every clash in words (the first `most`, then how many more), numbered when there are several: `1. where it read …; 2. where …`. */
export function clashesWording(clashes: readonly Clash[], paragraph: string, delegation: string, most = 10): string {
  if (clashes.length === 1) return clashWording(clashes[0] as Clash, paragraph, delegation);
  const listed = clashes.slice(0, most).map((clash, i) => `${i + 1}. ${clashWording(clash, paragraph, delegation)}`);
  const more = clashes.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function quoted(words: string): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'nothing';
  return `“${flat.length > maxQuoted ? `${flat.slice(0, maxQuoted - 1)}…` : flat}”`;
}
