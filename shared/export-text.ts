/**
 * The plain-text exporter, in the conventional form of a circulated draft: the title block, then headings
 * and numbered paragraphs (`12. text *[source]*`) separated by blank lines, then the footnotes (`¹ text`).
 * Brackets are written in the conventional form (`[words]`, `[Alt 1: …] [Alt 2: …]`, nested as they stand),
 * with their holders after the words when asked (`[words - EU, G77 delete]`). importText reads a text
 * without brackets back to the same paragraphs (brackets come back as literal characters).
 */
import { formatBracketedText, type BracketTextOptions } from './brackets/bracket-text.ts';
import { ParagraphKind, type NegotiationSnapshot, type ParagraphSnapshot } from './model/paragraph.ts';
import { toSuperscript } from './superscript.ts';
import { oneLine } from './model/word-characters.ts';

/** How the text export writes brackets. */
export type ExportTextOptions = BracketTextOptions;

/** The snapshot as text: title block, paragraphs (brackets written, holders when asked), then footnotes, in blank-line-separated blocks; one final newline. */
export function exportText(snapshot: NegotiationSnapshot, options: ExportTextOptions = {}): string {
  const titleBlock = [snapshot.title, ...snapshot.titleBlock].map(oneLine).filter((line) => line !== '');
  const body = snapshot.paragraphs.map((paragraph) => paragraphBlock(paragraph, options));
  const footnotes = snapshot.paragraphs.flatMap((paragraph) =>
    paragraph.footnotes.map((footnote) => oneLine(`${toSuperscript(footnote.marker)} ${footnote.text}`)),
  );
  const blocks = [titleBlock.join('\n'), ...body, ...footnotes].filter((block) => block !== '');
  return `${blocks.join('\n\n')}\n`;
}

// A line break inside a paragraph would split it in two on the way back in: every block is written as one line.
function paragraphBlock(paragraph: ParagraphSnapshot, options: ExportTextOptions): string {
  const text = oneLine(formatBracketedText(paragraph.runs, paragraph.brackets ?? [], options));
  if (paragraph.kind === ParagraphKind.heading) return text;
  const source = oneLine(paragraph.source);
  const parts = [paragraph.number === null ? '' : `${paragraph.number}.`, text, source === '' ? '' : `*[${source}]*`];
  return parts.filter((part) => part !== '').join(' ');
}
