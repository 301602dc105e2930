/**
 * The footnotes at the end of the document, each with its superscript marker linking back to the
 * paragraph that carries it, and its inline markup rendered.
 */
import { footnoteElementId, superscriptOf } from '../editor/footnote-markers.ts';
import type { FootnoteEntry } from '../sync/negotiation-store.ts';
import { InlineMarkupText } from './inline-markup-text.tsx';
import { paragraphElementId } from './paragraph-block.tsx';

/** The list, or nothing when the document has no footnotes. */
export function FootnoteList({ footnotes }: { footnotes: readonly FootnoteEntry[] }) {
  if (footnotes.length === 0) return null;
  return (
    <footer className="footnotes" aria-label="Footnotes" data-testid="footnotes">
      <ol>
        {footnotes.map((note) => (
          <li key={`${note.paragraphId}:${note.marker}`} id={footnoteElementId(note.marker)}>
            <a className="fn-back" href={`#${paragraphElementId(note.paragraphId)}`} title="Back to the paragraph">
              {superscriptOf(note.marker)}
            </a>{' '}
            <InlineMarkupText source={note.text} />
          </li>
        ))}
      </ol>
    </footer>
  );
}
