/**
 * Carries out a bracket plan on a paragraph of the document: the insertions as text edits (no word of the
 * paragraph is deleted, so every word keeps its Yjs item), the ends of the brackets it widens, then one
 * bracket record per planned bracket, anchored in item order (brackets/anchor-order.ts) so each nests with every bracket already there, and
 * alternatives of one group stand apart, in every state concurrent typing can reach.
 */
import * as Y from 'yjs';
import { chooseAnchors, gapRange, textLayout, type GapRange } from '../brackets/anchor-order.ts';
import { characterString } from '../brackets/read-brackets.ts';
import { anchorRange, getBrackets, paragraphCharacters, resolveAnchor, type BracketRecord } from '../model/bracket.ts';
import { applyTextChanges } from './apply-changes.ts';
import type { BracketPlan } from './bracket-plan.ts';

/** What a bracket plan needs from outside the document: the time and fresh ids (DecideEnv fits). */
export interface PlanEnv {
  /** ISO 8601. */
  now: string;
  newId(prefix: string): string;
}

/** The ids a carried-out plan created: one bracket id per planned bracket (same order), one group id per group. */
export interface AppliedPlan {
  bracketIds: string[];
  groupIds: string[];
}

/**
 * Why `plan` cannot be carried out on paragraph `paragraphId` now (its text changed since the plan, or a
 * bracket finds no anchors that nest with those there, next to deleted words), or null. It rehearses on a
 * copy, so decide can refuse before apply ever runs.
 */
export function bracketPlanProblem(doc: Y.Doc, paragraphId: string, plan: BracketPlan): string | null {
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let n = 0;
  try {
    applyBracketPlan(copy, paragraphId, plan, { now: new Date(0).toISOString(), newId: (prefix) => `${prefix}${++n}` });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Carries out `plan` on paragraph `paragraphId` of `doc` in one transaction. Throws (check with
 * bracketPlanProblem first) when the paragraph no longer reads the text the plan was made on, before
 * changing anything, or when a bracket cannot be anchored, after the insertions.
 */
export function applyBracketPlan(doc: Y.Doc, paragraphId: string, plan: BracketPlan, env: PlanEnv): AppliedPlan {
  const text = paragraphCharacters(doc, paragraphId);
  if (!text) throw new Error('the paragraph has no text');
  if (characterString(text) !== plan.before) throw new Error('the paragraph changed since the plan was made');
  const bracketIds: string[] = [];
  const groupIds = new Map<number, string>();
  doc.transact(() => {
    applyTextChanges(text, plan.insertions);
    for (const { bracketId, end } of plan.widen) {
      const record = getBrackets(doc).get(bracketId);
      const start = record ? resolveAnchor(doc, text, record.start) : null;
      if (!record || start === null || start >= end) throw new Error('a bracket to widen over new words is gone');
      getBrackets(doc).set(bracketId, { ...record, end: anchorRange(text, start, end).end });
    }
    const layout = textLayout(text);
    const nestWith: GapRange[] = [];
    for (const record of getBrackets(doc).values()) {
      const range = record.paragraphId === paragraphId ? gapRange(layout, record.start, record.end) : null;
      if (range) nestWith.push(range);
    }
    const siblings = new Map<number, GapRange[]>();
    const records: [string, BracketRecord][] = [];
    for (const bracket of plan.brackets) {
      const apart = bracket.group === null ? [] : (siblings.get(bracket.group) ?? []);
      const anchors = chooseAnchors(layout, bracket.span.start, bracket.span.end, nestWith, apart);
      if (!anchors) throw new Error(`“${bracket.words}” meets the edge of another bracket where its words were deleted`);
      nestWith.push(anchors.gaps);
      let group: string | null = null;
      if (bracket.group !== null) {
        siblings.set(bracket.group, [...apart, anchors.gaps]);
        group = groupIds.get(bracket.group) ?? env.newId('g');
        groupIds.set(bracket.group, group);
      }
      const id = env.newId('b');
      bracketIds.push(id);
      records.push([id, { paragraphId, start: anchors.start, end: anchors.end, holders: bracket.holders.map((h) => ({ ...h })), group, createdAt: env.now }]);
    }
    for (const [id, record] of records) getBrackets(doc).set(id, record);
  });
  return { bracketIds, groupIds: [...groupIds.values()] };
}
