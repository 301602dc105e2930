/**
 * The first step of the plain-text import: refuse what is not text (binary files decoded as text, wrong
 * encodings, empty files) and cut the rest into lines, whatever the line endings.
 */
import { InvalidInputError } from '../errors.ts';

const binaryAdvice = 'save it as plain text (.txt) and import that.';

// C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL; C1 controls.
const controlPattern = /[\u0001-\u0008\u000E-\u001F\u007F-\u009F]/g;
// What a good text may hold a few of by accident and words may not hold (shared/model/word-characters.ts):
// those controls, the noncharacters U+FFFE and U+FFFF, and a surrogate without its pair. They are left out.
const strayPattern = /[\u0001-\u0008\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

/** The source's lines without line endings, BOM, stray control characters or trailing whitespace; throws InvalidInputError for unusable input. */
export function sourceLines(source: string): string[] {
  if (source.length === 0) throw new InvalidInputError('The file is empty.');
  assertText(source);
  const text = source
    .replace(/^\uFEFF/, '')
    .replace(strayPattern, '')
    .replace(/\r\n?/g, '\n')
    // Text copied from PDFs marks page breaks with form feeds: treat them as paragraph breaks.
    .replace(/[\f\v]/g, '\n\n');
  if (text.trim() === '') {
    throw new InvalidInputError('The file contains only blank lines and spaces: there is no text to import.');
  }
  return text.split('\n').map((line) => line.trimEnd());
}

/** Throws InvalidInputError when `source` looks like a binary file or a text decoded with the wrong encoding. */
export function assertText(source: string): void {
  if (source.startsWith('PK\u0003\u0004')) {
    throw new InvalidInputError(
      `This looks like a binary file (a .docx or another ZIP archive), not plain text: ${binaryAdvice}`,
    );
  }
  if (/^\s*%PDF-/.test(source)) {
    throw new InvalidInputError(
      'This looks like a PDF file, not plain text: copy its text into a .txt file and import that.',
    );
  }
  if (/^\s*\{\\rtf/.test(source)) {
    throw new InvalidInputError(`This looks like a rich-text (.rtf) file, not plain text: ${binaryAdvice}`);
  }
  // A few stray characters happen in real text; many mean the bytes were never text in the first place.
  const tolerated = Math.max(2, source.length / 1000);
  if (source.includes('\u0000') || count(source, controlPattern) > tolerated) {
    throw new InvalidInputError(
      `This looks like a binary file (for example a .docx or PDF), not plain text: ${binaryAdvice}`,
    );
  }
  const unreadable = count(source, /\uFFFD/g);
  if (unreadable > tolerated) {
    throw new InvalidInputError(
      `${unreadable} characters of this file could not be read (they show as \uFFFD): it is probably not UTF-8. ` +
        'Save it as plain text in UTF-8 encoding and import it again.',
    );
  }
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}
