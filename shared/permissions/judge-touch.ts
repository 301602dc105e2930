/**
 * Judges one change against the permission table: the place must exist in the table, what it will hold
 * must fit the row's value schema (whoever writes), and a delegation must hold the row's access. Inside a
 * paragraph, nothing changes while it is agreed; inside a proposal (its words and rationale), nothing
 * changes once it is decided, and a delegation changes only its own.
 */
import type * as Y from 'yjs';
import { DocRoot, getParagraphs, paragraphStatusOf } from '../model/negotiation-doc.ts';
import { lockedStatuses, ParagraphStatus } from '../model/paragraph.ts';
import { getProposals, ProposalField, ProposalStatus } from '../model/proposal.ts';
import { getDelegations } from '../model/delegations.ts';
import type { DelegationContext } from './delegation-rules.ts';
import { schemaProblem, type FieldRule, type Reference } from './field-rules.ts';
import { ruleFor } from './rule-index.ts';
import { paragraphTextProblem } from './schema-rules.ts';
import type { EntryOutcome, Segment, Touch } from './touch.ts';
import type { SequenceLength } from './update-scope.ts';

const roots = new Set<string>(Object.values(DocRoot));

/** Objects an update creates, by kind: a value may refer to them as to those of the document. */
export type CreatedObjects = Record<Reference, Set<string>>;

/** The paragraphs and delegations `touches` create. */
export function createdObjects(touches: readonly Touch[]): CreatedObjects {
  const created: CreatedObjects = { paragraph: new Set(), delegation: new Set() };
  for (const touch of touches) {
    if (touch.op !== 'set' || touch.path.length !== 1 || !touch.outcomes.every((o) => o.kind === 'value')) continue;
    if (touch.root === DocRoot.paragraphs) created.paragraph.add(touch.path[0] as string);
    if (touch.root === DocRoot.delegations) created.delegation.add(touch.path[0] as string);
  }
  return created;
}

/**
 * Why `touch` may not be made (by a delegation when `context` is given, else by a facilitator), or null;
 * `created` lists what the same update creates.
 */
export function judgeTouch(doc: Y.Doc, touch: Touch, context: DelegationContext | null, created: CreatedObjects): string | null {
  const unborn = unbornProposalProblem(doc, touch);
  if (unborn) return unborn;
  const match = ruleFor(touch.root, touch.path);
  if (match?.kind === 'paragraph-text') return context ? context.check(doc, touch, null) : (lockProblem(doc, touch) ?? paragraphTextProblem(touch));
  if (match?.kind === 'proposal-text') {
    // The schema before the delegation's own check, which counts the bytes of what passed it.
    return decidedProblem(doc, touch) ?? context?.ownershipProblem(doc, touch) ?? paragraphTextProblem(touch) ?? context?.check(doc, touch, null, true) ?? null;
  }
  if (!match) return `"${roots.has(touch.root) ? describePath(touch.root, touch.path) : touch.root}" is not a part of a negotiation document`;
  const { rule } = match;
  if (rule.command) return `"${describePath(touch.root, touch.path)}" changes only by a command (a decision the server applies), never by an edit`;
  const problem = keyProblem(rule, touch.path) ?? lockProblem(doc, touch) ?? replacedWordsProblem(rule, touch) ?? valueProblem(doc, rule, touch, created)
    ?? decidedProblem(doc, touch);
  if (problem) return problem;
  return context ? context.check(doc, touch, rule) : null;
}

/** Why a sequence would hold a number of items its row does not allow after the update, or null. */
export function lengthProblem(touches: readonly Touch[], lengths: readonly SequenceLength[]): string | null {
  const byContainer = new Map(lengths.map((length) => [length.container, length.after]));
  for (const { root, path, after } of lengths) {
    const problem = holdsProblem(root, path, after);
    if (problem) return problem;
  }
  // A sequence the update creates holds only what the update puts in it: nothing, when it puts nothing.
  for (const touch of touches) {
    if (touch.op !== 'set') continue;
    for (const outcome of touch.outcomes) {
      if (outcome.kind !== 'value' || outcome.content.kind !== 'type') continue;
      const problem = holdsProblem(touch.root, touch.path, byContainer.get(outcome.item) ?? 0);
      if (problem) return problem;
    }
  }
  return null;
}

function holdsProblem(root: string, path: readonly Segment[], after: number): string | null {
  const match = ruleFor(root, path);
  const holds = match?.kind === 'field' ? match.rule.holds : undefined;
  return holds !== undefined && after !== holds ? `"${describePath(root, path)}" must hold exactly ${holds} block, not ${after}` : null;
}

/** Why a map created by the update lacks a field its row says it is created with, or null. */
export function missingCreationFields(touches: readonly Touch[]): string | null {
  // Entries with a value, by the map holding them: a map created twice under one key is judged by its own.
  const valued = new Set<string>();
  for (const touch of touches) {
    if (touch.op === 'set' && touch.outcomes.every((o) => o.kind === 'value')) valued.add(`${touch.container}\u0000${String(touch.path[touch.path.length - 1])}`);
  }
  for (const touch of touches) {
    if (touch.op !== 'set') continue;
    const match = ruleFor(touch.root, touch.path);
    const fields = match?.kind === 'field' ? match.rule.createdWith : undefined;
    if (!fields) continue;
    // Every shared type an update writes is new: a replaced paragraph or proposal needs its fields as much.
    for (const outcome of touch.outcomes) {
      if (outcome.kind !== 'value' || outcome.content.kind !== 'type') continue;
      const missing = fields.find((field) => !valued.has(`${outcome.item}\u0000${field}`));
      if (missing) return `a new entry at "${describePath(touch.root, touch.path)}" must be created with its "${missing}"`;
    }
  }
  return null;
}

/** Why an edit inside a paragraph (text, source, footnotes) may not be made now: the paragraph is agreed. */
function lockProblem(doc: Y.Doc, touch: Touch): string | null {
  if (touch.root !== DocRoot.paragraphs || touch.path.length < 2 || typeof touch.path[0] !== 'string') return null;
  const status = paragraphStatusOf(doc, touch.path[0]);
  return status && lockedStatuses.has(status) ? lockedReason(status) : null;
}

/** Why a change inside a proposal the document does not have may not be made: only the propose command creates one. */
function unbornProposalProblem(doc: Y.Doc, touch: Touch): string | null {
  if (touch.root !== DocRoot.proposals || touch.path.length < 2 || typeof touch.path[0] !== 'string') return null;
  if (getProposals(doc).has(touch.path[0])) return null;
  return `"${describePath(touch.root, touch.path.slice(0, 1))}" changes only by a command (propose), never by an edit`;
}

/** Why a change inside a proposal (its words or rationale) may not be made now: a decision froze it. */
function decidedProblem(doc: Y.Doc, touch: Touch): string | null {
  if (touch.root !== DocRoot.proposals || touch.path.length < 2 || typeof touch.path[0] !== 'string') return null;
  const proposal = getProposals(doc).get(touch.path[0]);
  if (!proposal) return null;
  const status = proposal.get(ProposalField.status);
  return status === ProposalStatus.pending ? null : `the proposal is ${String(status)}; a decided proposal no longer changes`;
}

/** Why a shared type would be set in place of a proposal's words: they are edited inside the fragment they were tabled with. */
function replacedWordsProblem(rule: FieldRule, touch: Touch): string | null {
  if (touch.root !== DocRoot.proposals || touch.op !== 'set' || !('shared' in rule.value)) return null;
  return `"${describePath(touch.root, touch.path)}" is edited in place, never replaced`;
}

function lockedReason(status: ParagraphStatus): string {
  const word = status === ParagraphStatus.agreed ? 'agreed' : 'agreed ad ref';
  return `the paragraph is ${word}; a facilitator must reopen it before it changes`;
}

function keyProblem(rule: FieldRule, path: readonly Segment[]): string | null {
  if (!rule.key) return null;
  // Only the row's own key is checked here: the keys above it belong to rows of their own.
  const index = rule.path.lastIndexOf('*') - 1;
  const problem = schemaProblem(rule.key, path[index]);
  return problem ? `the key "${String(path[index]).slice(0, 64)}" is not allowed here: ${problem}` : null;
}

function valueProblem(doc: Y.Doc, rule: FieldRule, touch: Touch, created: CreatedObjects): string | null {
  const at = describePath(touch.root, touch.path);
  if (touch.op === 'delete') return rule.path[rule.path.length - 1] === '#' ? null : `"${at}" is not a sequence`;
  if (touch.op === 'insert') {
    if (rule.path[rule.path.length - 1] !== '#') return `"${at}" is not a sequence`;
    if (touch.content.kind === 'deleted') return null;
    return touch.content.kind === 'value' ? firstProblem(doc, rule, touch.content.values, at, created) : `"${at}" holds plain values`;
  }
  for (const outcome of touch.outcomes) {
    const problem = outcomeProblem(doc, rule, outcome, touch.existed, at, created);
    if (problem) return problem;
  }
  return null;
}

function outcomeProblem(doc: Y.Doc, rule: FieldRule, outcome: EntryOutcome, existed: boolean, at: string, created: CreatedObjects): string | null {
  if (outcome.kind === 'nothing') return rule.required && existed ? `"${at}" cannot be removed or left without a value` : null;
  const { content } = outcome;
  if ('shared' in rule.value) {
    return content.kind === 'type' && content.typeName === rule.value.shared ? null : `"${at}" holds a shared ${rule.value.shared}`;
  }
  if (content.kind !== 'value') return `"${at}" holds a plain value`;
  return firstProblem(doc, rule, [content.value], at, created);
}

function firstProblem(doc: Y.Doc, rule: FieldRule, values: readonly unknown[], at: string, created: CreatedObjects): string | null {
  if (!('plain' in rule.value)) return `"${at}" holds a shared ${rule.value.shared}`;
  for (const value of values) {
    const problem = schemaProblem(rule.value.plain, value);
    if (problem) return `"${at}" cannot hold that value: ${problem}`;
    if (rule.refersTo && value !== null && !exists(doc, rule.refersTo, value as string) && !created[rule.refersTo].has(value as string)) {
      return `"${at}" names a ${rule.refersTo} that does not exist: "${String(value).slice(0, 64)}"`;
    }
  }
  return null;
}

function exists(doc: Y.Doc, reference: Reference, id: string): boolean {
  return reference === 'paragraph' ? getParagraphs(doc).has(id) : getDelegations(doc).has(id);
}

function describePath(root: string, path: readonly Segment[]): string {
  return [root, ...path.map((segment) => (segment === null ? '#' : segment.slice(0, 64)))].join('/');
}
