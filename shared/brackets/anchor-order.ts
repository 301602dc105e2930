/**
 * Bracket anchors in the order of the paragraph's Yjs items, deleted ones included. A character index says
 * where a bracket reads now; the item order says where it will read after any concurrent edit, because items
 * never reorder and a relative position resolves monotonically along them. Two brackets that nest in item
 * order nest in every state any client can reach, so new anchors are chosen in item order, not by index.
 *
 * A "gap" is a place between two items, numbered by the items (and deleted items) before it: a start anchor
 * (assoc 0) on the character at full offset o is gap o; an end anchor (assoc -1) on it is gap o + 1.
 */
import type * as Y from 'yjs';
import type { RelativePositionJson } from '../protocol/presence.ts';

interface Piece {
  client: number;
  clock: number;
  /** Offset of the piece's first character among all characters, deleted ones included. */
  full: number;
  length: number;
}

/** A paragraph text's characters, deleted ones included, as anchors need them. */
export interface TextLayout {
  pieces: Piece[];
  /** How many characters the item list holds, deleted ones included. */
  fullLength: number;
  /** The full offset of each live character, by its index in the text. */
  liveFull: number[];
}

/** A bracket's anchors as gaps: start <= end, and start < end for every bracket made by a command. */
export interface GapRange {
  start: number;
  end: number;
}

/** Lays out `text`'s countable items (live and deleted) with their full offsets. */
export function textLayout(text: Y.XmlText): TextLayout {
  const pieces: Piece[] = [];
  const liveFull: number[] = [];
  let full = 0;
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.countable) continue;
    pieces.push({ client: item.id.client, clock: item.id.clock, full, length: item.length });
    if (!item.deleted) for (let k = 0; k < item.length; k++) liveFull.push(full + k);
    full += item.length;
  }
  return { pieces, fullLength: full, liveFull };
}

/** The gap a stored anchor stands at, or null when it names no character of this text. */
export function gapOf(layout: TextLayout, position: RelativePositionJson): number | null {
  const id = position.item;
  if (!id) return null;
  const piece = layout.pieces.find((p) => p.client === id.client && p.clock <= id.clock && id.clock < p.clock + p.length);
  if (!piece) return null;
  return piece.full + (id.clock - piece.clock) + (position.assoc < 0 ? 1 : 0);
}

/** The gaps of a stored start and end, or null when either names no character of this text. */
export function gapRange(layout: TextLayout, start: RelativePositionJson, end: RelativePositionJson): GapRange | null {
  const a = gapOf(layout, start);
  const b = gapOf(layout, end);
  return a === null || b === null ? null : { start: a, end: Math.max(a, b) };
}

/** True unless the two ranges cross (one starts strictly inside the other and ends strictly outside it). */
export function gapsNest(a: GapRange, b: GapRange): boolean {
  const crosses = (x: GapRange, y: GapRange) => x.start < y.start && y.start < x.end && x.end < y.end;
  return !crosses(a, b) && !crosses(b, a);
}

/** True when the two ranges share no character (touching is allowed). */
export function gapsDisjoint(a: GapRange, b: GapRange): boolean {
  return a.end <= b.start || b.end <= a.start;
}

/**
 * Anchors for the live characters [from, to) (from < to) that nest with every range of `nestWith` and are
 * disjoint from every range of `apartFrom`, in item order; the tightest such anchors (on the first and last
 * live character) when they do. Null when no choice does.
 */
export function chooseAnchors(
  layout: TextLayout,
  from: number,
  to: number,
  nestWith: readonly GapRange[],
  apartFrom: readonly GapRange[] = [],
): { start: RelativePositionJson; end: RelativePositionJson; gaps: GapRange } | null {
  const live = layout.liveFull;
  if (!(from >= 0 && from < to && to <= live.length)) return null;
  const startZone = { lo: from === 0 ? 0 : (live[from - 1] as number) + 1, hi: live[from] as number };
  const endZone = { lo: (live[to - 1] as number) + 1, hi: to === live.length ? layout.fullLength : (live[to] as number) };
  const all = [...nestWith, ...apartFrom].flatMap((range) => [range.start, range.end]);
  const within = (zone: { lo: number; hi: number }) => all.filter((gap) => gap >= zone.lo && gap <= zone.hi);
  // Any choice can slide to the nearest existing anchor (or zone edge) without changing an order that matters.
  const starts = [...new Set([startZone.hi, startZone.lo, ...within(startZone)])].sort((a, b) => b - a);
  const ends = [...new Set([endZone.lo, endZone.hi, ...within(endZone)])].sort((a, b) => a - b);
  for (const start of starts) {
    for (const end of ends) {
      const gaps = { start, end };
      if (start >= end) continue;
      if (!nestWith.every((range) => gapsNest(gaps, range))) continue;
      if (!apartFrom.every((range) => gapsDisjoint(gaps, range))) continue;
      return { start: anchorAt(layout, start, 0), end: anchorAt(layout, end - 1, -1), gaps };
    }
  }
  return null;
}

// The stored form of a relative position: every key present, as the command and field schemas require.
function anchorAt(layout: TextLayout, full: number, assoc: 0 | -1): RelativePositionJson {
  const piece = layout.pieces.find((p) => p.full <= full && full < p.full + p.length) as Piece;
  return { type: null, tname: null, item: { client: piece.client, clock: piece.clock + (full - piece.full) }, assoc };
}
