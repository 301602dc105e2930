/**
 * Text in the conventional inline markup (`*italic*`, `**bold**`), as used in footnotes, rendered with
 * real italics and bold.
 */
import { parseInlineMarkup } from '../../shared/model/inline-markup.ts';

/** Renders `source` with its markup as <em> and <strong>. */
export function InlineMarkupText({ source }: { source: string }) {
  return (
    <>
      {parseInlineMarkup(source).map((run, i) => {
        const marks = run.marks ?? [];
        let node: React.ReactNode = run.text;
        if (marks.includes('bold')) node = <strong>{node}</strong>;
        if (marks.includes('italic')) node = <em>{node}</em>;
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}
