/**
 * The current text as a Word document (.docx), in the conventional form of a circulated draft: the title
 * block centred, headings in bold, numbered paragraphs with a hanging number, brackets written in
 * (`[words]`, `[Alt 1: …]`, holders when asked) with each word keeping its italics and bold, the source
 * annotation in italics after the text, and footnotes as Word footnotes at their markers (one footnote
 * however often its marker recurs). Characters XML cannot hold are left out. Built with the docx library from
 * the same snapshot and bracket form as the plain-text export.
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

/** The footnotes written so far, and the Word id of each paragraph's marker (a marker used again refers to it). */
interface FootnoteBook {
  notes: Footnotes;
  ids: Map<string, number>;
}

// What XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; the noncharacters U+FFFE and
// U+FFFF; a surrogate without its pair (in "u" mode only lone ones match).
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** `text` without the characters XML cannot hold. */
export function xmlText(text: string): string {
  return text.replace(notXml, '');
}

/** The snapshot as the bytes of a .docx file. */
export function exportDocx(snapshot: NegotiationSnapshot, options: BracketTextOptions = {}): Promise<Buffer> {
  const footnotes: FootnoteBook = { notes: {}, ids: new Map() };
  const body = snapshot.paragraphs.map((paragraph) => paragraphOf(paragraph, options, footnotes));
  const document = new Document({
    title: xmlText(snapshot.title),
    creator: 'Draftroom',
    styles: { default: { document: { run: { font: 'Times New Roman', size: fontSize } } } },
    footnotes: footnotes.notes,
    sections: [{ children: [...titleBlock(snapshot), ...body] }],
  });
  return Packer.toBuffer(document);
}

function titleBlock(snapshot: NegotiationSnapshot): Paragraph[] {
  const title = new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new DocxRun({ text: xmlText(snapshot.title), bold: true, size: fontSize + 4 })] });
  const lines = snapshot.titleBlock.map((line) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: [new DocxRun(xmlText(line))] }));
  return [title, ...lines, new Paragraph({ children: [] })];
}

function paragraphOf(paragraph: ParagraphSnapshot, options: BracketTextOptions, footnotes: FootnoteBook): Paragraph {
  const heading = paragraph.kind === ParagraphKind.heading;
  const words = inlineChildren(bracketedRuns(paragraph.runs, paragraph.brackets ?? [], options), paragraph, footnotes, heading);
  if (heading) return new Paragraph({ keepNext: true, spacing: { before: 240, after: 120 }, children: words });
  const source = paragraph.source.trim() === '' ? [] : [new DocxRun({ text: xmlText(` [${paragraph.source.trim()}]`), italics: true })];
  const number = paragraph.number === null ? [] : [new DocxRun(`${paragraph.number}.`), new DocxRun({ text: '\t' })];
  return new Paragraph({
    spacing: { after: 160 },
    indent: paragraph.number === null ? undefined : { left: hanging, hanging },
    tabStops: [{ type: TabStopType.LEFT, position: hanging }],
    children: [...number, ...words, ...source],
  });
}

// The words as Word runs (all bold in a heading). A footnote marker with a footnote becomes a reference to it,
// numbered by Word in the order of the references; the same marker again is written as that number, raised.
function inlineChildren(runs: readonly TextRun[], paragraph: ParagraphSnapshot, footnotes: FootnoteBook, bold: boolean): ParagraphChild[] {
  return runs.flatMap((run) =>
    splitSuperscriptMarkers(run.text).map((piece): ParagraphChild => {
      const footnote = piece.marker === null ? undefined : paragraph.footnotes.find((note) => note.marker === piece.marker);
      if (!footnote) return wordRun(piece.text, bold ? [...(run.marks ?? []), MarkName.bold] : run.marks);
      const key = `${paragraph.id} ${footnote.marker}`;
      const known = footnotes.ids.get(key);
      if (known !== undefined) return new DocxRun({ text: String(known), superScript: true });
      const id = footnotes.ids.size + 1;
      footnotes.ids.set(key, id);
      footnotes.notes[String(id)] = { children: [new Paragraph({ children: parseInlineMarkup(footnote.text).map((part) => wordRun(part.text, part.marks)) })] };
      return new FootnoteReferenceRun(id);
    }),
  );
}

function wordRun(text: string, marks: readonly MarkName[] = []): DocxRun {
  return new DocxRun({ text: xmlText(text), bold: marks.includes(MarkName.bold), italics: marks.includes(MarkName.italic) });
}
