/**
 * A paragraph's text as static HTML with exactly the markup a mounted paragraph editor produces
 * (ProseMirror's element, <em>/<strong> nested in schema order, footnote links, the source tag as
 * ProseMirror renders a widget, and its trailing hack nodes), so swapping one for the other moves nothing on the screen.
 * Brackets are drawn as client/editor/bracket-decorations.ts draws them: their widgets outside any mark,
 * their words wrapped in a span inside the marks (test/e2e/brackets.test.ts compares the two markups).
 */
import { memo, type CSSProperties, type ReactNode } from 'react';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import type { MarkName, TextRun } from '../../shared/model/text-run.ts';
import { bracketPieces, closeMarkup, openMarkup, wordsClass, type DelegationNames, type MarkupElement } from './bracket-markup.ts';
import { splitSuperscriptMarkers } from '../../shared/superscript.ts';
import { footnoteLinkAttributes } from './footnote-markers.ts';
import { sourceTagClass, sourceTagText } from './source-tag.ts';
// Bracket styles travel with the text that shows brackets, static or editor, whatever page renders it.
import '../ui/styles/brackets.css';

/** The classes of the editor element, shared by static text so both get the same CSS. */
export const editorElementClass = 'tiptap ProseMirror';

// Schema order: ProseMirror nests marks by rank, italic (first in the schema) outermost.
const markRank: Readonly<Record<MarkName, number>> = { italic: 0, bold: 1 };
const markTag: Readonly<Record<MarkName, 'em' | 'strong'>> = { italic: 'em', bold: 'strong' };

interface MarkFrame {
  mark: MarkName;
  children: ReactNode[];
}

/** Props: the paragraph's runs, its source annotation ('' for none), its brackets and the delegations' names. */
export interface StaticParagraphProps {
  runs: readonly TextRun[];
  source: string;
  /** The paragraph's brackets (ParagraphSnapshot.brackets); none when absent. */
  brackets?: readonly BracketSnapshot[];
  /** Delegation names by code, for the holders' full names (codes stand in for missing ones). */
  names?: DelegationNames;
}

const noBrackets: readonly BracketSnapshot[] = [];
const noNames: DelegationNames = new Map();

/** Static paragraph text; the host element matches the one EditorContent renders around an editor. */
export const StaticParagraphText = memo(function StaticParagraphText({ runs, source, brackets = noBrackets, names = noNames }: StaticParagraphProps) {
  const { content, endsInWidget } = renderRuns(runs, brackets, names);
  const endsInText = content.length > 0 && !source && !endsInWidget;
  return (
    <div translate="no" className={editorElementClass}>
      <p>
        {content}
        {source ? (
          <span className={`${sourceTagClass} ProseMirror-widget`} contentEditable={false}>
            {sourceTagText(source)}
          </span>
        ) : null}
        {/* ProseMirror's hack nodes after a non-text end (Chrome): separator after a widget, then a break. */}
        {source || endsInWidget ? <img className="ProseMirror-separator" alt="" /> : null}
        {endsInText ? null : <br className="ProseMirror-trailingBreak" />}
      </p>
    </div>
  );
});

function renderRuns(runs: readonly TextRun[], brackets: readonly BracketSnapshot[], names: DelegationNames): { content: ReactNode[]; endsInWidget: boolean } {
  const root: ReactNode[] = [];
  const stack: MarkFrame[] = [];
  let key = 0;
  const close = (depth: number) => {
    while (stack.length > depth) {
      const frame = stack.pop() as MarkFrame;
      const Tag = markTag[frame.mark];
      const parent = stack[stack.length - 1]?.children ?? root;
      parent.push(<Tag key={key++}>{frame.children}</Tag>);
    }
  };
  let endsInWidget = false;
  for (const piece of bracketPieces(runs, brackets)) {
    endsInWidget = piece.kind !== 'text';
    if (piece.kind !== 'text') {
      // The editor's bracket widgets carry no marks: ProseMirror closes every mark around them.
      close(0);
      const markup = piece.kind === 'open' ? openMarkup(piece.bracket, names) : closeMarkup(piece.bracket, names);
      root.push(markupElement(markup, key++, true));
      continue;
    }
    const { run } = piece.node;
    if (run.text === '') continue;
    const marks = [...(run.marks ?? [])].sort((a, b) => markRank[a] - markRank[b]);
    let common = 0;
    while (common < stack.length && common < marks.length && stack[common]?.mark === marks[common]) common += 1;
    close(common);
    for (const mark of marks.slice(common)) stack.push({ mark, children: [] });
    const target = stack[stack.length - 1]?.children ?? root;
    const text = textPieces(run.text, () => key++);
    // Bracketed words are wrapped inside their marks, as ProseMirror wraps a text node in its inline decoration.
    if (piece.depth === null) target.push(...text);
    else target.push(<span key={key++} className={wordsClass(piece.depth)}>{text}</span>);
  }
  close(0);
  return { content: root, endsInWidget };
}

function textPieces(text: string, nextKey: () => number): ReactNode[] {
  return splitSuperscriptMarkers(text).map((piece) => {
    if (piece.marker === null) return piece.text;
    // Attribute order as ProseMirror writes them, so the two markups compare equal as strings too.
    const { class: className, href, 'data-footnote': footnote } = footnoteLinkAttributes(piece.marker);
    return (
      <a key={nextKey()} href={href} data-footnote={footnote} className={className}>
        {piece.text}
      </a>
    );
  });
}

// A bracket widget as React elements; `widget` adds what ProseMirror adds to every widget's element.
function markupElement(markup: MarkupElement, key: number, widget: boolean): ReactNode {
  const props: Record<string, unknown> = {};
  for (const [name, value] of markup.attrs) {
    if (name === 'class') props.className = widget ? `${value} ProseMirror-widget` : value;
    else if (name === 'tabindex') props.tabIndex = Number(value);
    else props[name] = value;
  }
  if (widget) props.contentEditable = false;
  if (markup.vars) props.style = markup.vars as CSSProperties;
  const children = markup.children.map((child, i) => (typeof child === 'string' ? child : markupElement(child, i, false)));
  return (
    <span key={key} {...props}>
      {children}
    </span>
  );
}
