/**
 * The paragraphs taken out of the text, placed where they stood: by an accepted delete-paragraph proposal
 * whose paragraph is not in the order, or by a facilitator's delete-paragraph command (its kept copy in the
 * document's `removed` map, shared/model/removed-paragraph.ts). Each is shown after the paragraph a put-back
 * would follow (shared/commands/kept-place.ts: keptPlace), at the top when it was first, and after the
 * last paragraph when that place is gone too or no copy of it was kept. One line per paragraph: of several
 * deletions of it, the latest.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { keptCopy, keptPlace } from '../../../shared/commands/kept-place.ts';
import { headingLabel, numberingInputs } from '../../../shared/commands/paragraph-facts.ts';
import { ParagraphKind } from '../../../shared/model/paragraph.ts';
import { ProposalKind, ProposalStatus, type KeptParagraph, type ProposalSnapshot } from '../../../shared/model/proposal.ts';
import { getRemoved, readRemovedParagraphs, type RemovedEntry } from '../../../shared/model/removed-paragraph.ts';
import { plainText } from '../../../shared/model/text-run.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { numberParagraphs, type NumberingInput } from '../../../shared/numbering.ts';
import type { ParagraphSlot } from '../../sync/negotiation-store.ts';

/** What took a paragraph out of the text: an accepted proposal, or a facilitator directly. */
export type Deletion =
  | { kind: 'proposal'; key: string; paragraphId: string; at: string; kept: KeptParagraph | null; proposal: ProposalSnapshot }
  | { kind: 'direct'; key: string; paragraphId: string; at: string; kept: KeptParagraph; by: string };

/** One deleted paragraph as its line shows it. */
export interface DeletedParagraph {
  deletion: Deletion;
  /** "Paragraph 12" (its number with every deleted paragraph shown put back), "The heading “…”", "A paragraph". */
  label: string;
  /** Where it shows: where it stood, where a put-back would place it now that its paragraph before is gone, or after the text. */
  place: 'stood' | 'moved' | 'lost';
}

/** The deleted paragraphs by where their lines go. */
export interface DeletedPlaces {
  /** Lines after the paragraph with this id (null: before the first paragraph), in the order they stood. */
  after: ReadonlyMap<string | null, readonly DeletedParagraph[]>;
  /** Lines whose place is gone (or unknown), shown after the last paragraph. */
  lost: readonly DeletedParagraph[];
}

const noDeletions: readonly ProposalSnapshot[] = Object.freeze([]);
const noRemovals: readonly RemovedEntry[] = Object.freeze([]);
const nowhere: DeletedPlaces = { after: new Map(), lost: [] };

/** Every deletion of the live copy: accepted deletions and a facilitator's; the same array while none changes (typing elsewhere re-renders nothing). */
export function useDeletions(live: LiveNegotiation): readonly Deletion[] {
  const accepted = useAcceptedDeletions(live);
  const removed = useRemovedParagraphs(live);
  return useMemo(
    () => [
      ...accepted.flatMap((proposal): Deletion[] =>
        proposal.paragraphId === null ? [] : [{ kind: 'proposal', key: proposal.id, paragraphId: proposal.paragraphId, at: proposal.decision?.at ?? proposal.createdAt, kept: keptCopy(proposal.decision), proposal }],
      ),
      ...removed.map(directDeletion),
    ],
    [accepted, removed],
  );
}

/** A facilitator's deletion kept in the document, as a Deletion. */
export function directDeletion(entry: RemovedEntry): Deletion {
  return { kind: 'direct', key: `removed-${entry.id}`, paragraphId: entry.id, at: entry.at, kept: entry.paragraph, by: entry.by };
}

/** Accepted paragraph deletions of the live copy, oldest first; the same array while they do not change. */
function useAcceptedDeletions(live: LiveNegotiation): readonly ProposalSnapshot[] {
  const read = useMemo(() => {
    let source: readonly ProposalSnapshot[] | null = null;
    let result = noDeletions;
    return () => {
      const all = live.proposals.getAll();
      if (all === source) return result;
      source = all;
      const next = all.filter((p) => p.kind === ProposalKind.deleteParagraph && p.status === ProposalStatus.accepted);
      if (next.length !== result.length || next.some((p, i) => p !== result[i])) result = next.length === 0 ? noDeletions : next;
      return result;
    };
  }, [live]);
  return useSyncExternalStore(live.proposals.subscribe, read);
}

/** The paragraphs a facilitator deleted, kept to be put back, oldest first; read again only when that map changes. */
function useRemovedParagraphs(live: LiveNegotiation): readonly RemovedEntry[] {
  const store = useMemo(() => {
    let result: readonly RemovedEntry[] | null = null;
    const map = getRemoved(live.doc);
    return {
      subscribe: (listener: () => void) => {
        const changed = () => {
          result = null;
          listener();
        };
        map.observe(changed);
        return () => map.unobserve(changed);
      },
      read: () => {
        if (result === null) {
          const all = readRemovedParagraphs(live.doc);
          result = all.length === 0 ? noRemovals : all;
        }
        return result;
      },
    };
  }, [live]);
  return useSyncExternalStore(store.subscribe, store.read);
}

/**
 * Where each deleted paragraph's line goes, given the paragraphs now in the text (`slots`, the order of
 * `doc`) and the revision `round`: at one place, in the order they stood. Each is numbered as if every line
 * were put back.
 */
export function placeDeletedParagraphs(doc: Y.Doc, deletions: readonly Deletion[], slots: readonly ParagraphSlot[], round: number): DeletedPlaces {
  if (deletions.length === 0) return nowhere;
  const standing = new Set(slots.map((slot) => slot.id));
  const latest = new Map<string, Deletion>();
  for (const deletion of deletions) {
    if (standing.has(deletion.paragraphId)) continue;
    const seen = latest.get(deletion.paragraphId);
    if (!seen || byAge(seen, deletion) <= 0) latest.set(deletion.paragraphId, deletion);
  }
  if (latest.size === 0) return nowhere;
  const groups = new Map<string | null, Placed[]>();
  const lost: DeletedParagraph[] = [];
  // The copies the chains of deleted neighbours run through: the latest deletion of each paragraph, as read above.
  const copies = new Map([...latest].flatMap(([id, deletion]) => (deletion.kept ? [[id, deletion.kept] as const] : [])));
  for (const deletion of latest.values()) {
    const { kept } = deletion;
    const place = kept ? keptPlace(doc, kept, copies) : null;
    if (!kept || !place || (place.afterId !== null && !standing.has(place.afterId))) {
      lost.push({ deletion, label: kept?.kind === ParagraphKind.heading ? keptHeadingLabel(kept) : 'A paragraph', place: 'lost' });
      continue;
    }
    const group = groups.get(place.afterId) ?? [];
    group.push({ deletion, kept, moved: place.moved, rank: place.rank });
    groups.set(place.afterId, group);
  }
  for (const group of groups.values()) group.sort(byPlace);
  lost.sort((a, b) => byAge(a.deletion, b.deletion));
  return { after: numbered(doc, slots, groups, round), lost };
}

interface Placed {
  deletion: Deletion;
  kept: KeptParagraph;
  moved: boolean;
  rank: number;
}

// Numbers over the text with every placed line put back, so lines at one place read 5, 6 and not 5, 5.
function numbered(doc: Y.Doc, slots: readonly ParagraphSlot[], groups: ReadonlyMap<string | null, readonly Placed[]>, round: number): Map<string | null, DeletedParagraph[]> {
  const inputs: NumberingInput[] = [];
  const at = new Map<Placed, number>();
  const add = (group: readonly Placed[] | undefined) => {
    for (const line of group ?? []) {
      at.set(line, inputs.length);
      inputs.push({ kind: line.kept.kind, addedInRound: line.kept.addedInRound });
    }
  };
  add(groups.get(null));
  const standing = numberingInputs(doc, slots.map((slot) => slot.id));
  slots.forEach((slot, i) => {
    inputs.push(standing[i] as NumberingInput);
    add(groups.get(slot.id));
  });
  const numbers = numberParagraphs(inputs, round);
  const after = new Map<string | null, DeletedParagraph[]>();
  for (const [key, group] of groups) {
    after.set(
      key,
      group.map((line) => ({
        deletion: line.deletion,
        label: line.kept.kind === ParagraphKind.heading ? keptHeadingLabel(line.kept) : `Paragraph ${numbers[at.get(line) ?? -1] ?? '?'}`,
        place: line.moved ? 'moved' : 'stood',
      })),
    );
  }
  return after;
}

// In the order they stood (keptPlace's rank); copies that do not know it, oldest deletion first.
function byPlace(a: Placed, b: Placed): number {
  return a.rank - b.rank || byAge(a.deletion, b.deletion);
}

function byAge(a: Deletion, b: Deletion): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The words of the deleted paragraph as plain text: its kept copy, else the text the acceptance recorded, else the text it was proposed on. */
export function deletedWords({ deletion }: DeletedParagraph): string {
  if (deletion.kept) return plainText(deletion.kept.runs);
  return deletion.kind === 'proposal' ? (deletion.proposal.decision?.before ?? deletion.proposal.basedOn) : '';
}

// "The heading “…”", "A heading": a line starts with it.
function keptHeadingLabel(kept: KeptParagraph): string {
  const text = plainText(kept.runs);
  return text.trim() === '' ? 'A heading' : `T${headingLabel(text).slice(1)}`;
}
