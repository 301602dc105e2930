/**
 * Where an activity entry's paragraph is now (its number may have changed since, or it may be gone): the
 * short label on the entry's button and the words a screen reader says for it.
 */
import { plainText } from '../../../shared/model/text-run.ts';
import type { DocumentStructure } from '../../sync/negotiation-store.ts';
import type { NegotiationStore } from '../../sync/negotiation-store.ts';
import type { EntryPlace } from './activity-entry.tsx';

/** The place of paragraph `paragraphId` in `structure`, or null when it is not in the text any more. */
export function entryPlace(structure: DocumentStructure, store: NegotiationStore, paragraphId: string | null): EntryPlace | null {
  if (paragraphId === null) return null;
  const slot = structure.slots.find((candidate) => candidate.id === paragraphId);
  if (!slot) return null;
  if (slot.number !== null) return { short: `¶${slot.number}`, spoken: `paragraph ${slot.number}` };
  const text = plainText(store.getParagraph(slot.id)?.runs ?? []);
  const shown = text.length > 24 ? `${text.slice(0, 23)}…` : text;
  return { short: `“${shown}”`, spoken: `the heading ${text}` };
}

/** The title of a paragraph's history: "paragraph 12", "the heading Commitments", or "a paragraph no longer in the text". */
export function placeName(place: EntryPlace | null): string {
  return place?.spoken ?? 'a paragraph no longer in the text';
}
