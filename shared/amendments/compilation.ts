/**
 * The compilation text: each paragraph with every proposal under it in the conventional form,
 * `EU, NOR: replace "…" with "…" (supported by CHE; opposed by G77)`. Proposals that say the same thing
 * appear once, with every delegation that made them.
 */
import type { ProposalKind } from '../model/proposal.ts';
import type { TextRun } from '../model/text-run.ts';
import { proposalWording } from './proposal-wording.ts';

/** A proposal as the compilation needs it: who made it, what it asks, who supports and opposes it. */
export interface CompilationProposal {
  delegation: string;
  kind: ProposalKind;
  text: string;
  /** Its words as runs, to state its changes of formatting too. */
  runs?: readonly TextRun[];
  supporters: readonly string[];
  opponents: readonly string[];
}

/** A paragraph of the compilation: its number (null for a heading), its plain text, how to print it (brackets and all; the text when absent), its proposals in order. */
export interface CompilationParagraph {
  number: string | null;
  text: string;
  display?: string;
  proposals: readonly CompilationProposal[];
}

/** One line under a paragraph: the delegations that made the same proposal, what it asks, its supporters and opponents. */
export interface CompilationLine {
  delegations: string[];
  wording: string;
  supporters: string[];
  opponents: string[];
}

/** The lines under a paragraph reading `text` (formatted as `runs`, when known), identical proposals joined, in the order their first proposal came. */
export function compilationLines(text: string, proposals: readonly CompilationProposal[], runs?: readonly TextRun[] | null): CompilationLine[] {
  const lines = new Map<string, CompilationLine>();
  for (const proposal of proposals) {
    const wording = proposalWording(text, proposal.kind, proposal.text, runs && proposal.runs ? { paragraph: runs, proposal: proposal.runs } : undefined);
    const line = lines.get(wording) ?? { delegations: [], wording, supporters: [], opponents: [] };
    lines.set(wording, line);
    addOnce(line.delegations, [proposal.delegation]);
    addOnce(line.supporters, proposal.supporters);
    addOnce(line.opponents, proposal.opponents);
  }
  return [...lines.values()].map((line) => ({
    ...line,
    supporters: line.supporters.filter((code) => !line.delegations.includes(code)),
    opponents: line.opponents.filter((code) => !line.delegations.includes(code)),
  }));
}

/** A line as written: `EU, NOR: replace "…" with "…" (supported by CHE; opposed by G77)`. */
export function formatCompilationLine(line: CompilationLine): string {
  const marks = [
    line.supporters.length > 0 ? `supported by ${line.supporters.join(', ')}` : '',
    line.opponents.length > 0 ? `opposed by ${line.opponents.join(', ')}` : '',
  ].filter((part) => part !== '');
  return `${line.delegations.join(', ')}: ${line.wording}${marks.length > 0 ? ` (${marks.join('; ')})` : ''}`;
}

/** A paragraph as written: `5. its text` (a heading without number), then one line per distinct proposal. */
export function formatCompilationParagraph(paragraph: CompilationParagraph): string {
  const shown = paragraph.display ?? paragraph.text;
  const head = paragraph.number === null ? shown : `${paragraph.number}. ${shown}`;
  return [head, ...compilationLines(paragraph.text, paragraph.proposals).map(formatCompilationLine)].join('\n');
}

/** The whole compilation as plain text: the paragraphs in order, a blank line between them, ending in a newline. */
export function formatCompilation(paragraphs: readonly CompilationParagraph[]): string {
  return paragraphs.length === 0 ? '' : `${paragraphs.map(formatCompilationParagraph).join('\n\n')}\n`;
}

function addOnce(list: string[], codes: readonly string[]): void {
  for (const code of codes) if (!list.includes(code)) list.push(code);
}
