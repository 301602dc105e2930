/**
 * A paragraph's runs split into a tree of text and brackets, so the static page, the editor's decorations
 * and the exporters all draw brackets from one place: each bracket node holds the runs (and brackets)
 * inside it, opened and closed in the nesting of nesting.ts.
 */
import type { TextRun } from '../model/text-run.ts';
import type { BracketSnapshot } from './bracket-snapshot.ts';
import { nestBrackets } from './nesting.ts';

/** A stretch of text inside the tree; `start` is its offset in the paragraph's plain text. */
export interface TextNode {
  kind: 'text';
  run: TextRun;
  start: number;
}

/** A bracket and what it holds. */
export interface BracketNode {
  kind: 'bracket';
  bracket: BracketSnapshot;
  children: RenderNode[];
}

/** One node of a paragraph's render tree. */
export type RenderNode = TextNode | BracketNode;

interface Open {
  children: RenderNode[];
  end: number;
}

/** The runs as a tree of text and bracket nodes; spans past the text's end are cut to it. */
export function renderTree(runs: readonly TextRun[], brackets: readonly BracketSnapshot[]): RenderNode[] {
  const { slice, size } = runSlicer(runs);
  const root: Open = { children: [], end: Infinity };
  const open: Open[] = [root];
  let at = 0;
  const advance = (to: number) => {
    for (;;) {
      const top = open[open.length - 1] as Open;
      if (top !== root && top.end <= to) {
        top.children.push(...slice(at, top.end));
        at = Math.max(at, top.end);
        open.pop();
        continue;
      }
      top.children.push(...slice(at, to));
      at = Math.max(at, to);
      return;
    }
  };
  for (const { item, span } of nestBrackets(brackets)) {
    const start = Math.min(span.start, size);
    advance(start);
    const node: BracketNode = { kind: 'bracket', bracket: item, children: [] };
    (open[open.length - 1] as Open).children.push(node);
    open.push({ children: node.children, end: Math.min(span.end, size) });
  }
  advance(Infinity);
  return root.children;
}

/** The runs of the tree, in order, without brackets. */
export function treeRuns(nodes: readonly RenderNode[]): TextRun[] {
  return nodes.flatMap((node) => (node.kind === 'text' ? [node.run] : treeRuns(node.children)));
}

// Cuts [from, to) out of the runs as text nodes, keeping each run's marks.
function runSlicer(runs: readonly TextRun[]): { slice: (from: number, to: number) => TextNode[]; size: number } {
  const starts: number[] = [];
  let length = 0;
  for (const run of runs) {
    starts.push(length);
    length += run.text.length;
  }
  const slice = (from: number, to: number): TextNode[] => {
    const end = Math.min(to, length);
    const nodes: TextNode[] = [];
    runs.forEach((run, i) => {
      const runStart = starts[i] as number;
      const a = Math.max(from, runStart);
      const b = Math.min(end, runStart + run.text.length);
      if (a >= b) return;
      const text = run.text.slice(a - runStart, b - runStart);
      nodes.push({ kind: 'text', run: run.marks ? { text, marks: [...run.marks] } : { text }, start: a });
    });
    return nodes;
  };
  return { slice, size: length };
}
