/**
 * restore-paragraph: a paragraph a facilitator deleted directly comes back as it was kept
 * (shared/model/removed-paragraph.ts), under its own id and its brackets' own ids, where it stood (or next to
 * the neighbour still there), so the proposals and activity that name it point at it again.
 */
import type * as Y from 'yjs';
import { getRemoved, readRemovedParagraph } from '../model/removed-paragraph.ts';
import { plainText } from '../model/text-run.ts';
import type { CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type Decision } from './decision.ts';
import { restoration, restoreParagraph } from './kept-paragraph.ts';

/** Decides restore-paragraph (the role is checked already). */
export function decideRestore(doc: Y.Doc, { paragraphId }: CommandOf<'restore-paragraph'>): Decision {
  const removed = readRemovedParagraph(doc, paragraphId);
  if (!removed) {
    return refuse('conflict', 'that paragraph was not kept to be put back (it was too large, deleted before deletions were kept, or is not among the latest deletions): insert it again');
  }
  const { paragraph: kept, by } = removed;
  const back = restoration(doc, paragraphId, kept, by);
  if ('ok' in back) return back;
  const { place, label, where } = back;
  return accept(
    (target) => {
      restoreParagraph(target, paragraphId, kept, place);
      getRemoved(target).delete(paragraphId);
    },
    { paragraphId, summary: `put back ${label}, which ${by} had deleted${where}`, before: '', after: plainText(kept.runs) },
    { paragraphId },
  );
}
