/**
 * Where a person is, in words a delegate uses: "¶12", "¶12, editing", "heading “Commitments”", "on no
 * paragraph"; and bringing that paragraph into view.
 */
import { plainText } from '../../../shared/model/text-run.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import type { DocumentStructure, ParagraphSlot } from '../../sync/negotiation-store.ts';
import type { Peer } from '../../sync/presence-store.ts';
import { shownParagraph } from '../shown-paragraph.ts';
import { noteLookingAt } from './reading-hint.ts';

/** A paragraph's place for lists: its short label ("¶12", "“Commitments”") and its spoken one. */
export interface Place {
  paragraphId: string;
  short: string;
  spoken: string;
}

/** Finds slots by paragraph id (build once per structure; a room of hundreds looks up each person). */
export function slotIndex(structure: DocumentStructure): ReadonlyMap<string, ParagraphSlot> {
  return new Map(structure.slots.map((slot) => [slot.id, slot]));
}

/** Where `peer` is, or null when not in any paragraph that exists. */
export function placeOf(peer: Peer, slots: ReadonlyMap<string, ParagraphSlot>, live: LiveNegotiation): Place | null {
  if (peer.paragraphId === null) return null;
  const slot = slots.get(peer.paragraphId);
  if (!slot) return null;
  const editing = peer.editing ? ', editing' : '';
  if (slot.number !== null) return { paragraphId: slot.id, short: `¶${slot.number}${editing}`, spoken: `paragraph ${slot.number}${editing}` };
  const text = plainText(live.store.getParagraph(slot.id)?.runs ?? []);
  const shown = text.length > 24 ? `${text.slice(0, 23)}…` : text;
  return { paragraphId: slot.id, short: `“${shown}”${editing}`, spoken: `heading ${text}${editing}` };
}

/** Scrolls paragraph `paragraphId` to the middle of the window and gives it the focus when it takes one. */
export function showParagraph(paragraphId: string): void {
  const element = shownParagraph(paragraphId);
  if (!element) return;
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  noteLookingAt(paragraphId);
  element.scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
  if (element.tabIndex >= 0) element.focus({ preventScroll: true });
}
