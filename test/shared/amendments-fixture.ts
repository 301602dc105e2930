/** Test helper for the amendment tests: plain paragraph texts of the IMRF zero draft, by number. */
import { importText } from '../../shared/import-text.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { hasImrfFixture, imrfText, snapshotOf } from './snapshot-of.ts';

const paragraphs = hasImrfFixture ? snapshotOf(importText(imrfText)).paragraphs : [];

/** The numbers of the fixture's numbered paragraphs, in order. */
export const paragraphNumbers: string[] = paragraphs.filter((p) => p.kind === 'paragraph' && p.number !== null).map((p) => p.number as string);

/** The plain text of paragraph `number` of the fixture. */
export function paragraphText(number: string): string {
  const found = paragraphs.find((candidate) => candidate.number === number);
  if (!found) throw new Error(`no paragraph ${number} in the fixture`);
  return plainText(found.runs);
}

/** `text` with the `occurrence`-th (0-based) `words` replaced by `by`; fails when they are absent. */
export function replaceIn(text: string, words: string, by: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(words, at + 1);
  if (at < 0) throw new Error(`“${words}” is not in the text`);
  return text.slice(0, at) + by + text.slice(at + words.length);
}
