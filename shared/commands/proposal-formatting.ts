/**
 * The formatting an accepted replacement brings: the words it keeps whose marks it changes (the
 * `reformatted` pieces of its rich diff against the paragraph, shared/amendments/format-diff.ts) take its
 * marks, in the same transaction as its word changes, and the decision keeps each stretch so an undo can
 * take the marks back while they stand as the acceptance left them.
 *
 * What is safe when the paragraph moved on since the proposal was written (basedOn is not its text now):
 * only words that still stand unchanged since basedOn, and that no change of the merge touches, are
 * reformatted; words the paragraph or the merge reworded keep the marks the words change gives them. A word
 * of the proposal and one of the paragraph are the same word only when both come from the same word of
 * basedOn (each text's word diff against basedOn, composed), so on repetitive wording a mark never lands on a
 * twin of the word the proposal formatted. A mark the paragraph gained or lost after the proposal was copied
 * from it stays as it is: the proposal's runs are first rebased on the paragraph's formatting now
 * (proposal-rebase.ts), so only the proposal's own mark changes are applied, the activity names each, and an
 * undo takes them back.
 */
import type * as Y from 'yjs';
import { markChange, marksCursor, sameMarks, spaceEnds } from '../amendments/format-diff.ts';
import { keptSpans, rebasedRuns, sharedSpans } from '../amendments/proposal-rebase.ts';
import type { TextChange } from '../amendments/text-change.ts';
import { quoteWords } from '../brackets/bracket-facts.ts';
import { getParagraphText } from '../model/negotiation-doc.ts';
import { readRuns } from '../model/paragraph-fragment.ts';
import type { ProposalSnapshot, ReformattedStretch } from '../model/proposal.ts';
import { normalizeRuns, plainText, type MarkName, type TextRun } from '../model/text-run.ts';

/** How many reformatted passages an activity line names one by one; past it, it counts them. */
const maxStretchesWorded = 5;

/**
 * The stretches whose marks accepting `proposal` (written on `basedOn`) on a paragraph formatted as
 * `current` changes, with `changes` (offsets in `current`'s text) applied first: offsets in the text after
 * the changes, in reading order. Only words the proposal kept from basedOn and the paragraph still has from
 * basedOn (the very same words of basedOn on both sides), untouched by `changes`, whose marks in the proposal
 * differ from the paragraph's now.
 */
export function acceptedReformatting(current: readonly TextRun[], basedOn: string, proposal: readonly TextRun[], changes: readonly TextChange[]): ReformattedStretch[] {
  const paragraphRuns = normalizeRuns(current);
  const proposalRuns = normalizeRuns(proposal);
  const now = plainText(paragraphRuns);
  // Both alignments start from basedOn, so a word of the proposal meets the paragraph's word that comes from
  // the same word of basedOn; diffing the paragraph with the proposal again could pair it with a twin.
  const kept = keptSpans(basedOn, plainText(proposalRuns));
  const standing = keptSpans(basedOn, now);
  const wanted = marksCursor(proposalRuns);
  const had = marksCursor(paragraphRuns);
  const pieces: { start: number; end: number; marks: MarkName[]; was: MarkName[] }[] = [];
  for (const { from, to, toProposal, toNow } of sharedSpans(kept, standing)) {
    let open = false;
    for (let start = from; start < to; ) {
      const proposed = wanted(start + toProposal);
      const was = had(start + toNow);
      const end = Math.min(to, proposed.end - toProposal, was.end - toNow);
      // Marks on spaces are not seen: a stretch starts and ends on a word.
      const text = now.slice(start + toNow, end + toNow);
      const { lead, trail } = spaceEnds(text);
      const last = pieces[pieces.length - 1];
      if (sameMarks(proposed.marks, was.marks) || lead === text.length) open = false;
      else if (open && lead === 0 && last && sameMarks(last.marks, proposed.marks) && sameMarks(last.was, was.marks)) {
        last.end = end + toNow - trail;
        open = trail === 0;
      } else {
        pieces.push({ start: start + toNow + lead, end: end + toNow - trail, marks: [...proposed.marks], was: [...was.marks] });
        open = trail === 0;
      }
      start = end;
    }
  }
  const stretches: ReformattedStretch[] = [];
  // Changes are in reading order and never overlap, as are the pieces: one sweep over both.
  let next = 0;
  let shift = 0;
  for (const piece of pieces) {
    const { start, end } = piece;
    for (; next < changes.length && (changes[next] as TextChange).to <= start && !touches(changes[next] as TextChange, start, end); next++) {
      const change = changes[next] as TextChange;
      // Changes before the words move them by what they insert less what they delete.
      shift += change.insert.length - (change.to - change.from);
    }
    let touched = false;
    for (let i = next; i < changes.length && (changes[i] as TextChange).from <= end && !touched; i++) touched = touches(changes[i] as TextChange, start, end);
    if (touched) continue;
    const { added, removed } = markChange(piece);
    stretches.push({ from: start + shift, to: end + shift, added, removed });
  }
  return stretches;
}

/** acceptedReformatting for a proposal on paragraph `paragraphId` of `doc` as it reads now, its runs rebased on the paragraph's formatting now (none when the paragraph has no text). */
export function reformattingOnParagraph(doc: Y.Doc, paragraphId: string, proposal: Pick<ProposalSnapshot, 'basedOn' | 'baseMarks' | 'runs'>, changes: readonly TextChange[]): ReformattedStretch[] {
  const fragment = getParagraphText(doc, paragraphId);
  if (!fragment) return [];
  const current = readRuns(fragment);
  return acceptedReformatting(current, proposal.basedOn, rebasedRuns(proposal.runs, proposal.basedOn, proposal.baseMarks, current), changes);
}

/** What reformatting `stretches` of `text` did, for the activity: `italic added to “Sendai Framework”; bold removed from “reaffirm”` (stretches with one change apart only by spaces read as one). */
export function reformattingWords(text: string, stretches: readonly ReformattedStretch[]): string {
  const passages: ReformattedStretch[] = [];
  for (const stretch of stretches) {
    const last = passages[passages.length - 1];
    if (last && sameMarks(last.added, stretch.added) && sameMarks(last.removed, stretch.removed) && /^\s*$/u.test(text.slice(last.to, stretch.from))) last.to = stretch.to;
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
  const ends: number[] = [];
  let length = 0;
  for (const run of runs) ends.push((length += run.text.length));
  return (
    stretches.find((stretch) => {
      if (stretch.to > length) return true;
      // The first run that ends past the stretch's start, found by halving: a stretch reads only the runs it overlaps.
      let low = 0;
      let high = ends.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((ends[mid] as number) <= stretch.from) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < runs.length && (i === 0 ? 0 : (ends[i - 1] as number)) < stretch.to; i++) {
        const run = runs[i] as TextRun;
        if (run.text === '') continue;
        const marks = run.marks ?? [];
        if (stretch.added.some((mark) => !marks.includes(mark)) || stretch.removed.some((mark) => marks.includes(mark))) return true;
      }
      return false;
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
