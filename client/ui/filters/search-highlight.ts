/**
 * Marks where the search occurs in the text view: in each paragraph's words (its editor or its static
 * HTML) and in each proposal's words. It uses the CSS Custom Highlight API, so nothing is added to the
 * DOM that ProseMirror or React own: the ranges are only painted (`::highlight(draftroom-search)` in
 * filters.css). They are found again when the page's text changes (an editor mounts, someone types).
 */
import { useEffect } from 'react';
import { searchKey, searchRanges } from './document-filters.ts';

/** The name the ranges are painted under. */
export const searchHighlightName = 'draftroom-search';

// Where a search looks: the words of a paragraph, a heading, and a proposal.
const searched = '.document :is(.para-text, .para-heading, [data-testid="proposal-words"])';

const settleMs = 120;

/** While `search` has words and `enabled` holds, paints where it occurs in the text view; clears it after. */
export function useSearchHighlight(search: string, enabled: boolean): void {
  useEffect(() => {
    const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    if (!registry || !enabled || searchKey(search) === '') return;
    const column = document.querySelector('.document');
    if (!column) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const paint = () => {
      timer = null;
      registry.set(searchHighlightName, new Highlight(...[...column.querySelectorAll(searched)].flatMap((element) => rangesIn(element, search))));
    };
    const observer = new MutationObserver(() => {
      if (timer === null) timer = setTimeout(paint, settleMs);
    });
    observer.observe(column, { subtree: true, childList: true, characterData: true });
    paint();
    return () => {
      observer.disconnect();
      if (timer !== null) clearTimeout(timer);
      registry.delete(searchHighlightName);
    };
  }, [search, enabled]);
}

/** The DOM ranges of `search` in the visible text of `element` (text hidden for screen readers only is skipped). */
function rangesIn(element: Element, search: string): Range[] {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('.visually-hidden') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  const text = nodes.map((node) => node.data).join('');
  const starts: number[] = [];
  let length = 0;
  for (const node of nodes) {
    starts.push(length);
    length += node.data.length;
  }
  return searchRanges(text, search).map(([from, to]) => {
    const range = document.createRange();
    const [startNode, startOffset] = locate(nodes, starts, from, false);
    const [endNode, endOffset] = locate(nodes, starts, to, true);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    return range;
  });
}

/** The text node and offset of character `at` of the joined text; at a boundary, the end of the node before when `ending`. */
function locate(nodes: readonly Text[], starts: readonly number[], at: number, ending: boolean): [Text, number] {
  let index = 0;
  while (index + 1 < nodes.length && (ending ? (starts[index + 1] as number) < at : (starts[index + 1] as number) <= at)) index += 1;
  return [nodes[index] as Text, at - (starts[index] as number)];
}
