/** Test helper: a draft as the negotiation document stores and reads it (through Yjs), and the fixture paths. */
import { readFileSync, existsSync } from 'node:fs';
import * as Y from 'yjs';
import { populateNegotiation, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { DraftDocument, NegotiationSnapshot } from '../../shared/model/paragraph.ts';

/** The snapshot read back from a fresh Y.Doc populated with `draft` (after an encode/decode of its state). */
export function snapshotOf(draft: DraftDocument): NegotiationSnapshot {
  const doc = new Y.Doc();
  populateNegotiation(doc, draft);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return readNegotiation(copy);
}

/** The real IMRF zero draft, kept outside the repository. */
export const imrfFixture = new URL(
  '../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt',
  import.meta.url,
);

/** True when the IMRF fixture is present on this machine. */
export const hasImrfFixture = existsSync(imrfFixture);

/** The IMRF fixture's text ('' when absent: the tests that need it are skipped). */
export const imrfText = hasImrfFixture ? readFileSync(imrfFixture, 'utf8') : '';

/** One of the fixtures written for these tests, under test/fixtures/. */
export function localFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** The names of the fixtures under test/fixtures/. */
export const localFixtureNames = [
  'prose-declaration.txt',
  'concept-note.md',
  'numbered-draft-bis.txt',
  'word-export-single-newlines.txt',
] as const;
