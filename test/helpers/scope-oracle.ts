/**
 * The update fuzzer's oracle, independent of the permission check: given the document before and after an
 * allowed update, what changed outside the sender's scope. An observer may change nothing (not even the
 * state vector); a delegation D only its own pending proposals' editable fields (and withdraw them), its new
 * proposals (attributed to D, pending or withdrawn, bearing no other delegation's mark) and its own marks;
 * a facilitator anything, as long as the whole document still fits the value schema (doc-schema.ts).
 */
import * as Y from 'yjs';
import { DocRoot } from '../../shared/model/negotiation-doc.ts';
import { ProposalField, ProposalStatus } from '../../shared/model/proposal.ts';
import type { Actor } from '../../shared/permissions/check-update.ts';
import { describe, proposalFieldChecks, proposalProblems, schemaProblems } from './doc-schema.ts';

const editable = new Set<string>([
  ProposalField.paragraphId, ProposalField.afterParagraphId, ProposalField.kind, ProposalField.text,
  ProposalField.basedOn, ProposalField.rationale, ProposalField.updatedAt,
]);

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
  if (actor.role === 'facilitator') return [...problems, ...schemaProblems(after).map((p) => `schema: ${p}`)];
  const a = beforeCanonical;
  const b = canonical(after);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] === b[key]) continue;
    if (actor.role === 'delegation' && key.startsWith(`${DocRoot.proposals}/`)) {
      const id = key.slice(DocRoot.proposals.length + 1);
      problems.push(...proposalChange(id, before.getMap<unknown>(DocRoot.proposals).get(id), after.getMap<unknown>(DocRoot.proposals).get(id), actor.delegation ?? '', after));
    } else {
      problems.push(`${key} changed: ${(a[key] ?? 'nothing').slice(0, 100)} → ${(b[key] ?? 'nothing').slice(0, 100)}`);
    }
  }
  return problems;
}

/** What delegation `code` changed in proposal `id` that it may not. */
function proposalChange(id: string, was: unknown, now: unknown, code: string, after: Y.Doc): string[] {
  const at = `proposals/${id}`;
  if (now === undefined) return [`${at} was removed`];
  if (!(now instanceof Y.Map)) return [`${at} now reads ${describe(now)}`];
  if (was === undefined) {
    const problems = proposalProblems(id, now);
    if (now.get(ProposalField.delegation) !== code) problems.push(`${at} was created for ${describe(now.get(ProposalField.delegation))}`);
    const status = now.get(ProposalField.status);
    if (status !== ProposalStatus.pending && status !== ProposalStatus.withdrawn) problems.push(`${at} was created ${describe(status)}`);
    const marks = now.get(ProposalField.marks);
    if (marks instanceof Y.Map) for (const other of marks.keys()) if (other !== code) problems.push(`${at} was created bearing ${other}'s mark`);
    for (const field of [ProposalField.paragraphId, ProposalField.afterParagraphId]) {
      const target = now.get(field);
      if (typeof target === 'string' && !after.getMap(DocRoot.paragraphs).has(target)) problems.push(`${at}/${field} names no paragraph`);
    }
    return problems;
  }
  if (!(was instanceof Y.Map)) return [`${at} changed`];
  if (was._item?.id.client !== now._item?.id.client || was._item?.id.clock !== now._item?.id.clock) return [`${at} was replaced by another map`];
  const problems: string[] = [];
  const ownPending = was.get(ProposalField.delegation) === code && was.get(ProposalField.status) === ProposalStatus.pending;
  for (const field of new Set([...was.keys(), ...now.keys()])) {
    const before = was.get(field);
    const after = now.get(field);
    if (field === ProposalField.marks) {
      problems.push(...marksChange(at, before, after, code));
      continue;
    }
    if (canon(before) === canon(after)) continue;
    if (ownPending && editable.has(field) && now.has(field) && proposalFieldChecks[field]?.(after)) continue;
    if (ownPending && field === ProposalField.status && after === ProposalStatus.withdrawn) continue;
    problems.push(`${at}/${field} changed from ${describe(before)} to ${now.has(field) ? describe(after) : 'nothing'}`);
  }
  return problems;
}

function marksChange(at: string, was: unknown, now: unknown, code: string): string[] {
  if (!(was instanceof Y.Map) || !(now instanceof Y.Map) || was._item?.id.clock !== now._item?.id.clock || was._item?.id.client !== now._item?.id.client) {
    return canon(was) === canon(now) ? [] : [`${at}/marks was replaced`];
  }
  const problems: string[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const after = now.get(key);
    if (key === code) {
      if (now.has(key) && after !== 'support' && after !== 'object') problems.push(`${at}/marks/${code} reads ${describe(after)}`);
    } else if (canon(was.get(key)) !== canon(after) || was.has(key) !== now.has(key)) {
      problems.push(`${at}/marks/${key} changed to ${now.has(key) ? describe(after) : 'nothing'}`);
    }
  }
  return problems;
}
