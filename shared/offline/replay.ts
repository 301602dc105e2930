/**
 * Replays intents (./intents.ts) on a fresh copy of the document, each as its own Yjs transaction, after
 * judging it with the server's own rule (checkUpdate): the candidate update is built on a scratch copy
 * with the fresh copy's client id, so what is judged is exactly what the fresh copy will send.
 */
import * as Y from 'yjs';
import { getMeta, getParagraphs } from '../model/negotiation-doc.ts';
import { getProposals, getProposalText } from '../model/proposal.ts';
import { checkUpdate, type Actor } from '../permissions/check-update.ts';
import type { FieldChanges, Intent, IntentAction } from './intents.ts';
import { editFragmentText, editParagraphText } from './text-edit.ts';
import type { Wording } from './wording.ts';

/** What became of one intent: kept (applied, or already true) or dropped with a reason in plain words. */
export type ReplayOutcome =
  | { intent: Intent; kept: true; applied: boolean }
  | { intent: Intent; kept: false; reason: string };

/** Who replays, how to word refusals, and the origin to give the fresh copy's transactions. */
export interface ReplayOptions {
  actor: Actor;
  wording: Wording;
  /** The transaction origin on the fresh copy (anything but the provider, so the provider sends it). */
  origin?: unknown;
}

type Applied = 'applied' | 'unchanged' | 'missing';

/** Judges and applies `intents` in order on `fresh`; one outcome per intent, in the same order. */
export function replayIntents(fresh: Y.Doc, intents: readonly Intent[], options: ReplayOptions): ReplayOutcome[] {
  const { actor, wording, origin } = options;
  let scratch: Y.Doc | null = null;
  return intents.map((intent): ReplayOutcome => {
    const { action } = intent;
    if (action.kind === 'unmergeable') return { intent, kept: false, reason: wording.refusal(action, null) };
    scratch ??= mirror(fresh);
    const updates: Uint8Array[] = [];
    const capture = (update: Uint8Array) => updates.push(update);
    scratch.on('update', capture);
    let result: Applied;
    try {
      result = applyAction(scratch, action);
    } finally {
      scratch.off('update', capture);
    }
    if (result === 'missing') return { intent, kept: false, reason: wording.refusal(action, null) };
    if (result === 'unchanged' || updates.length === 0) return { intent, kept: true, applied: false };
    const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    const refusal = judge(fresh, update, actor);
    if (refusal !== null) {
      scratch = null; // it holds the refused change: copy the fresh one again for the next intent
      return { intent, kept: false, reason: wording.refusal(action, refusal) };
    }
    fresh.transact(() => applyAction(fresh, action), origin);
    return { intent, kept: true, applied: true };
  });
}

/** Applies one action to `doc` in one transaction: 'missing' when its target is gone, 'unchanged' when it already holds. */
export function applyAction(doc: Y.Doc, action: IntentAction, origin?: unknown): Applied {
  let result: Applied = 'unchanged';
  doc.transact(() => {
    result = applyInside(doc, action);
  }, origin);
  return result;
}

function applyInside(doc: Y.Doc, action: IntentAction): Applied {
  switch (action.kind) {
    case 'edit-proposal':
      return applyFields(getProposals(doc).get(action.proposalId), action.changes);
    case 'edit-proposal-text':
      return editFragmentText(getProposalText(doc, action.proposalId), action.runs);
    case 'edit-paragraph':
      return applyFields(getParagraphs(doc).get(action.paragraphId), action.changes);
    case 'edit-text':
      return editParagraphText(doc, action.paragraphId, action.runs);
    case 'edit-meta':
      return applyFields(getMeta(doc), action.changes);
    case 'unmergeable':
      return 'missing';
  }
}

function applyFields(map: unknown, changes: FieldChanges): Applied {
  if (!(map instanceof Y.Map)) return 'missing';
  let result: Applied = 'unchanged';
  for (const [field, value] of Object.entries(changes.set)) {
    if (map.has(field) && sameValue(map.get(field), value)) continue;
    map.set(field, value);
    result = 'applied';
  }
  for (const field of changes.remove) {
    if (!map.has(field)) continue;
    map.delete(field);
    result = 'applied';
  }
  return result;
}

/** A copy of `doc` that writes under the same client id, so its updates are the ones `doc` would make. */
function mirror(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  // Set after loading: Yjs changes its own id when a loaded update already uses it.
  copy.clientID = doc.clientID;
  return copy;
}

/** The rule's reason to refuse `update` from `actor` on `doc`, or null when it passes. */
function judge(doc: Y.Doc, update: Uint8Array, actor: Actor): string | null {
  try {
    const verdict = checkUpdate(doc, update, actor, (clientId) => clientId === doc.clientID);
    return verdict.allowed ? null : verdict.reason;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
