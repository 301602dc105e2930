/**
 * The permission table: for every place in a negotiation document, who may write it and what it may hold
 * (role × path × value schema). Facilitators may write every row, within its schema; a delegation only the
 * rows naming a delegation access, under that access's conditions (shared/permissions/delegation-rules.ts);
 * observers none. Rows marked `command` are decisions: only the server writes them, applying a command
 * (shared/commands/), and a raw update touching them is refused from every role, facilitators included.
 * A path with no row is not part of a negotiation document and nobody may write it.
 */
import { z } from 'zod';
import { DocRoot, LaterParagraphField, MetaField, ParagraphField } from '../model/negotiation-doc.ts';
import { Stance } from '../model/bracket.ts';
import { ParagraphKind, ParagraphStatus } from '../model/paragraph.ts';
import { keptParagraphLimits, maxReformattedStretches, ProposalField, ProposalKind, ProposalStatus, Reaction } from '../model/proposal.ts';
import { MarkName } from '../model/text-run.ts';
import type { TypeName } from './touch.ts';

/** How a delegation may write a row (checked against the document by delegation-rules.ts). */
export const DelegationAccess = {
  /** In its own proposal, while that proposal is pending. */
  editable: 'editable',
} as const;

/** One of the values of DelegationAccess. */
export type DelegationAccess = (typeof DelegationAccess)[keyof typeof DelegationAccess];

/** What a place may hold: a plain value (JSON) checked by a schema, or a shared type of one kind. */
export type ValueRule = { plain: z.ZodType } | { shared: TypeName };

/** A document object another value may refer to by id. */
export type Reference = 'paragraph' | 'delegation';

/** One row of the table. */
export interface FieldRule {
  /** Root name then keys; '*' is any key (checked by `key`), '#' a position in a sequence. */
  path: readonly string[];
  /** For a map entry: what it may read. For a sequence ('#' last): what may be inserted, each value. */
  value: ValueRule;
  /** For '*' segments: what a key must look like. */
  key?: z.ZodType;
  /** A map entry that, once it holds a value, may never be left without one. */
  required?: boolean;
  /** A plain value that must name an existing object of this kind (null allowed where the schema allows it). */
  refersTo?: Reference;
  /** For a shared map: the keys it must be created with, each holding a value. */
  createdWith?: readonly string[];
  /** For a shared sequence: exactly how many items it holds after any update that changes it. */
  holds?: number;
  /** How a delegation may write it; absent: facilitators only. */
  delegation?: DelegationAccess;
  /** Written only by commands (decisions): refused in every raw update, whoever sends it. */
  command?: true;
}

const paragraphId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of 1 to 64 letters, digits, dashes or underscores');
const delegationCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,15}$/, 'a delegation code such as "KEN" or "G77"');
const line = (max: number) => z.string().max(max);
const timestamp = z.iso.datetime({ offset: true }).max(40);
const oneOf = (values: Record<string, string>) => z.enum(Object.values(values) as [string, ...string[]]);
const proposalText = line(20_000);
const yjsId = z.strictObject({ client: z.number().int().min(0), clock: z.number().int().min(0) });
const relativePosition = z.strictObject({
  type: yjsId.nullable(),
  tname: z.string().max(64).nullable(),
  item: yjsId.nullable(),
  assoc: z.number().int().min(-1).max(0),
});

// A paragraph's fields and a bracket's holders, as their rows take them and as a kept (deleted) paragraph holds them.
const paragraphSource = line(10_000);
const footnoteList = z.array(z.strictObject({ marker: line(16), text: line(20_000) })).max(500);
const statusNote = line(500);
const roundNumber = z.number().int().min(0).max(1_000);
const bracketHolders = z.array(z.strictObject({ delegation: delegationCode, stance: oneOf(Stance) })).max(200);
const markList = z.array(oneOf(MarkName)).max(2);
// A proposal's base formatting: stretches of basedOn (at most 20,000 characters) that carry marks.
const markSpans = z
  .array(z.strictObject({ from: z.number().int().min(0), to: z.number().int().max(20_000), marks: markList.min(1) }).refine((span) => span.from < span.to, 'a span ends after it starts'))
  .max(20_000);

// The last decision on a proposal (DecisionRecord), written only by commands. Its texts copy the paragraph's
// (uncapped, as paragraph text is); an accepted deletion's kept paragraph is bounded by keptParagraphLimits
// and by what the paragraph and bracket rows allow; an acceptance's reformatted stretches, by the longest
// proposal that may be accepted.
const keptParagraph = z.strictObject({
  kind: oneOf(ParagraphKind),
  runs: z
    .array(z.strictObject({ text: z.string().min(1), marks: markList.optional() }))
    .max(keptParagraphLimits.characters)
    .refine((runs) => runs.reduce((n, run) => n + run.text.length, 0) <= keptParagraphLimits.characters, `at most ${keptParagraphLimits.characters} characters`),
  source: paragraphSource,
  footnotes: footnoteList,
  status: oneOf(ParagraphStatus),
  statusNote,
  addedInRound: roundNumber,
  previousId: paragraphId.nullable(),
  nextId: paragraphId.nullable(),
  brackets: z
    .array(z.strictObject({
      id: paragraphId,
      span: z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(0) }),
      holders: bracketHolders,
      group: paragraphId.nullable(),
      createdAt: timestamp,
    }))
    .max(keptParagraphLimits.brackets),
  onFloor: z.literal(true).optional(),
});
const decisionRecord = z.strictObject({
  status: oneOf(ProposalStatus),
  by: z.string(),
  at: timestamp,
  before: z.string().optional(),
  after: z.string().optional(),
  bracketIds: z.array(paragraphId).optional(),
  paragraphId: paragraphId.optional(),
  supersededBy: paragraphId.optional(),
  superseded: z.array(paragraphId).optional(),
  deleted: keptParagraph.optional(),
  reformatted: z
    .array(z.strictObject({
      from: z.number().int().min(0),
      to: z.number().int().min(0),
      added: markList,
      removed: markList,
    }))
    .max(maxReformattedStretches)
    .optional(),
});

/** The rows, in no particular order; each path appears once. */
export const fieldRules: readonly FieldRule[] = [
  { path: [DocRoot.meta, MetaField.title], value: { plain: z.string().min(1).max(2_000) }, required: true, command: true },
  { path: [DocRoot.meta, MetaField.titleBlock], value: { plain: z.array(line(2_000)).max(200) }, required: true, command: true },
  { path: [DocRoot.meta, MetaField.round], value: { plain: z.number().int().min(0).max(999) }, required: true, command: true },
  { path: [DocRoot.meta, MetaField.floor], value: { plain: paragraphId.nullable() }, command: true },
  { path: [DocRoot.order, '#'], value: { plain: paragraphId }, command: true },
  {
    path: [DocRoot.paragraphs, '*'], key: paragraphId, value: { shared: 'map' },
    createdWith: Object.values(ParagraphField), command: true,
  },
  { path: [DocRoot.paragraphs, '*', ParagraphField.kind], value: { plain: oneOf(ParagraphKind) }, required: true, command: true },
  // The editor's document is exactly one paragraph block: without one, every open page would add its own.
  { path: [DocRoot.paragraphs, '*', ParagraphField.text], value: { shared: 'xml-fragment' }, required: true, holds: 1 },
  { path: [DocRoot.paragraphs, '*', ParagraphField.source], value: { plain: paragraphSource }, required: true, command: true },
  {
    path: [DocRoot.paragraphs, '*', ParagraphField.footnotes],
    value: { plain: footnoteList },
    required: true, command: true,
  },
  { path: [DocRoot.paragraphs, '*', ParagraphField.status], value: { plain: oneOf(ParagraphStatus) }, required: true, command: true },
  { path: [DocRoot.paragraphs, '*', LaterParagraphField.statusNote], value: { plain: statusNote }, required: true, command: true },
  { path: [DocRoot.paragraphs, '*', ParagraphField.addedInRound], value: { plain: roundNumber }, required: true, command: true },
  {
    path: [DocRoot.brackets, '*'], key: paragraphId, command: true,
    value: {
      plain: z.strictObject({
        paragraphId,
        start: relativePosition,
        end: relativePosition,
        holders: bracketHolders,
        group: paragraphId.nullable(),
        createdAt: timestamp,
      }),
    },
  },
  {
    path: [DocRoot.proposals, '*'], key: paragraphId, value: { shared: 'map' }, command: true,
    createdWith: Object.values(ProposalField),
  },
  proposalField(ProposalField.paragraphId, paragraphId.nullable(), 'paragraph'),
  proposalField(ProposalField.afterParagraphId, paragraphId.nullable(), 'paragraph'),
  proposalField(ProposalField.delegation, delegationCode, 'delegation'),
  proposalField(ProposalField.kind, oneOf(ProposalKind)),
  // The proposed words: the delegation's people co-edit them while the proposal is pending.
  { path: [DocRoot.proposals, '*', ProposalField.text], value: { shared: 'xml-fragment' }, required: true, holds: 1, delegation: DelegationAccess.editable },
  proposalField(ProposalField.basedOn, proposalText),
  proposalField(ProposalField.baseMarks, markSpans),
  { path: [DocRoot.proposals, '*', ProposalField.rationale], value: { plain: line(2_000) }, required: true, delegation: DelegationAccess.editable },
  proposalField(ProposalField.status, oneOf(ProposalStatus)),
  proposalField(ProposalField.createdAt, timestamp),
  proposalField(ProposalField.decision, decisionRecord.nullable()),
  { path: [DocRoot.proposals, '*', ProposalField.reactions], value: { shared: 'map' }, required: true, command: true },
  { path: [DocRoot.proposals, '*', ProposalField.reactions, '*'], key: delegationCode, value: { plain: oneOf(Reaction) }, command: true },
  // A paragraph a facilitator deleted, kept to be put back (shared/model/removed-paragraph.ts).
  {
    path: [DocRoot.removed, '*'], key: paragraphId, command: true,
    value: { plain: z.strictObject({ paragraph: keptParagraph, by: z.string().max(200), at: timestamp }) },
  },
  {
    path: [DocRoot.delegations, '*'], key: delegationCode,
    value: { plain: z.strictObject({ name: z.string().trim().min(1).max(120) }) },
  },
];

/** A proposal's field written only by commands. */
function proposalField(field: string, schema: z.ZodType, refersTo?: Reference): FieldRule {
  return { path: [DocRoot.proposals, '*', field], value: { plain: schema }, required: true, command: true, ...(refersTo ? { refersTo } : {}) };
}

const knownAnswers = new WeakMap<z.ZodType, Map<unknown, string | null>>();
const maxKnownAnswers = 1_000;

/** The first problem of `value` under `schema` in words, or null when it fits. */
export function schemaProblem(schema: z.ZodType, value: unknown): string | null {
  // Marks, codes and statuses repeat across an update: a short string or a number is judged once per schema.
  const memo = (typeof value === 'string' && value.length <= 64) || typeof value === 'number';
  const answers = memo ? knownAnswers.get(schema) : undefined;
  if (answers?.has(value)) return answers.get(value) ?? null;
  const problem = judgeValue(schema, value);
  if (memo) {
    const map = answers ?? new Map<unknown, string | null>();
    if (map.size < maxKnownAnswers) map.set(value, problem);
    knownAnswers.set(schema, map);
  }
  return problem;
}

function judgeValue(schema: z.ZodType, value: unknown): string | null {
  if (!isPlainJson(value)) return 'a value is plain JSON: objects without a prototype of their own';
  const result = schema.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return issue ? `${issue.message}${issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''}` : 'invalid value';
}

/** True for JSON-like data whose objects all have the plain Object prototype (a decoded "__proto__" key sets another). */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isPlainJson);
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlainJson);
}
