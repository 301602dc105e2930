/**
 * Brackets as plain data: for a paragraph, its brackets in reading order with their spans, words, holders,
 * alternative numbers and nesting. Records whose anchors no longer stand in their paragraph's text (the
 * paragraph or its text was replaced) are left out.
 */
import * as Y from 'yjs';
import { bracketSpan, getBrackets, paragraphCharacters, Stance, type BracketHolder, type BracketRecord } from '../model/bracket.ts';
import type { BracketSnapshot, BracketSpan } from './bracket-snapshot.ts';
import { compareSpanned, nestBrackets } from './nesting.ts';

/** The brackets of one paragraph, in reading order (by start, then longer first, then id). */
export function readBrackets(doc: Y.Doc, paragraphId: string): BracketSnapshot[] {
  return collect(doc, paragraphId).get(paragraphId) ?? [];
}

/** Every paragraph's brackets in one pass over the records, keyed by paragraph id (paragraphs without any are absent). */
export function readBracketsByParagraph(doc: Y.Doc): Map<string, BracketSnapshot[]> {
  return collect(doc, null);
}

function collect(doc: Y.Doc, only: string | null): Map<string, BracketSnapshot[]> {
  const byParagraph = new Map<string, { id: string; record: BracketRecord; span: BracketSpan }[]>();
  for (const [id, record] of getBrackets(doc).entries()) {
    if (!isRecord(record) || (only !== null && record.paragraphId !== only)) continue;
    const span = bracketSpan(doc, record);
    if (!span) continue;
    const list = byParagraph.get(record.paragraphId) ?? [];
    list.push({ id, record, span });
    byParagraph.set(record.paragraphId, list);
  }
  const out = new Map<string, BracketSnapshot[]>();
  for (const [paragraphId, list] of byParagraph) {
    const text = paragraphCharacters(doc, paragraphId);
    out.set(paragraphId, snapshotsOf(text ? characterString(text) : '', list));
  }
  return out;
}

/** The plain characters of a paragraph's text, indexed as bracket spans are. */
export function characterString(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

function snapshotsOf(plain: string, list: { id: string; record: BracketRecord; span: BracketSpan }[]): BracketSnapshot[] {
  const alternatives = alternativeNumbers(list);
  return nestBrackets(list).map(({ item, span, depth, parent }) => ({
    id: item.id,
    span,
    text: plain.slice(span.start, span.end),
    holders: item.record.holders.map((holder) => ({ delegation: holder.delegation, stance: holder.stance })),
    group: item.record.group ?? null,
    alternative: alternatives.get(item.id) ?? null,
    depth,
    parent,
  }));
}

// Alternatives are numbered by position among the group's brackets that still read in this paragraph.
function alternativeNumbers(list: { id: string; record: BracketRecord; span: BracketSpan }[]): Map<string, number> {
  const groups = new Map<string, { id: string; span: BracketSpan }[]>();
  for (const { id, record, span } of list) {
    if (record.group == null) continue;
    groups.set(record.group, [...(groups.get(record.group) ?? []), { id, span }]);
  }
  const numbers = new Map<string, number>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    members.sort(compareSpanned).forEach((member, i) => numbers.set(member.id, i + 1));
  }
  return numbers;
}

function isRecord(value: unknown): value is BracketRecord {
  const record = value as Partial<BracketRecord> | null;
  return (
    typeof record === 'object' && record !== null && typeof record.paragraphId === 'string' &&
    typeof record.start === 'object' && record.start !== null && typeof record.end === 'object' && record.end !== null &&
    Array.isArray(record.holders) && record.holders.every(isHolder) &&
    (record.group == null || typeof record.group === 'string')
  );
}

// Stance is read at call time: model/negotiation-doc.ts imports this module, and model/bracket.ts imports it.
function isHolder(value: unknown): value is BracketHolder {
  const holder = value as Partial<BracketHolder> | null;
  return typeof holder === 'object' && holder !== null && typeof holder.delegation === 'string' && (Object.values(Stance) as string[]).includes(holder.stance as string);
}
