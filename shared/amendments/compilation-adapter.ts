/**
 * From the negotiation as read (paragraphs with numbers and runs, proposal snapshots) to the compilation
 * text of shared/amendments/compilation.ts: the one source of the page's compilation view and of the
 * `format=compilation` export.
 *
 * Which proposals belong: by default the open (pending) ones, because a compilation text is what is still
 * on the table; what was accepted is already in the text, and what was rejected, withdrawn or superseded is
 * no longer asked for. With `all`, the decided ones follow the open ones under their paragraph, each line
 * ending in its status (`— accepted into brackets`). A replacement is worded against the text it was
 * written on: its own changes, never the changes others made to the paragraph since (which would read as
 * this delegation asking to undo them; the redline under the paragraph says the same). Other kinds are
 * worded against the current text. Proposals for a new paragraph
 * stand under the paragraph they would follow; those whose paragraph is gone stand at the end, worded
 * against their base.
 */
import { formatBracketedText } from '../brackets/bracket-text.ts';
import type { BracketSnapshot } from '../brackets/bracket-snapshot.ts';
import type { ParagraphKind } from '../model/paragraph.ts';
import { ProposalKind, ProposalStatus, statusWordOf, type ProposalSnapshot } from '../model/proposal.ts';
import { plainText, type TextRun } from '../model/text-run.ts';
import { compilationLines, formatCompilationLine, type CompilationLine, type CompilationProposal } from './compilation.ts';
import { decidedFormattingBase, formattingBase } from './format-diff.ts';
import { rebasedRuns } from './proposal-rebase.ts';

/** A paragraph as the compilation reads it: identity, kind, display number (null for headings), runs and brackets. */
export interface CompilationSource {
  id: string;
  kind: ParagraphKind;
  number: string | null;
  runs: readonly TextRun[];
  brackets?: readonly BracketSnapshot[];
}

/** What a compilation includes and how it writes brackets. */
export interface CompilationOptions {
  /** Include decided proposals (accepted, rejected, withdrawn, superseded) after the open ones, with their status. */
  all?: boolean;
  /** Write each bracket's holders after its words in the paragraph text. */
  holders?: boolean;
}

/** One line under a paragraph: the grouped proposal, the status its proposals share, and the line as written. */
export interface CompilationEntryLine extends CompilationLine {
  status: ProposalStatus;
  /** `EU, NOR: replace "…" with "…" (supported by CHE; opposed by G77)`, then ` — rejected` when decided. */
  text: string;
}

/** A paragraph of the compilation with its lines; paragraphId null for the closing group of proposals whose paragraph is gone. */
export interface CompilationEntry {
  paragraphId: string | null;
  kind: ParagraphKind | null;
  number: string | null;
  /** The plain text the open proposals are worded against. */
  text: string;
  /** The text as written in the compilation: brackets in the conventional form. */
  display: string;
  lines: CompilationEntryLine[];
}

/** Words for a proposal's status at the end of a decided line. */
export const proposalStatusWords: Readonly<Record<ProposalStatus, string>> = {
  pending: 'open',
  accepted: 'accepted',
  'accepted-into-brackets': 'accepted into brackets',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  superseded: 'superseded',
};

/** The heading of the closing group: proposals whose paragraph is no longer in the text. */
export const orphanHeading = 'Proposals on paragraphs no longer in the text';

/** The paragraph a proposal stands under: the one it amends, or the one a new paragraph would follow ('' for the start). */
export function compilationKey(proposal: Pick<ProposalSnapshot, 'paragraphId' | 'afterParagraphId'>): string {
  return proposal.paragraphId ?? proposal.afterParagraphId ?? '';
}

/** The compilation entry of one paragraph from the proposals standing under it (any order; they are read oldest first). */
export function compilationEntry(paragraph: CompilationSource, proposals: readonly ProposalSnapshot[], options: CompilationOptions = {}): CompilationEntry {
  const text = plainText(paragraph.runs);
  return {
    paragraphId: paragraph.id,
    kind: paragraph.kind,
    number: paragraph.number,
    text,
    display: formatBracketedText(paragraph.runs, paragraph.brackets ?? [], { holders: options.holders ?? false }),
    lines: entryLines(text, paragraph.runs, proposals, options.all ?? false),
  };
}

/** Every paragraph in order with the proposals under it, then (when any) the proposals whose paragraph is gone. */
export function compilationEntries(paragraphs: readonly CompilationSource[], proposals: readonly ProposalSnapshot[], options: CompilationOptions = {}): CompilationEntry[] {
  const byParagraph = new Map<string, ProposalSnapshot[]>();
  for (const proposal of proposals) {
    const key = compilationKey(proposal);
    byParagraph.set(key, [...(byParagraph.get(key) ?? []), proposal]);
  }
  const entries = paragraphs.map((paragraph) => compilationEntry(paragraph, byParagraph.get(paragraph.id) ?? [], options));
  const known = new Set(paragraphs.map((paragraph) => paragraph.id));
  const orphans = [...byParagraph].filter(([key]) => !known.has(key)).flatMap(([, list]) => list);
  // Worded against their base: there is no current text to word them against.
  const lines = entryLines(null, null, orphans, options.all ?? false);
  if (lines.length > 0) entries.push({ paragraphId: null, kind: null, number: null, text: '', display: orphanHeading, lines });
  return entries;
}

/** An entry as written: `5. its text` (a heading or the closing group without number), then one line per distinct proposal. */
export function formatCompilationEntry(entry: CompilationEntry): string {
  const head = entry.number === null ? entry.display : `${entry.number}. ${entry.display}`;
  return [head, ...entry.lines.map((line) => line.text)].join('\n');
}

/** The whole compilation as plain text: entries in order, a blank line between them, ending in a newline ('' when empty). */
export function formatCompilationEntries(entries: readonly CompilationEntry[]): string {
  return entries.length === 0 ? '' : `${entries.map(formatCompilationEntry).join('\n\n')}\n`;
}

/** Lines for `proposals` under a paragraph reading `current`, formatted as `runs` (null: word each against its base): open first, then decided when `all`. */
function entryLines(current: string | null, runs: readonly TextRun[] | null, proposals: readonly ProposalSnapshot[], all: boolean): CompilationEntryLine[] {
  const ordered = [...proposals].sort(byAge);
  // Groups keep the order of their first proposal; identical proposals join only within one status and base.
  const groups = new Map<string, { status: ProposalStatus; word: string; base: string; runs: readonly TextRun[] | null; proposals: ProposalSnapshot[] }>();
  for (const proposal of ordered) {
    const open = proposal.status === ProposalStatus.pending;
    if (!open && !all) continue;
    const base = open && current !== null && proposal.kind !== ProposalKind.replaceText ? current : proposal.basedOn;
    // An acceptance that reformatted words is worded against the marks before it, so it stands alone.
    const reformatted = !open && (proposal.decision?.reformatted?.length ?? 0) > 0;
    // Against its own base, a proposal's formatting is read against the formatting kept with it: only the same joins.
    const baseMarks = base === proposal.basedOn ? proposal.baseMarks : null;
    // A decided comment reads "noted", not "accepted": it stands in a group of its own kind.
    const comment = proposal.kind === ProposalKind.comment;
    const key = `${open ? 0 : 1}\u0000${proposal.status}\u0000${comment ? 'c' : ''}\u0000${base}\u0000${JSON.stringify(baseMarks)}${reformatted ? `\u0000${proposal.id}` : ''}`;
    const group = groups.get(key) ?? { status: proposal.status, word: statusWordOf(proposal, proposalStatusWords), base, runs: open ? formattingBase(base, runs, baseMarks) : decidedFormattingBase(proposal.decision, base, runs, proposal.baseMarks), proposals: [] };
    group.proposals.push(proposal);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((a, b) => Number(a.status !== ProposalStatus.pending) - Number(b.status !== ProposalStatus.pending));
  return sorted.flatMap((group) => groupLines(group.base, group.runs, group.status, group.word, group.proposals));
}

function groupLines(base: string, runs: readonly TextRun[] | null, status: ProposalStatus, word: string, proposals: readonly ProposalSnapshot[]): CompilationEntryLine[] {
  // An open proposal is worded with the paragraph's formatting now, changed only where it changed it.
  const runsOf = (p: ProposalSnapshot) => (status === ProposalStatus.pending && p.kind === ProposalKind.replaceText && runs ? rebasedRuns(p.runs, p.basedOn, p.baseMarks, runs) : p.runs);
  const inputs: CompilationProposal[] = proposals.map((p) => ({ delegation: p.delegation, kind: p.kind, text: p.text, runs: runsOf(p), supporters: p.supporters, opponents: p.opponents }));
  return compilationLines(base, inputs, runs).map((line) => {
    const written = formatCompilationLine(line);
    return { ...line, status, text: status === ProposalStatus.pending ? written : `${written} — ${word}` };
  });
}

function byAge(a: ProposalSnapshot, b: ProposalSnapshot): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
