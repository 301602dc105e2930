/**
 * Brackets in the conventional written form of negotiated texts: `[words]`, holders after the words when
 * asked (`[words - EU, G77 delete]`: a holder who proposes is written by code alone), alternatives as
 * `[Alt 1: …] [Alt 2: …]`, nesting kept. And the clean view: every bracket lifted, nothing else changed,
 * except unresolved alternatives, which stay visible as alternatives.
 */
import { formatInlineMarkup } from '../model/inline-markup.ts';
import { Stance, type BracketHolder } from '../model/bracket.ts';
import { normalizeRuns, type TextRun } from '../model/text-run.ts';
import type { BracketSnapshot } from './bracket-snapshot.ts';
import { renderTree, type BracketNode, type RenderNode } from './render-tree.ts';

/** How brackets are written. */
export interface BracketTextOptions {
  /** Write each bracket's holders after its words. */
  holders?: boolean;
}

/** The holders as written after a bracket's words: `EU, G77 delete` (stance propose omitted). */
export function holdersText(holders: readonly BracketHolder[]): string {
  return holders.map((h) => (h.stance === Stance.propose ? h.delegation : `${h.delegation} ${h.stance}`)).join(', ');
}

/** The runs with their brackets, as inline markup (`*italic*`, `**bold**`) with brackets in the conventional form. */
export function formatBracketedText(runs: readonly TextRun[], brackets: readonly BracketSnapshot[], options: BracketTextOptions = {}): string {
  return formatNodes(renderTree(runs, brackets), options);
}

function formatNodes(nodes: readonly RenderNode[], options: BracketTextOptions): string {
  let out = '';
  let pending: TextRun[] = [];
  const flush = () => {
    out += formatInlineMarkup(pending);
    pending = [];
  };
  for (const node of nodes) {
    if (node.kind === 'text') {
      pending.push(node.run);
      continue;
    }
    flush();
    out += formatBracket(node, options);
  }
  flush();
  return out;
}

function formatBracket(node: BracketNode, options: BracketTextOptions): string {
  return `${bracketOpening(node.bracket)}${formatNodes(node.children, options)}${bracketClosing(node.bracket, options)}`;
}

// "[" or "[Alt 2: ": what a bracket's words follow.
function bracketOpening(bracket: BracketSnapshot): string {
  return bracket.alternative === null ? '[' : `[Alt ${bracket.alternative}: `;
}

// "]" or " - EU, G77 delete]": what a bracket's words are followed by.
function bracketClosing(bracket: BracketSnapshot, options: BracketTextOptions): string {
  return options.holders && bracket.holders.length > 0 ? ` - ${holdersText(bracket.holders)}]` : ']';
}

/**
 * The runs with their brackets written in as plain runs (`[`, `[Alt 1: `, ` - EU delete]`), each word keeping
 * its marks: the conventional form for documents that carry formatting (the .docx export).
 */
export function bracketedRuns(runs: readonly TextRun[], brackets: readonly BracketSnapshot[], options: BracketTextOptions = {}): TextRun[] {
  const walk = (nodes: readonly RenderNode[]): TextRun[] =>
    nodes.flatMap((node) =>
      node.kind === 'text' ? [node.run] : [{ text: bracketOpening(node.bracket) }, ...walk(node.children), { text: bracketClosing(node.bracket, options) }],
    );
  return normalizeRuns(walk(renderTree(runs, brackets)));
}

/** The clean view of a paragraph: its runs with every bracket lifted, but for alternatives still unresolved. */
export interface CleanParagraph {
  runs: TextRun[];
  /** How many groups of alternatives still stand in the paragraph (each written `[Alt 1: …] [Alt 2: …]`). */
  unresolvedAlternatives: number;
}

/** The runs with every bracket lifted and nothing else changed, except alternative groups, which stay as `[Alt n: …]` and are counted. */
export function cleanView(runs: readonly TextRun[], brackets: readonly BracketSnapshot[]): CleanParagraph {
  const groups = new Set<string>();
  const walk = (nodes: readonly RenderNode[]): TextRun[] =>
    nodes.flatMap((node) => {
      if (node.kind === 'text') return [node.run];
      const { alternative, group } = node.bracket;
      if (alternative === null || group === null) return walk(node.children);
      groups.add(group);
      return [{ text: `[Alt ${alternative}: ` }, ...walk(node.children), { text: ']' }];
    });
  return { runs: normalizeRuns(walk(renderTree(runs, brackets))), unresolvedAlternatives: groups.size };
}
