/**
 * The document's editorial metadata, edited in place by facilitators: the title block (the title and the
 * lines under it), a paragraph's source annotation ("GCM para 49") and the text of its footnotes. These are
 * not the negotiated words: a paragraph agreed or agreed ad ref keeps its status when its source or a
 * footnote is corrected, and the activity says so.
 */
import type * as Y from 'yjs';
import { getMeta, getParagraphs, MetaField, ParagraphField, readParagraph, untitled } from '../model/negotiation-doc.ts';
import { lockedStatuses, ParagraphKind, type Footnote, type ParagraphSnapshot } from '../model/paragraph.ts';
import type { Command, CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type DecideEnv, type Decision } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';
import { statusWords } from './status-commands.ts';

type DocumentCommand = CommandOf<'set-title-block' | 'set-source' | 'set-footnote'>;

/** True for the commands this module decides. */
export function isDocumentCommand(command: Command): command is DocumentCommand {
  return command.type === 'set-title-block' || command.type === 'set-source' || command.type === 'set-footnote';
}

/** Decides a document command (the role is checked already). */
export function decideDocumentCommand(doc: Y.Doc, command: DocumentCommand, _env: DecideEnv): Decision {
  switch (command.type) {
    case 'set-title-block':
      return setTitleBlock(doc, command);
    case 'set-source':
      return setSource(doc, command);
    case 'set-footnote':
      return setFootnote(doc, command);
  }
}

// A source annotation as stored: one line, without the `*[` `]*` or `[` `]` a person may type around it.
function normalizeSource(source: string): string {
  const flat = source.replace(/\s+/g, ' ').trim();
  const wrapped = /^\*?\[([^[\]]*)\]\*?$/.exec(flat);
  return (wrapped ? (wrapped[1] as string) : flat).trim();
}

// The title block's lines as stored: each trimmed, blank ones left out.
function normalizeTitleLines(lines: readonly string[]): string[] {
  return lines.map((line) => line.replace(/\s+/g, ' ').trim()).filter((line) => line !== '');
}

function setTitleBlock(doc: Y.Doc, command: CommandOf<'set-title-block'>): Decision {
  if (/[\r\n]/.test(command.title)) return refuse('invalid', 'the title is one line: put the lines under it in the title block’s lines');
  const title = command.title.replace(/\s+/g, ' ').trim();
  const lines = normalizeTitleLines(command.lines);
  const { title: currentTitle, lines: currentLines } = readTitleBlock(doc);
  const before = [currentTitle, ...currentLines].join('\n');
  const after = [title, ...lines].join('\n');
  if (before === after) return refuse('conflict', `the title block already reads ${quote(after.replace(/\n/g, ' / '))}`);
  const titleChanged = title !== currentTitle;
  const linesChanged = lines.join('\n') !== currentLines.join('\n');
  const summary = titleChanged && !linesChanged ? `changed the title to ${quote(title)}` : titleChanged ? `changed the title to ${quote(title)} and the lines under it` : 'changed the lines under the title';
  return accept(
    (target) => {
      const meta = getMeta(target);
      if (titleChanged) meta.set(MetaField.title, title);
      if (linesChanged) meta.set(MetaField.titleBlock, lines);
    },
    { paragraphId: null, summary, before, after },
  );
}

function setSource(doc: Y.Doc, { paragraphId, source: typed }: CommandOf<'set-source'>): Decision {
  const paragraph = readParagraphFacts(doc, paragraphId);
  if (!paragraph) return refuse('conflict', 'that paragraph no longer exists');
  const { label } = paragraph;
  const source = normalizeSource(typed);
  const current = paragraph.source;
  if (source === current) {
    return refuse('conflict', source === '' ? `${label} has no source annotation already` : `the source annotation of ${label} already reads ${quote(source)}`);
  }
  if (source !== '' && current === '' && paragraph.kind === ParagraphKind.heading) return refuse('invalid', 'a heading carries no source annotation: annotate the paragraph the language is in');
  const verb = source === '' ? `removed the source annotation ${quote(current)} from ${label}` : current === '' ? `annotated ${label} with the source ${quote(source)}` : `changed the source annotation of ${label} to ${quote(source)}`;
  return accept(
    (target) => getParagraphs(target).get(paragraphId)?.set(ParagraphField.source, source),
    { paragraphId, summary: `${verb}${editorialNote(paragraph)}`, before: current, after: source },
  );
}

function setFootnote(doc: Y.Doc, { paragraphId, marker, text: typed }: CommandOf<'set-footnote'>): Decision {
  const paragraph = readParagraphFacts(doc, paragraphId);
  if (!paragraph) return refuse('conflict', 'that paragraph no longer exists');
  const { label, footnotes } = paragraph;
  const index = footnotes.findIndex((note) => note.marker === marker);
  if (index < 0) {
    return refuse('invalid', footnotes.length === 0 ? `${label} has no footnotes` : `${label} has no footnote ${quote(marker)}: its footnotes are ${footnotes.map((note) => note.marker).join(', ')}`);
  }
  const text = typed.trim();
  const current = (footnotes[index] as Footnote).text;
  if (text === current) return refuse('conflict', `footnote ${marker} of ${label} already reads ${quote(text)}`);
  const next = footnotes.map((note, i) => (i === index ? { marker: note.marker, text } : { marker: note.marker, text: note.text }));
  return accept(
    (target) => getParagraphs(target).get(paragraphId)?.set(ParagraphField.footnotes, next),
    { paragraphId, summary: `changed footnote ${marker} of ${label}${editorialNote(paragraph)}`, before: current, after: text },
  );
}

type ParagraphFacts = ParagraphSnapshot & { label: string };

// The paragraph as every reader reads it (the same defaults for a field absent or unreadable), or null.
function readParagraphFacts(doc: Y.Doc, paragraphId: string): ParagraphFacts | null {
  const map = getParagraphs(doc).get(paragraphId);
  return map ? { ...readParagraph(paragraphId, map), label: paragraphLabel(doc, paragraphId) } : null;
}

// The title and its lines as readNegotiation reads them, without reading the paragraphs.
function readTitleBlock(doc: Y.Doc): { title: string; lines: string[] } {
  const meta = getMeta(doc);
  const title = meta.get(MetaField.title);
  const lines = meta.get(MetaField.titleBlock);
  return {
    title: typeof title === 'string' ? title : untitled,
    lines: Array.isArray(lines) ? lines.filter((line): line is string => typeof line === 'string') : [],
  };
}

// An agreed paragraph's metadata may still be corrected; the record says its words and status stand.
function editorialNote(paragraph: ParagraphFacts): string {
  return lockedStatuses.has(paragraph.status) ? ` (an editorial correction: the paragraph stays ${statusWords[paragraph.status]} and its words are unchanged)` : '';
}

function quote(words: string): string {
  return `“${words.length > 120 ? `${words.slice(0, 119)}…` : words}”`;
}
