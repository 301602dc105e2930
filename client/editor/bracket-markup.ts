/**
 * How a bracket looks in a paragraph, for the static text and the editor's decorations alike: an opening
 * "[" (with "Alt 1:" for an alternative) before its words, its holders as small codes in each delegation's
 * colour and a closing "]" after them, a light background on its words that deepens with nesting, and
 * visually hidden words for screen readers. Markup is described once as plain data (MarkupElement) so both
 * renderers draw the same elements. No editor code here: static paragraphs render before TipTap loads.
 */
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { renderTree, type RenderNode, type TextNode } from '../../shared/brackets/render-tree.ts';
import { Stance, type BracketHolder } from '../../shared/model/bracket.ts';
import type { TextRun } from '../../shared/model/text-run.ts';
import { presenceColor } from '../../shared/protocol/presence-colors.ts';
import { Role } from '../../shared/protocol/presence.ts';

/** Delegation names by code; a code missing from it is shown as itself. */
export type DelegationNames = ReadonlyMap<string, string>;

/** The class names of bracket markup, shared with client/ui/styles/brackets.css. */
export const bracketClass = {
  open: 'bracket-open',
  close: 'bracket-close',
  words: 'bracket-words',
  mark: 'bracket-mark',
  alt: 'bracket-alt',
  holders: 'bracket-holders',
  holder: 'bracket-holder',
  stance: 'bracket-stance',
  hidden: 'visually-hidden',
} as const;

/** The deepest nesting with a background of its own; deeper brackets reuse it. */
export const deepestShade = 3;

/** An element of bracket markup: a span with attributes (in the order they are written) and children. */
export interface MarkupElement {
  attrs: readonly (readonly [string, string])[];
  /** CSS custom properties, set through the style object (the page's CSP allows no style attributes). */
  vars?: Readonly<Record<string, string>>;
  children: readonly (MarkupElement | string)[];
}

/** What a paragraph's text becomes around brackets, in reading order. */
export type BracketPiece =
  | { kind: 'open'; bracket: BracketSnapshot; at: number }
  | { kind: 'close'; bracket: BracketSnapshot; at: number }
  | { kind: 'text'; node: TextNode; depth: number | null };

/** The runs and brackets as a flat sequence: opens, texts (with the innermost bracket depth) and closes. */
export function bracketPieces(runs: readonly TextRun[], brackets: readonly BracketSnapshot[]): BracketPiece[] {
  const pieces: BracketPiece[] = [];
  let at = 0;
  const walk = (nodes: readonly RenderNode[], depth: number | null) => {
    for (const node of nodes) {
      if (node.kind === 'text') {
        pieces.push({ kind: 'text', node, depth });
        at = node.start + node.run.text.length;
        continue;
      }
      pieces.push({ kind: 'open', bracket: node.bracket, at });
      walk(node.children, node.bracket.depth);
      pieces.push({ kind: 'close', bracket: node.bracket, at });
    }
  };
  walk(renderTree(runs, brackets), null);
  return pieces;
}

/** The class of bracketed words at `depth` (the innermost bracket holding them). */
export function wordsClass(depth: number): string {
  return `${bracketClass.words} bracket-depth-${Math.min(depth, deepestShade)}`;
}

/** A holder as people read it: "European Union", "G77 and China (delete)". */
export function holderName(holder: BracketHolder, names: DelegationNames): string {
  const name = names.get(holder.delegation) ?? holder.delegation;
  return holder.stance === Stance.propose ? name : `${name} (${holder.stance})`;
}

/** What a screen reader hears where a bracket opens: "Alternative 1, bracket held by European Union, G77 and China (delete):". */
export function openingWords(bracket: BracketSnapshot, names: DelegationNames): string {
  const alt = bracket.alternative === null ? '' : `Alternative ${bracket.alternative}, `;
  const holders = bracket.holders.map((h) => holderName(h, names)).join(', ');
  return `${alt}bracket held by ${holders || 'nobody'}:`;
}

/** The colour a delegation's code is written in (the palette presence uses for delegations). */
export function holderColor(code: string): string {
  return presenceColor(Role.delegation, code);
}

/** The markup before a bracket's words. */
export function openMarkup(bracket: BracketSnapshot, names: DelegationNames): MarkupElement {
  const children: (MarkupElement | string)[] = [
    span([['class', bracketClass.hidden]], [` ${openingWords(bracket, names)} `]),
    span([['class', bracketClass.mark], ['aria-hidden', 'true']], ['[']),
  ];
  if (bracket.alternative !== null) children.push(span([['class', bracketClass.alt], ['aria-hidden', 'true']], [`Alt ${bracket.alternative}:`]));
  return span(
    [['class', `${bracketClass.open} bracket-depth-${Math.min(bracket.depth, deepestShade)}`], ['data-bracket-id', bracket.id]],
    children,
  );
}

/** The markup after a bracket's words: the holders' codes (full names on hover and focus), "]" and its spoken end. */
export function closeMarkup(bracket: BracketSnapshot, names: DelegationNames): MarkupElement {
  const holders = bracket.holders.map((holder) => {
    const name = names.get(holder.delegation) ?? holder.delegation;
    const chip: (MarkupElement | string)[] = [holder.delegation];
    if (holder.stance !== Stance.propose) chip.push(span([['class', bracketClass.stance]], [holder.stance]));
    return {
      attrs: [
        ['class', bracketClass.holder],
        ['data-delegation', holder.delegation],
        ['data-name', holder.stance === Stance.propose ? name : `${name}: ${holder.stance}`],
        ['tabindex', '-1'],
      ],
      vars: { '--holder': holderColor(holder.delegation) },
      children: chip,
    } satisfies MarkupElement;
  });
  return span(
    [['class', `${bracketClass.close} bracket-depth-${Math.min(bracket.depth, deepestShade)}`], ['data-bracket-id', bracket.id]],
    [
      span([['class', bracketClass.holders], ['aria-hidden', 'true']], holders),
      span([['class', bracketClass.mark], ['aria-hidden', 'true']], [']']),
      span([['class', bracketClass.hidden]], [' end of bracket ']),
    ],
  );
}

/** Builds the DOM of `markup` (the editor's widgets). */
export function markupToDom(markup: MarkupElement): HTMLElement {
  const element = document.createElement('span');
  for (const [name, value] of markup.attrs) element.setAttribute(name, value);
  for (const [name, value] of Object.entries(markup.vars ?? {})) element.style.setProperty(name, value);
  for (const child of markup.children) element.append(typeof child === 'string' ? child : markupToDom(child));
  return element;
}

/** A widget's identity: equal keys mean the same markup, so the editor keeps the element it has. */
export function markupKey(markup: MarkupElement): string {
  return JSON.stringify(markup);
}

function span(attrs: MarkupElement['attrs'], children: MarkupElement['children']): MarkupElement {
  return { attrs, children };
}
