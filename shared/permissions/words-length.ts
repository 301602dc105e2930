/**
 * How long a proposal's words may grow by typing: no longer than the propose command takes (typed-words.ts),
 * since every redline and merge of them costs as much. Judged from the lengths Yjs keeps and the sequence
 * lengths the update leaves (update-scope.ts): the cost is the number of text nodes of the proposals the
 * update types into, never their characters. Paragraph text is not capped: only facilitators type it, and an
 * imported paragraph may be longer than any command writes, where a cap would refuse every keystroke in it.
 */
import * as Y from 'yjs';
import { DocRoot } from '../model/negotiation-doc.ts';
import { getProposalText, ProposalField } from '../model/proposal.ts';
import type { Touch } from './touch.ts';
import { maxTypedCharacters } from './typed-words.ts';
import { rangesCover, type NormalizedDeletes } from './update-decoding.ts';
import type { SequenceLength } from './update-scope.ts';

/**
 * Why the update would leave a proposal's words longer than maxTypedCharacters and longer than they are now,
 * or null: words already too long may always be shortened. `touches`, `lengths` (UpdateScope) and `deletes`
 * (DecodedUpdate) describe the same update.
 */
export function wordsLengthProblem(doc: Y.Doc, touches: readonly Touch[], lengths: readonly SequenceLength[], deletes: NormalizedDeletes): string | null {
  // The characters of a proposal's words lie in the text nodes of its block: sequences at proposals/<id>/text/#/#.
  const byProposal = new Map<string, SequenceLength[]>();
  for (const length of lengths) {
    const [id, field] = length.path;
    if (length.root !== DocRoot.proposals || length.path.length !== 4 || field !== ProposalField.text || typeof id !== 'string') continue;
    const list = byProposal.get(id) ?? [];
    list.push(length);
    byProposal.set(id, list);
  }
  if (byProposal.size === 0) return null;
  const replaced = replacedWords(touches);
  for (const [id, changed] of byProposal) {
    const { before, after } = charactersOf(doc, id, changed, deletes, replaced.has(id));
    if (after > maxTypedCharacters && after > before) {
      const already = before > maxTypedCharacters ? ` and this one has ${before.toLocaleString('en')} already: it may only be shortened` : '';
      return `a proposal's words would have ${after.toLocaleString('en')} characters; a proposal may have at most ${maxTypedCharacters.toLocaleString('en')}${already}`;
    }
  }
  return null;
}

/** The characters of one proposal's words now and after the update: the text nodes it has, and those the update adds. */
function charactersOf(doc: Y.Doc, id: string, changed: readonly SequenceLength[], deletes: NormalizedDeletes, isReplaced: boolean): { before: number; after: number } {
  const afterOf = new Map(changed.map((length) => [length.container, length.after]));
  let before = 0;
  let after = 0;
  const known = new Set<string>();
  for (const { block, text } of textNodes(getProposalText(doc, id))) {
    const item = text._item as Y.Item;
    const container = `${item.id.client}:${item.id.clock}`;
    known.add(container);
    before += text.length;
    // A text node the update deletes (itself or its block), or whose whole fragment it replaces, takes its characters with it.
    if (isReplaced || covered(deletes, item) || covered(deletes, block._item)) continue;
    after += afterOf.get(container) ?? text.length;
  }
  for (const length of changed) {
    if (known.has(length.container)) continue;
    // Only a text node the update creates adds characters: one the document has elsewhere (in words
    // deleted before) holds nothing Yjs will show.
    const [client, clock] = length.container.split(':').map(Number) as [number, number];
    if (clock >= Y.getState(doc.store, client)) after += length.after;
  }
  return { before, after };
}

/** The live text nodes of a fragment's live blocks. */
function* textNodes(fragment: Y.XmlFragment | undefined): Generator<{ block: Y.XmlElement; text: Y.XmlText }> {
  for (let item = fragment?._start ?? null; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.XmlElement)) continue;
    const block = item.content.type;
    for (let child = block._start; child; child = child.right) {
      if (!child.deleted && child.content instanceof Y.ContentType && child.content.type instanceof Y.XmlText) yield { block, text: child.content.type };
    }
  }
}

/** The proposals whose words the update sets anew (refused elsewhere, but never counted twice here). */
function replacedWords(touches: readonly Touch[]): Set<string> {
  const ids = new Set<string>();
  for (const touch of touches) {
    const [id, field] = touch.path;
    if (touch.op !== 'set' || touch.root !== DocRoot.proposals || typeof id !== 'string') continue;
    if (touch.path.length === 1 || (touch.path.length === 2 && field === ProposalField.text)) ids.add(id);
  }
  return ids;
}

function covered(deletes: NormalizedDeletes, item: Y.Item | null): boolean {
  return item !== null && rangesCover(deletes, item.id.client, item.id.clock);
}
