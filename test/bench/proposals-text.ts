/**
 * The text of the proposals benchmark: the real IMRF zero draft's paragraphs (and headings), repeated in order
 * until there are `count` numbered paragraphs, as plain text the importer reads back (numbers renewed, sources
 * kept, footnotes left out).
 */
import { readFileSync } from 'node:fs';
import { importText } from '../../shared/import-text.ts';
import { plainText } from '../../shared/model/text-run.ts';

const fixture = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);

/** The zero draft repeated to `count` numbered paragraphs, as importable plain text; throws when the fixture is missing. */
export function repeatedFixtureText(count: number): string {
  const draft = importText(readFileSync(fixture, 'utf8'));
  const lines = [...draft.titleBlock, ''];
  let numbered = 0;
  for (let i = 0; numbered < count; i++) {
    const paragraph = draft.paragraphs[i % draft.paragraphs.length];
    if (!paragraph) throw new Error('the fixture has no paragraphs');
    // Footnote markers would point at footnotes this text leaves out.
    const text = plainText(paragraph.runs).replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+/g, '');
    if (paragraph.kind === 'heading') lines.push(text, '');
    else {
      numbered += 1;
      lines.push(`${numbered}. ${text}${paragraph.source ? ` *[${paragraph.source}]*` : ''}`, '');
    }
  }
  return lines.join('\n');
}
