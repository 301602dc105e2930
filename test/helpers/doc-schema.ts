/**
 * The value schema of a negotiation document, written independently of the permission check (from the model
 * in shared/model and DOMAIN.md): what every paragraph, proposal, reaction, delegation and meta field must read.
 * The update fuzzer's oracle: after any allowed update, a client's copy of the document must still fit it.
 */
import * as Y from 'yjs';
import { Stance } from '../../shared/model/bracket.ts';
import { DocRoot, LaterParagraphField, MetaField, ParagraphField } from '../../shared/model/negotiation-doc.ts';
import { ParagraphKind, ParagraphStatus } from '../../shared/model/paragraph.ts';
import { ProposalField, ProposalKind, ProposalStatus, Reaction } from '../../shared/model/proposal.ts';

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const codePattern = /^[A-Z0-9][A-Z0-9-]{1,15}$/;
const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for an own-keys-only plain object with exactly `keys`. */
function exactObject(value: unknown, keys: string[]): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((k, i) => k === [...keys].sort()[i]);
}

const isString = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max;
const isId = (v: unknown) => typeof v === 'string' && idPattern.test(v);
const isTimestamp = (v: unknown) => typeof v === 'string' && v.length <= 40 && isoPattern.test(v) && !Number.isNaN(Date.parse(v));
const isIntIn = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const oneOf = (values: Record<string, string>) => (v: unknown) => Object.values(values).includes(v as string);

/** What each plain field of a proposal may read. */
export const proposalFieldChecks: Record<string, (v: unknown) => boolean> = {
  [ProposalField.paragraphId]: (v) => v === null || isId(v),
  [ProposalField.afterParagraphId]: (v) => v === null || isId(v),
  [ProposalField.delegation]: (v) => typeof v === 'string' && codePattern.test(v),
  [ProposalField.kind]: oneOf(ProposalKind),
  [ProposalField.basedOn]: isString(20_000),
  // The formatting of basedOn: stretches of it, each with one or two distinct marks.
  [ProposalField.baseMarks]: (v) =>
    Array.isArray(v) &&
    v.length <= 20_000 &&
    v.every((s) => exactObject(s, ['from', 'to', 'marks']) && isIntIn(0, 20_000)(s.from) && isIntIn(1, 20_000)(s.to) && (s.from as number) < (s.to as number) && Array.isArray(s.marks) && s.marks.length >= 1 && s.marks.length <= 2 && new Set(s.marks).size === s.marks.length && s.marks.every((m) => m === 'italic' || m === 'bold')),
  [ProposalField.rationale]: isString(2_000),
  [ProposalField.status]: oneOf(ProposalStatus),
  [ProposalField.createdAt]: isTimestamp,
  // The last decision, as plain JSON (an object), or null.
  [ProposalField.decision]: (v) => v === null || (typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype),
};

/** The fields every proposal must have (all of them: the propose command writes each). */
export const requiredProposalFields: readonly string[] = Object.values(ProposalField);

const paragraphChecks: Record<string, (v: unknown) => boolean> = {
  [ParagraphField.kind]: oneOf(ParagraphKind),
  [ParagraphField.source]: isString(10_000),
  [ParagraphField.footnotes]: (v) => Array.isArray(v) && v.every((f) => exactObject(f, ['marker', 'text']) && typeof f.marker === 'string' && typeof f.text === 'string'),
  [ParagraphField.status]: oneOf(ParagraphStatus),
  [ParagraphField.addedInRound]: isIntIn(0, 1_000),
  // Absent from paragraphs stored before it existed (read as ''); a string of at most 500 when present.
  [LaterParagraphField.statusNote]: isString(500),
};

/** A Yjs id as JSON ({ client, clock }), whole numbers from 0. */
const isYjsId = (v: unknown) => exactObject(v, ['client', 'clock']) && isIntIn(0, Number.MAX_SAFE_INTEGER)(v.client) && isIntIn(0, Number.MAX_SAFE_INTEGER)(v.clock);

/** A relative position as Y.relativePositionToJSON writes it. */
const isRelativePosition = (v: unknown) =>
  exactObject(v, ['type', 'tname', 'item', 'assoc'])
  && (v.type === null || isYjsId(v.type))
  && (v.tname === null || isString(64)(v.tname))
  && (v.item === null || isYjsId(v.item))
  && (v.assoc === 0 || v.assoc === -1);

/** A bracket record (shared/model/bracket.ts): plain JSON, written only by commands. */
function isBracketRecord(v: unknown): boolean {
  if (!exactObject(v, ['paragraphId', 'start', 'end', 'holders', 'group', 'createdAt'])) return false;
  const holders = v.holders;
  return isId(v.paragraphId) && isRelativePosition(v.start) && isRelativePosition(v.end)
    && Array.isArray(holders) && holders.length <= 200
    && holders.every((h) => exactObject(h, ['delegation', 'stance']) && typeof h.delegation === 'string' && codePattern.test(h.delegation) && oneOf(Stance)(h.stance))
    && (v.group === null || isId(v.group)) && isTimestamp(v.createdAt);
}

/** Everything in `doc` that does not fit the schema (empty when all fits). */
export function schemaProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  for (const [name, type] of doc.share) {
    const used = type._start !== null || type._map.size > 0;
    if (used && !(Object.values(DocRoot) as string[]).includes(name)) problems.push(`a root "${name}" that is not part of a negotiation`);
  }
  const meta = doc.getMap<unknown>(DocRoot.meta);
  if (!(typeof meta.get(MetaField.title) === 'string' && (meta.get(MetaField.title) as string).length >= 1)) problems.push('meta/title');
  const block = meta.get(MetaField.titleBlock);
  if (!Array.isArray(block) || !block.every((l) => typeof l === 'string')) problems.push('meta/titleBlock');
  if (!isIntIn(0, 999)(meta.get(MetaField.round))) problems.push(`meta/round reads ${String(meta.get(MetaField.round))}`);
  if (meta.has(MetaField.floor) && !(meta.get(MetaField.floor) === null || isId(meta.get(MetaField.floor)))) problems.push(`meta/floor reads ${describe(meta.get(MetaField.floor))}`);
  for (const key of meta.keys()) if (!(Object.values(MetaField) as string[]).includes(key)) problems.push(`meta/${key}`);
  if (doc.getArray(DocRoot.order)._map.size > 0) problems.push('order has keys');
  doc.getArray<unknown>(DocRoot.order).forEach((id, i) => { if (!isId(id)) problems.push(`order[${i}] reads ${JSON.stringify(id)}`); });
  for (const [id, value] of doc.getMap<unknown>(DocRoot.paragraphs)) problems.push(...paragraphProblems(id, value));
  for (const [id, value] of doc.getMap<unknown>(DocRoot.proposals)) problems.push(...proposalProblems(id, value));
  for (const [id, value] of doc.getMap<unknown>(DocRoot.brackets)) {
    if (!idPattern.test(id) || !isBracketRecord(value)) problems.push(`brackets/${id} reads ${describe(value)}`);
  }
  // A deleted paragraph kept to be put back: who deleted it, when, and its copy (runs, brackets, footnotes as lists).
  for (const [id, value] of doc.getMap<unknown>(DocRoot.removed)) {
    const ok =
      idPattern.test(id) && exactObject(value, ['paragraph', 'by', 'at']) && typeof value.by === 'string' && isTimestamp(value.at) &&
      typeof value.paragraph === 'object' && value.paragraph !== null && ['runs', 'brackets', 'footnotes'].every((key) => Array.isArray((value.paragraph as Record<string, unknown>)[key]));
    if (!ok) problems.push(`removed/${id} reads ${describe(value)}`);
  }
  for (const [code, value] of doc.getMap<unknown>(DocRoot.delegations)) {
    const ok = codePattern.test(code) && exactObject(value, ['name']) && typeof value.name === 'string' && value.name.trim() !== '' && value.name.length <= 120;
    if (!ok) problems.push(`delegations/${code} reads ${describe(value)}`);
  }
  return problems;
}

/** What is wrong with one proposal (its map, fields, words and reactions). */
export function proposalProblems(id: string, value: unknown): string[] {
  if (!idPattern.test(id) || !(value instanceof Y.Map)) return [`proposals/${id} is not a proposal map`];
  const problems: string[] = [];
  for (const field of requiredProposalFields) if (!value.has(field)) problems.push(`proposals/${id} has no ${field}`);
  for (const [field, v] of value) {
    if (field === ProposalField.reactions) {
      if (!(v instanceof Y.Map)) problems.push(`proposals/${id}/reactions is not a map`);
      else for (const [code, reaction] of v) if (!codePattern.test(code) || !oneOf(Reaction)(reaction)) problems.push(`proposals/${id}/reactions/${code} reads ${describe(reaction)}`);
    } else if (field === ProposalField.text) problems.push(...textProblems(`proposals/${id}/text`, v));
    else if (!proposalFieldChecks[field]?.(v)) problems.push(`proposals/${id}/${field} reads ${describe(v)}`);
  }
  return problems;
}

function paragraphProblems(id: string, value: unknown): string[] {
  if (!idPattern.test(id) || !(value instanceof Y.Map)) return [`paragraphs/${id} is not a paragraph map`];
  const problems: string[] = [];
  for (const field of Object.values(ParagraphField)) if (!value.has(field)) problems.push(`paragraphs/${id} has no ${field}`);
  for (const [field, v] of value) {
    if (field === ParagraphField.text) problems.push(...textProblems(`paragraphs/${id}/text`, v));
    else if (!paragraphChecks[field]?.(v)) problems.push(`paragraphs/${id}/${field} reads ${describe(v)}`);
  }
  return problems;
}

/** The editor schema (shared/model/editor-schema.ts): exactly one <paragraph> of text with bold and italic marks. */
function textProblems(at: string, fragment: unknown): string[] {
  if (!(fragment instanceof Y.XmlFragment) || fragment instanceof Y.XmlElement) return [`${at} is not an XML fragment`];
  const children = fragment.toArray();
  if (children.length !== 1) return [`${at} holds ${children.length} blocks instead of one paragraph`];
  const element = children[0];
  if (!(element instanceof Y.XmlElement) || element.nodeName !== 'paragraph') return [`${at} holds a ${describe(element)}`];
  if (Object.keys(element.getAttributes()).length > 0) return [`${at} <paragraph> carries attributes`];
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlText)) return [`${at} <paragraph> holds a ${describe(child)}`];
    for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof op.insert !== 'string') return [`${at} holds a non-text insert`];
      const marks = Object.keys(op.attributes ?? {}).filter((k) => k !== 'bold' && k !== 'italic');
      if (marks.length > 0) return [`${at} carries the marks ${marks.join(', ')}`];
    }
  }
  return [];
}

/** A short description of a value for messages. */
export function describe(value: unknown): string {
  if (value instanceof Y.AbstractType) return value.constructor.name;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `bytes(${value.length})`;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value)) return 'an object with a forged prototype';
  return (JSON.stringify(value) ?? String(value)).slice(0, 80);
}
