/**
 * The current text as a Word document (.docx), in the conventional form of a circulated draft: the title
 * block centred, headings in bold, numbered paragraphs with a hanging number, brackets written in
 * (`[words]`, `[Alt 1: …]`, holders when asked) with each word keeping its italics and bold, the source
 * annotation in italics after the text, and footnotes as Word footnotes at their markers. Built with the
 * docx library from the same snapshot and bracket form as the plain-text export.
 */
import { AlignmentType, Document, FootnoteReferenceRun, Packer, Paragraph, TabStopType, TextRun as DocxRun, type ParagraphChild } from 'docx';
import { bracketedRuns, type BracketTextOptions } from '../../shared/brackets/bracket-text.ts';
import { parseInlineMarkup } from '../../shared/model/inline-markup.ts';
import { ParagraphKind, type NegotiationSnapshot, type ParagraphSnapshot } from '../../shared/model/paragraph.ts';
import { MarkName, type TextRun } from '../../shared/model/text-run.ts';
import { splitSuperscriptMarkers } from '../../shared/superscript.ts';

// Word measures in twentieths of a point: the number hangs in the first 0.5 inch.
const hanging = 720;
const fontSize = 24;

type Footnotes = Record<string, { children: Paragraph[] }>;

/** The snapshot as the bytes of a .docx file. */
export function exportDocx(snapshot: NegotiationSnapshot, options: BracketTextOptions = {}): Promise<Buffer> {
  const footnotes: Footnotes = {};
  const body = snapshot.paragraphs.map((paragraph) => paragraphOf(paragraph, options, footnotes));
  const document = new Document({
    title: snapshot.title,
    creator: 'Draftroom',
    styles: { default: { document: { run: { font: 'Times New Roman', size: fontSize } } } },
    footnotes,
    sections: [{ children: [...titleBlock(snapshot), ...body] }],
  });
  return Packer.toBuffer(document);
}

function titleBlock(snapshot: NegotiationSnapshot): Paragraph[] {
  const title = new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new DocxRun({ text: snapshot.title, bold: true, size: fontSize + 4 })] });
  const lines = snapshot.titleBlock.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: [new DocxRun(line)] }));
  return [title, ...lines, new Paragraph({ children: [] })];
}

function paragraphOf(paragraph: ParagraphSnapshot, options: BracketTextOptions, footnotes: Footnotes): Paragraph {
  const heading = paragraph.kind === ParagraphKind.heading;
  const words = inlineChildren(bracketedRuns(paragraph.runs, paragraph.brackets ?? [], options), paragraph, footnotes, heading);
  if (heading) return new Paragraph({ keepNext: true, spacing: { before: 240, after: 120 }, children: words });
  const source = paragraph.source.trim() === '' ? [] : [new DocxRun({ text: ` [${paragraph.source.trim()}]`, italics: true })];
  const number = paragraph.number === null ? [] : [new DocxRun(`${paragraph.number}.`), new DocxRun({ text: '\t' })];
  return new Paragraph({
    spacing: { after: 160 },
    indent: paragraph.number === null ? undefined : { left: hanging, hanging },
    tabStops: [{ type: TabStopType.LEFT, position: hanging }],
    children: [...number, ...words, ...source],
  });
}

// The words as Word runs (all bold in a heading); a footnote marker with a footnote becomes a reference to
// it, numbered by Word.
function inlineChildren(runs: readonly TextRun[], paragraph: ParagraphSnapshot, footnotes: Footnotes, bold: boolean): ParagraphChild[] {
  return runs.flatMap((run) =>
    splitSuperscriptMarkers(run.text).map((piece): ParagraphChild => {
      const footnote = piece.marker === null ? undefined : paragraph.footnotes.find((note) => note.marker === piece.marker);
      if (!footnote) return wordRun(piece.text, bold ? [...(run.marks ?? []), MarkName.bold] : run.marks);
      const id = Object.keys(footnotes).length + 1;
      footnotes[String(id)] = { children: [new Paragraph({ children: parseInlineMarkup(footnote.text).map((part) => wordRun(part.text, part.marks)) })] };
      return new FootnoteReferenceRun(id);
    }),
  );
}

function wordRun(text: string, marks: readonly MarkName[] = []): DocxRun {
  return new DocxRun({ text, bold: marks.includes(MarkName.bold), italics: marks.includes(MarkName.italic) });
}
