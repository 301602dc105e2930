/**
 * "Accept into brackets", planned as data: the proposal's changed words enter the paragraph in brackets, in
 * the conventional shapes, and no word of the text is deleted.
 *
 * - An insertion: the new words go in, bracketed, held by the proposer and its supporters (propose) and by
 *   its opponents (delete), as Rio+20 wrote `[extreme - US; G77 delete]`.
 * - A deletion: the words stay, bracketed, held by the proposer and its supporters (delete) and by its
 *   opponents (retain).
 * - A replacement: an alternative group, the old words first and the new words inserted right after them:
 *   `[Alt 1: old] [Alt 2: new]`. The new words are held by the proposer and its supporters (propose); the
 *   old words by the opponents (retain), as `[changing unsustainable - EU, G77 retain / promoting
 *   sustainable - US]`, or by nobody when nobody opposed: they are the facilitators' own text, which no
 *   delegation has claimed (a record may hold no one; only a facilitator's add-bracket must name a holder).
 *   Alternatives stand side by side at one depth: a bracket standing that ends with the old words is
 *   widened over the new ones (new words typed at a bracket's edge would land outside it).
 */
import { Stance, type BracketHolder } from '../model/bracket.ts';
import type { BracketSnapshot } from '../brackets/bracket-snapshot.ts';
import { spansCross } from '../brackets/bracket-facts.ts';
import { applyToString, changesProblem, type TextChange } from './text-change.ts';
import type { Span } from './word-diff.ts';

/** The shape a change takes in brackets. */
export const BracketShape = { insertion: 'insertion', deletion: 'deletion', oldWords: 'old-words', newWords: 'new-words' } as const;

/** One of the values of BracketShape. */
export type BracketShape = (typeof BracketShape)[keyof typeof BracketShape];

/** Who stands where on a proposal: its delegation, and the delegations marked as supporting or opposing it. */
export interface ProposalPeople {
  proposer: string;
  supporters: readonly string[];
  opponents: readonly string[];
}

/** A bracket to create: its words in the planned text, its holders, and its alternative group within the plan (or null). */
export interface PlannedBracket {
  shape: BracketShape;
  span: Span;
  words: string;
  holders: BracketHolder[];
  group: number | null;
}

/** What accepting into brackets does to a paragraph: insertions on its current text, then brackets on the text they make. */
export interface BracketPlan {
  ok: true;
  /** The paragraph's text the plan was made on. */
  before: string;
  /** Pure insertions (from === to) in reading order, offsets in `before`. */
  insertions: TextChange[];
  /** The text after the insertions, where the brackets' spans stand. */
  after: string;
  /** In reading order of their words. */
  brackets: PlannedBracket[];
  /** Brackets standing that end with replaced words, and the end (in `after`) they take to hold the new words too. */
  widen: { bracketId: string; end: number }[];
}

/** Why a proposal cannot be accepted into brackets as it stands. */
export interface PlanRefusal {
  ok: false;
  reason: string;
}

/**
 * The plan for accepting a proposal into brackets: `text` is the paragraph now, `changes` the proposal's
 * changes on it (a clean merge's), `existing` the paragraph's brackets (words of a deletion or replacement
 * must nest with them). Refused when the changes change nothing or a bracket would cross another.
 */
export function planBracketAcceptance(text: string, changes: readonly TextChange[], people: ProposalPeople, existing: readonly BracketSnapshot[] = []): BracketPlan | PlanRefusal {
  const problem = changesProblem(changes, text.length);
  if (problem) return { ok: false, reason: `the proposal's changes do not fit the paragraph: ${problem}` };
  const proposers = unique([people.proposer, ...people.supporters]);
  const opponents = unique(people.opponents).filter((code) => !proposers.includes(code));
  const holders = (codes: readonly string[], stance: Stance) => codes.map((delegation) => ({ delegation, stance }));

  const insertions: TextChange[] = [];
  const wanted: { shape: BracketShape; point: number; offset: number; words: string; old: Span | null; holders: BracketHolder[]; group: number | null }[] = [];
  let groups = 0;
  for (const change of changes) {
    const old = trimmed(text, { start: change.from, end: change.to });
    const added = change.insert.trim();
    if (old.start === old.end && added === '') continue;
    if (old.start === old.end) {
      const lead = change.insert.length - change.insert.trimStart().length;
      insertions.push({ from: change.from, to: change.from, insert: change.insert });
      wanted.push({ shape: BracketShape.insertion, point: change.from, offset: lead, words: added, old: null, holders: [...holders(proposers, Stance.propose), ...holders(opponents, Stance.delete)], group: null });
    } else if (added === '') {
      wanted.push({ shape: BracketShape.deletion, point: old.start, offset: 0, words: text.slice(old.start, old.end), old, holders: [...holders(proposers, Stance.delete), ...holders(opponents, Stance.retain)], group: null });
    } else {
      const group = groups++;
      insertions.push({ from: old.end, to: old.end, insert: ` ${added}` });
      wanted.push({ shape: BracketShape.oldWords, point: old.start, offset: 0, words: text.slice(old.start, old.end), old, holders: holders(opponents, Stance.retain), group });
      wanted.push({ shape: BracketShape.newWords, point: old.end, offset: 1, words: added, old: null, holders: holders(proposers, Stance.propose), group });
    }
  }
  if (wanted.length === 0) return { ok: false, reason: 'the proposal changes no words of the paragraph' };
  for (const { old, words } of wanted) {
    const crossed = old && existing.find((bracket) => spansCross(bracket.span, old));
    if (crossed) return { ok: false, reason: `“${words}” would cross the bracket “${crossed.text}”: lift or widen that bracket first, or accept the proposal as it is` };
  }

  // A point of `before` moves by the insertions before it; old words also move by one made at their very
  // start (it goes in before them), while inserted words stand right where their own insertion is made.
  const shiftOf = (point: number, inclusive: boolean) => insertions.reduce((n, ins) => (ins.from < point || (inclusive && ins.from === point) ? n + ins.insert.length : n), 0);
  const brackets = wanted.map(({ shape, point, offset, words, old, holders: held, group }) => {
    const start = point + offset + shiftOf(point, old !== null);
    return { shape, span: { start, end: start + words.length }, words, holders: held, group };
  });
  const widen = wanted.flatMap(({ shape, old }, i) => {
    if (shape !== BracketShape.oldWords || !old) return [];
    const end = (brackets[i + 1] as PlannedBracket).span.end;
    return existing.filter((b) => b.span.start < b.span.end && b.span.start <= old.start && b.span.end === old.end).map((b) => ({ bracketId: b.id, end }));
  });
  return { ok: true, before: text, insertions, after: applyToString(text, insertions), brackets, widen };
}

function trimmed(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/u.test(text[start] as string)) start += 1;
  while (end > start && /\s/u.test(text[end - 1] as string)) end -= 1;
  return { start, end };
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}
