/**
 * The formatting an accepted replacement brings: the words it keeps whose marks it changes (the
 * `reformatted` pieces of its rich diff against the paragraph, shared/amendments/format-diff.ts) take its
 * marks, in the same transaction as its word changes, and the decision keeps each stretch so an undo can
 * take the marks back while they stand as the acceptance left them.
 *
 * What is safe when the paragraph moved on since the proposal was written (basedOn is not its text now):
 * the formatting the proposal was written on is not kept, so only words that still stand unchanged since
 * basedOn, and that no change of the merge touches, are reformatted; words the paragraph or the merge
 * reworded keep the marks the words change gives them. A mark the paragraph gained or lost after the
 * proposal was copied from it reads as the proposal's change (as the redline shows it while the paragraph
 * reads basedOn), so the activity names every stretch reformatted, and an undo takes it back.
 */
import type * as Y from 'yjs';
import { markChange, richWordDiff } from '../amendments/format-diff.ts';
import type { TextChange } from '../amendments/text-change.ts';
import { PieceKind, wordDiff, type Span } from '../amendments/word-diff.ts';
import { quoteWords } from '../brackets/bracket-facts.ts';
import { getParagraphText } from '../model/negotiation-doc.ts';
import { readRuns } from '../model/paragraph-fragment.ts';
import type { ReformattedStretch } from '../model/proposal.ts';
import { plainText, type TextRun } from '../model/text-run.ts';

/** How many reformatted passages an activity line names one by one; past it, it counts them. */
const maxStretchesWorded = 5;

/**
 * The stretches whose marks accepting `proposal` (written on `basedOn`) on a paragraph formatted as
 * `current` changes, with `changes` (offsets in `current`'s text) applied first: offsets in the text after
 * the changes, in reading order. None on words changed since basedOn or touched by `changes`.
 */
export function acceptedReformatting(current: readonly TextRun[], basedOn: string, proposal: readonly TextRun[], changes: readonly TextChange[]): ReformattedStretch[] {
  const now = plainText(current);
  const standing: Span[] = now === basedOn ? [{ start: 0, end: now.length }] : wordDiff(basedOn, now).filter((piece) => piece.kind === PieceKind.same).map((piece) => piece.after);
  const stretches: ReformattedStretch[] = [];
  for (const piece of richWordDiff(current, proposal)) {
    if (piece.kind !== PieceKind.reformatted) continue;
    const { start, end } = piece.before;
    if (!standing.some((span) => span.start <= start && end <= span.end)) continue;
    if (changes.some((change) => touches(change, start, end))) continue;
    // Changes before the words move them by what they insert less what they delete.
    const shift = changes.reduce((n, change) => (change.to <= start ? n + change.insert.length - (change.to - change.from) : n), 0);
    const { added, removed } = markChange(piece);
    stretches.push({ from: start + shift, to: end + shift, added, removed });
  }
  return stretches;
}

/** acceptedReformatting for a proposal on paragraph `paragraphId` of `doc` as it reads now (none when the paragraph has no text). */
export function reformattingOnParagraph(doc: Y.Doc, paragraphId: string, proposal: { basedOn: string; runs: readonly TextRun[] }, changes: readonly TextChange[]): ReformattedStretch[] {
  const fragment = getParagraphText(doc, paragraphId);
  return fragment ? acceptedReformatting(readRuns(fragment), proposal.basedOn, proposal.runs, changes) : [];
}

/** What reformatting `stretches` of `text` did, for the activity: `italic added to “Sendai Framework”; bold removed from “reaffirm”` (stretches with one change apart only by spaces read as one). */
export function reformattingWords(text: string, stretches: readonly ReformattedStretch[]): string {
  const passages: ReformattedStretch[] = [];
  for (const stretch of stretches) {
    const last = passages[passages.length - 1];
    if (last && sameList(last.added, stretch.added) && sameList(last.removed, stretch.removed) && /^\s*$/u.test(text.slice(last.to, stretch.from))) last.to = stretch.to;
    else passages.push({ ...stretch });
  }
  if (passages.length > maxStretchesWorded) return `the formatting of ${passages.length} passages changed`;
  return passages
    .map(({ from, to, added, removed }) => {
      const verbs = [...added.map((mark) => `${mark} added to`), ...removed.map((mark) => `${mark} removed from`)];
      return `${verbs.join(' and ')} ${quoteWords(text.slice(from, to))}`;
    })
    .join('; ');
}

/** The first of `stretches` whose characters in `runs` no longer all carry the marks it added and lack those it removed, or null when each stands as the acceptance left it. */
export function reformattingChangedSince(runs: readonly TextRun[], stretches: readonly ReformattedStretch[]): ReformattedStretch | null {
  const length = plainText(runs).length;
  return (
    stretches.find((stretch) => {
      if (stretch.to > length) return true;
      let start = 0;
      return runs.some((run) => {
        const end = start + run.text.length;
        const overlaps = start < stretch.to && stretch.from < end;
        start = end;
        const marks = run.marks ?? [];
        return overlaps && (stretch.added.some((mark) => !marks.includes(mark)) || stretch.removed.some((mark) => marks.includes(mark)));
      });
    }) ?? null
  );
}

/** The stretches that take a reformatting back: each one's added marks removed, its removed marks added. */
export function invertReformatting(stretches: readonly ReformattedStretch[]): ReformattedStretch[] {
  return stretches.map(({ from, to, added, removed }) => ({ from, to, added: [...removed], removed: [...added] }));
}

/** The reformatted stretches a stored decision holds, read defensively (only commands write decisions; this guards the shape the code reads). */
export function storedReformatting(value: unknown): ReformattedStretch[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is ReformattedStretch =>
      s !== null && typeof s === 'object' && Number.isInteger(s.from) && Number.isInteger(s.to) && Array.isArray(s.added) && Array.isArray(s.removed),
  );
}

// A change touches words [start, end) when it replaces any of them or inserts among them.
function touches(change: TextChange, start: number, end: number): boolean {
  if (change.from === change.to) return start < change.from && change.from < end;
  return change.from < end && start < change.to;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
