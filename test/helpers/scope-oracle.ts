/**
 * The update fuzzer's oracle, independent of the permission check: given the document before and after an
 * allowed update, what changed outside the sender's scope. An observer may change nothing (not even the
 * state vector); a delegation D only the words (inside the same fragment) and the rationale of its own
 * proposals that were pending before the update; a facilitator anything a raw update may carry, as long as
 * the whole document still fits the value schema (doc-schema.ts). For every role, decisions are out of scope
 * of a raw update (they are commands the server applies itself): the title and title block, the round, the
 * floor, the order, which paragraphs exist (each its own map), a paragraph's kind, status, status note, round
 * added, source annotation and footnotes, the bracket records, which proposals exist (each its own map) and
 * every field of a proposal but its words and rationale, and those two as well once it is no longer pending.
 * So is anything inside a paragraph that was agreed or agreed ad ref before the update.
 */
import * as Y from 'yjs';
import { DocRoot, LaterParagraphField, MetaField, ParagraphField } from '../../shared/model/negotiation-doc.ts';
import { ProposalField, ProposalStatus } from '../../shared/model/proposal.ts';
import type { Actor } from '../../shared/permissions/check-update.ts';
import { describe, proposalFieldChecks, proposalProblems, schemaProblems } from './doc-schema.ts';

/** The proposal fields typed raw, while the proposal is pending (written here, not imported from the rule). */
const typedFields = new Set<string>([ProposalField.text, ProposalField.rationale]);

/** A document as plain, comparable data (every root, every field; shared types by identity and content). */
export function canonical(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, type] of doc.share) {
    const empty = type._start === null && type._map.size === 0;
    if (name !== DocRoot.proposals && !empty) out[name] = canon(type);
  }
  for (const [id, proposal] of doc.getMap<unknown>(DocRoot.proposals)) out[`${DocRoot.proposals}/${id}`] = canon(proposal);
  return out;
}

/** Stable text of any document value: shared types carry the id of the item holding them. */
export function canon(value: unknown): string {
  if (value instanceof Y.AbstractType) {
    const id = value._item ? `@${value._item.id.client}:${value._item.id.clock}` : '@root';
    const entries = [...value._map.keys()].sort().map((k) => {
      const item = value._map.get(k) as Y.Item;
      return item.deleted ? null : `${JSON.stringify(k)}:${canon(item.content.getContent()[item.length - 1])}`;
    });
    const list: string[] = [];
    let text = '';
    for (let item = value._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      if (item.content instanceof Y.ContentString) {
        text += item.content.str;
        continue;
      }
      if (text) list.push(JSON.stringify(text));
      text = '';
      if (item.content instanceof Y.ContentFormat) list.push(`<${item.content.key}=${canon(item.content.value)}>`);
      else list.push(...item.content.getContent().map(canon));
    }
    if (text) list.push(JSON.stringify(text));
    // Root types read back from an update are plain AbstractTypes until someone asks for them by kind.
    return `${value._item ? value.constructor.name : 'root'}${id}${value instanceof Y.XmlElement ? value.nodeName : ''}{${entries.filter(Boolean).join(',')}}[${list.join(',')}]`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `bytes[${value.join(',')}]`;
  if (Array.isArray(value)) return `[${value.map(canon).join(',')}]`;
  if (value && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? '' : `proto${canon(Object.getPrototypeOf(value))}`;
    return `${proto}{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canon((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** What the update changed outside `actor`'s scope, between `before` and `after` (a client's copy after it). */
export function scopeViolations(
  before: Y.Doc,
  after: Y.Doc,
  actor: Actor,
  mayWriteAs: (clientId: number) => boolean,
  beforeCanonical: Record<string, string> = canonical(before),
): string[] {
  const problems: string[] = [];
  const beforeStates = Y.decodeStateVector(Y.encodeStateVector(before));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(after))) {
    if (clock === beforeStates.get(client)) continue;
    if (actor.role === 'observer') problems.push(`the state vector changed for client ${client}`);
    else if (!mayWriteAs(client)) problems.push(`it wrote under client ${client}, which is not the sender's`);
  }
  if (actor.role === 'facilitator') {
    const proposals = proposalChanges(before, after, (was) => was.get(ProposalField.status) === ProposalStatus.pending);
    return [...problems, ...decisionChanges(before, after), ...lockedChanges(before, after), ...proposals, ...schemaProblems(after).map((p) => `schema: ${p}`)];
  }
  const a = beforeCanonical;
  const b = canonical(after);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] === b[key]) continue;
    if (actor.role === 'delegation' && key.startsWith(`${DocRoot.proposals}/`)) {
      const id = key.slice(DocRoot.proposals.length + 1);
      const own = (was: Y.Map<unknown>) => was.get(ProposalField.delegation) === actor.delegation && was.get(ProposalField.status) === ProposalStatus.pending;
      problems.push(...proposalChange(id, before.getMap<unknown>(DocRoot.proposals).get(id), after.getMap<unknown>(DocRoot.proposals).get(id), own));
    } else {
      problems.push(`${key} changed: ${(a[key] ?? 'nothing').slice(0, 100)} → ${(b[key] ?? 'nothing').slice(0, 100)}`);
    }
  }
  return problems;
}

/** What changed in any proposal beyond the words and rationale of those `mayEdit` accepts (read before the update). */
export function proposalChanges(before: Y.Doc, after: Y.Doc, mayEdit: (was: Y.Map<unknown>) => boolean): string[] {
  const [a, b] = [before.getMap<unknown>(DocRoot.proposals), after.getMap<unknown>(DocRoot.proposals)];
  const problems: string[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const [was, now] = [a.get(id), b.get(id)];
    if (canon(was) !== canon(now)) problems.push(...proposalChange(id, was, now, mayEdit));
  }
  return problems;
}

/** What changed in proposal `id` that the sender may not change (`mayEdit`: its words and rationale are theirs). */
function proposalChange(id: string, was: unknown, now: unknown, mayEdit: (was: Y.Map<unknown>) => boolean): string[] {
  const at = `proposals/${id}`;
  if (was === undefined) return [`decision: ${at} was created by an edit`];
  if (now === undefined) return [`decision: ${at} was removed`];
  if (!(was instanceof Y.Map) || !(now instanceof Y.Map)) return [`${at} now reads ${describe(now)}`];
  if (!sameItem(was, now)) return [`decision: ${at} was replaced by another map`];
  const problems: string[] = [];
  const editable = mayEdit(was);
  for (const field of new Set([...was.keys(), ...now.keys()])) {
    const [before, after] = [was.get(field), now.get(field)];
    if (canon(before) === canon(after)) continue;
    if (editable && typedFields.has(field) && now.has(field)) {
      if (field === ProposalField.text) {
        // The words change inside the fragment the proposal was made with, and still fit the editor schema.
        if (!(before instanceof Y.XmlFragment) || !(after instanceof Y.XmlFragment) || !sameItem(before, after)) problems.push(`${at}/text was replaced by another fragment`);
        else problems.push(...proposalProblems(id, now).filter((problem) => problem.startsWith(`${at}/text`)));
        continue;
      }
      if (proposalFieldChecks[field]?.(after)) continue;
    }
    problems.push(`${at}/${field} changed from ${describe(before)} to ${now.has(field) ? describe(after) : 'nothing'}${editable ? '' : ' (not the sender\'s to edit now)'}`);
  }
  return problems;
}

/** True when both shared types are the one held by the same item. */
function sameItem(a: { _item: Y.Item | null }, b: { _item: Y.Item | null }): boolean {
  return a._item?.id.client === b._item?.id.client && a._item?.id.clock === b._item?.id.clock;
}

/** Statuses under which a paragraph is locked (written here, not imported, to stay independent of the rule). */
const lockedStatusValues = new Set(['agreed', 'agreed-ad-ref']);

/** The paragraphs of `doc` whose status locks them. */
export function lockedParagraphs(doc: Y.Doc): Set<string> {
  const locked = new Set<string>();
  for (const [id, paragraph] of doc.getMap<unknown>(DocRoot.paragraphs)) {
    if (paragraph instanceof Y.Map && lockedStatusValues.has(paragraph.get(ParagraphField.status) as string)) locked.add(id);
  }
  return locked;
}

const decisionMeta = [MetaField.title, MetaField.titleBlock, MetaField.round, MetaField.floor];
const decisionParagraphFields = [
  ParagraphField.kind, ParagraphField.status, LaterParagraphField.statusNote, ParagraphField.addedInRound, ParagraphField.source, ParagraphField.footnotes,
];

/** A map entry as comparable text: absent, or its value. */
function entry(map: Y.Map<unknown>, key: string): string {
  return map.has(key) ? canon(map.get(key)) : 'absent';
}

/** The decisions (command-only data) that differ between `before` and `after`. */
export function decisionChanges(before: Y.Doc, after: Y.Doc): string[] {
  const problems: string[] = [];
  const [metaA, metaB] = [before.getMap<unknown>(DocRoot.meta), after.getMap<unknown>(DocRoot.meta)];
  for (const key of decisionMeta) if (entry(metaA, key) !== entry(metaB, key)) problems.push(`decision: meta/${key} changed from ${entry(metaA, key)} to ${entry(metaB, key)}`);
  const [orderA, orderB] = [canon(before.getArray(DocRoot.order)), canon(after.getArray(DocRoot.order))];
  if (orderA !== orderB) problems.push(`decision: the order changed from ${orderA.slice(0, 100)} to ${orderB.slice(0, 100)}`);
  const [parasA, parasB] = [before.getMap<unknown>(DocRoot.paragraphs), after.getMap<unknown>(DocRoot.paragraphs)];
  for (const id of new Set([...parasA.keys(), ...parasB.keys()])) {
    const [a, b] = [parasA.get(id), parasB.get(id)];
    if (!(a instanceof Y.Map) || !(b instanceof Y.Map)) {
      if (canon(a) !== canon(b)) problems.push(`decision: paragraphs/${id} ${a === undefined ? 'was created' : b === undefined ? 'was removed' : 'was replaced'}`);
      continue;
    }
    if (a._item?.id.client !== b._item?.id.client || a._item?.id.clock !== b._item?.id.clock) {
      problems.push(`decision: paragraphs/${id} was replaced by another map`);
      continue;
    }
    for (const field of decisionParagraphFields) {
      if (entry(a, field) !== entry(b, field)) problems.push(`decision: paragraphs/${id}/${field} changed from ${entry(a, field)} to ${entry(b, field)}`);
    }
  }
  const [bracketsA, bracketsB] = [canon(before.getMap(DocRoot.brackets)), canon(after.getMap(DocRoot.brackets))];
  if (bracketsA !== bracketsB) problems.push(`decision: the bracket records changed from ${bracketsA.slice(0, 100)} to ${bracketsB.slice(0, 100)}`);
  return problems;
}

/** What changed inside paragraphs locked in `before`, and proposals newly naming one. */
export function lockedChanges(before: Y.Doc, after: Y.Doc): string[] {
  const problems: string[] = [];
  const locked = lockedParagraphs(before);
  const [parasA, parasB] = [before.getMap<unknown>(DocRoot.paragraphs), after.getMap<unknown>(DocRoot.paragraphs)];
  for (const id of locked) {
    const [a, b] = [canon(parasA.get(id)), canon(parasB.get(id))];
    if (a !== b) problems.push(`locked: the agreed paragraph ${id} changed: ${a.slice(0, 100)} → ${b.slice(0, 100)}`);
  }
  const [propsA, propsB] = [before.getMap<unknown>(DocRoot.proposals), after.getMap<unknown>(DocRoot.proposals)];
  for (const [id, now] of propsB) {
    if (!(now instanceof Y.Map)) continue;
    const target = now.get(ProposalField.paragraphId);
    if (typeof target !== 'string' || !locked.has(target)) continue;
    const was = propsA.get(id);
    const sameMap = was instanceof Y.Map && was._item?.id.client === now._item?.id.client && was._item?.id.clock === now._item?.id.clock;
    if (!sameMap || was.get(ProposalField.paragraphId) !== target) problems.push(`locked: proposals/${id} now names the agreed paragraph ${target}`);
  }
  return problems;
}
