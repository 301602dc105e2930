/**
 * Finds the row of the permission table (shared/permissions/field-rules.ts) for a path, in time proportional
 * to the path's length: the table is compiled once into a tree of segments.
 */
import { DocRoot, ParagraphField } from '../model/negotiation-doc.ts';
import { ProposalField } from '../model/proposal.ts';
import { fieldRules, type FieldRule } from './field-rules.ts';
import type { Segment } from './touch.ts';

/**
 * A row found for a path, or the inside of a paragraph's or a proposal's rich text (both judged by the
 * editor schema; who may write a proposal's is judged against the proposal).
 */
export type RuleMatch =
  | { kind: 'field'; rule: FieldRule }
  | { kind: 'paragraph-text'; depth: number }
  | { kind: 'proposal-text'; depth: number }
  | null;

interface Node {
  keys: Map<string, Node>;
  anyKey: Node | null;
  position: Node | null;
  rule: FieldRule | null;
}

const tree = compile(fieldRules);

/** The row for a change at `path` below root `root`, or null when the document has no such place. */
export function ruleFor(root: string, path: readonly Segment[]): RuleMatch {
  // Below paragraphs/<id>/text lies the editor's content: its shape is the editor schema's business.
  if (root === DocRoot.paragraphs && path.length > 2 && path[1] === ParagraphField.text) return { kind: 'paragraph-text', depth: path.length };
  // Below proposals/<id>/text lies the same editor content (a proposal's words).
  if (root === DocRoot.proposals && path.length > 2 && path[1] === ProposalField.text) return { kind: 'proposal-text', depth: path.length };
  let node: Node | null | undefined = tree.keys.get(root);
  for (const segment of path) {
    if (!node) return null;
    node = segment === null ? node.position : (node.keys.get(segment) ?? node.anyKey);
  }
  return node?.rule ? { kind: 'field', rule: node.rule } : null;
}

function compile(rules: readonly FieldRule[]): Node {
  const top = emptyNode();
  for (const rule of rules) {
    let node = top;
    for (const segment of rule.path) {
      if (segment === '*') node = node.anyKey ??= emptyNode();
      else if (segment === '#') node = node.position ??= emptyNode();
      else {
        const next = node.keys.get(segment) ?? emptyNode();
        node.keys.set(segment, next);
        node = next;
      }
    }
    if (node.rule) throw new Error(`The permission table lists ${rule.path.join('/')} twice.`);
    node.rule = rule;
  }
  return top;
}

function emptyNode(): Node {
  return { keys: new Map(), anyKey: null, position: null, rule: null };
}
