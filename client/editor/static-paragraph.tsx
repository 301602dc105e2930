/**
 * A paragraph's text as static HTML with exactly the markup a mounted paragraph editor produces
 * (ProseMirror's element, <em>/<strong> nested in schema order, footnote links, the source tag as
 * ProseMirror renders a widget, and its trailing hack nodes), so swapping one for the other moves nothing on the screen.
 */
import { memo, type ReactNode } from 'react';
import type { MarkName, TextRun } from '../../shared/model/text-run.ts';
import { footnoteLinkAttributes, splitFootnoteMarkers } from './footnote-markers.ts';
import { sourceTagClass, sourceTagText } from './source-tag.ts';

/** The classes of the editor element, shared by static text so both get the same CSS. */
export const editorElementClass = 'tiptap ProseMirror';

// Schema order: ProseMirror nests marks by rank, italic (first in the schema) outermost.
const markRank: Readonly<Record<MarkName, number>> = { italic: 0, bold: 1 };
const markTag: Readonly<Record<MarkName, 'em' | 'strong'>> = { italic: 'em', bold: 'strong' };

interface MarkFrame {
  mark: MarkName;
  children: ReactNode[];
}

/** Props: the paragraph's runs and its source annotation ('' for none). */
export interface StaticParagraphProps {
  runs: readonly TextRun[];
  source: string;
}

/** Static paragraph text; the host element matches the one EditorContent renders around an editor. */
export const StaticParagraphText = memo(function StaticParagraphText({ runs, source }: StaticParagraphProps) {
  const content = renderRuns(runs);
  const endsInText = content.length > 0 && !source;
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
        {source ? <img className="ProseMirror-separator" alt="" /> : null}
        {endsInText ? null : <br className="ProseMirror-trailingBreak" />}
      </p>
    </div>
  );
});

function renderRuns(runs: readonly TextRun[]): ReactNode[] {
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
  for (const run of runs) {
    if (run.text === '') continue;
    const marks = [...(run.marks ?? [])].sort((a, b) => markRank[a] - markRank[b]);
    let common = 0;
    while (common < stack.length && common < marks.length && stack[common]?.mark === marks[common]) common += 1;
    close(common);
    for (const mark of marks.slice(common)) stack.push({ mark, children: [] });
    const target = stack[stack.length - 1]?.children ?? root;
    for (const piece of splitFootnoteMarkers(run.text)) {
      if (piece.marker === null) {
        target.push(piece.text);
      } else {
        // Attribute order as ProseMirror writes them, so the two markups compare equal as strings too.
        const { class: className, href, 'data-footnote': footnote } = footnoteLinkAttributes(piece.marker);
        target.push(
          <a key={key++} href={href} data-footnote={footnote} className={className}>
            {piece.text}
          </a>,
        );
      }
    }
  }
  close(0);
  return root;
}
