/**
 * What a person meant by their unsaved edits to paragraph (or proposal) text: the server's copy with the local copy's
 * own work merged in as Yjs merges it (others' words typed meanwhile stay where they were typed, the
 * person's where the person typed them), read as rich text. The replay then writes only the difference
 * (./text-edit.ts) as new edits, one paragraph at a time, each judged by the server's rule. Pure: reads
 * two Y.Docs, changes neither.
 */
import * as Y from 'yjs';
import { getParagraphText } from '../model/negotiation-doc.ts';
import { readRuns } from '../model/paragraph-fragment.ts';
import { getProposalText } from '../model/proposal.ts';
import type { TextRun } from '../model/text-run.ts';

/**
 * The merged rich text of each paragraph in `paragraphIds`: the server's copy plus what `local` wrote
 * that the server lacks. A paragraph the merged copy no longer has reads as the local copy has it.
 */
export function mergedParagraphRuns(local: Y.Doc, server: Y.Doc, paragraphIds: readonly string[]): Map<string, TextRun[]> {
  return mergedFragmentRuns(local, server, paragraphIds, getParagraphText);
}

/** The same for proposals' texts (a proposal's fragment holds one block, like a paragraph's). */
export function mergedProposalRuns(local: Y.Doc, server: Y.Doc, proposalIds: readonly string[]): Map<string, TextRun[]> {
  return mergedFragmentRuns(local, server, proposalIds, getProposalText);
}

/** The merged rich text of the fragment `fragmentOf(doc, id)` for each id (the local one when the merge has none). */
function mergedFragmentRuns(
  local: Y.Doc,
  server: Y.Doc,
  ids: readonly string[],
  fragmentOf: (doc: Y.Doc, id: string) => Y.XmlFragment | undefined,
): Map<string, TextRun[]> {
  const merged = new Map<string, TextRun[]>();
  if (ids.length === 0) return merged;
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(server));
    // Only what the server lacks (the person's work) and the local deletions; the rest is the server's.
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)));
    for (const id of ids) {
      const fragment = fragmentOf(scratch, id) ?? fragmentOf(local, id);
      merged.set(id, fragment ? readRuns(fragment) : []);
    }
  } finally {
    scratch.destroy();
  }
  return merged;
}
