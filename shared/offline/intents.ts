/**
 * A person's unsaved work read as data ("intents"): what the local copy changed that the server's copy
 * lacks, one intent per thing the person would name (a new proposal, an edit to one proposal, one mark,
 * the fields of one paragraph...). Intents are replayed one by one on a fresh copy (./replay.ts) after the
 * server refused the batch they travelled in. Decisions (a paragraph's status, kind or numbering, its
 * creation, removal or place in the order, the round, the floor, brackets) are commands the server applies,
 * never raw updates: they are read as intents so the person is told, and never replayed. Edits to a
 * paragraph's text are one intent per paragraph carrying the text the person meant (./text-merge.ts), so a
 * paragraph agreed meanwhile costs the edits to that paragraph only. Pure: reads two Y.Docs, changes neither.
 */
import * as Y from 'yjs';
import { DocRoot, getMeta, getOrder, getParagraphs, LaterParagraphField, MetaField, ParagraphField } from '../model/negotiation-doc.ts';
import { getProposals, ProposalField } from '../model/proposal.ts';
import type { TextRun } from '../model/text-run.ts';
import type { Actor } from '../permissions/check-update.ts';
import { hasLocalWork, isLocalItem, isLocallyDeleted, keyChange, serverView, type ServerView } from './local-work.ts';
import { mergedParagraphRuns } from './text-merge.ts';
import { Wording } from './wording.ts';

/** Local work that cannot be replayed field by field; it is reported, never resent. */
export const UnmergeableWork = {
  paragraphText: 'paragraph-text',
  newParagraph: 'new-paragraph',
  removedParagraph: 'removed-paragraph',
  order: 'order',
  delegations: 'delegations',
  structure: 'structure',
  status: 'status',
  paragraphKind: 'paragraph-kind',
  numbering: 'numbering',
  round: 'round',
  floor: 'floor',
  brackets: 'brackets',
} as const;

/** The work that is a decision: only a command changes it, so it is never replayed as an edit. */
export const decisionWork: ReadonlySet<UnmergeableWork> = new Set([
  UnmergeableWork.newParagraph, UnmergeableWork.removedParagraph, UnmergeableWork.order, UnmergeableWork.status,
  UnmergeableWork.paragraphKind, UnmergeableWork.numbering, UnmergeableWork.round, UnmergeableWork.floor, UnmergeableWork.brackets,
]);

/** Paragraph fields only decisions write, and the work each belongs to. */
const paragraphDecisions: Record<string, UnmergeableWork> = {
  [ParagraphField.status]: UnmergeableWork.status,
  [LaterParagraphField.statusNote]: UnmergeableWork.status,
  [ParagraphField.kind]: UnmergeableWork.paragraphKind,
  [ParagraphField.addedInRound]: UnmergeableWork.numbering,
};

/** Meta fields only decisions write, and the work each belongs to. */
const metaDecisions: Record<string, UnmergeableWork> = {
  [MetaField.round]: UnmergeableWork.round,
  [MetaField.floor]: UnmergeableWork.floor,
};

/** One of the values of UnmergeableWork. */
export type UnmergeableWork = (typeof UnmergeableWork)[keyof typeof UnmergeableWork];

/** Plain fields set to a value and fields removed, on one map. */
export interface FieldChanges {
  set: Record<string, unknown>;
  remove: string[];
}

/** What to do on the fresh copy. A mark of null removes the delegation's mark. */
export type IntentAction =
  | { kind: 'create-proposal'; proposalId: string; fields: Record<string, unknown> }
  | { kind: 'edit-proposal'; proposalId: string; changes: FieldChanges }
  | { kind: 'remove-proposal'; proposalId: string }
  | { kind: 'mark'; proposalId: string; delegation: string; mark: unknown }
  | { kind: 'edit-paragraph'; paragraphId: string; changes: FieldChanges }
  /** The paragraph's text as the person meant it: the server's text with their edits merged in. */
  | { kind: 'edit-text'; paragraphId: string; runs: TextRun[] }
  | { kind: 'edit-meta'; changes: FieldChanges }
  | { kind: 'unmergeable'; work: UnmergeableWork; paragraphId: string | null };

/** One intent: the action, a key equal for equal actions (across copies), and how the person would name it. */
export interface Intent {
  action: IntentAction;
  key: string;
  /** "Your new proposal on paragraph 12", "Your support for the proposal by EU on paragraph 3"... */
  label: string;
}

const replayOrder: Record<IntentAction['kind'], number> = {
  'create-proposal': 0,
  'edit-proposal': 1,
  mark: 2,
  'remove-proposal': 3,
  'edit-paragraph': 4,
  'edit-text': 5,
  'edit-meta': 6,
  unmergeable: 7,
};

/**
 * The work in `local` that `server` lacks, as intents in replay order (creations before the marks on
 * them). `actor` is the person, for the wording only.
 */
export function extractIntents(local: Y.Doc, server: Y.Doc, actor: Actor): Intent[] {
  const view = serverView(server);
  const actions: IntentAction[] = [];
  proposalActions(view, local, actions);
  const paragraphs = paragraphActions(view, local, server, actions);
  orderActions(view, local, paragraphs, actions);
  const meta = splitDecisions(fieldChanges(view, getMeta(local), []).changes, metaDecisions);
  if (meta.typed) actions.push({ kind: 'edit-meta', changes: meta.typed });
  for (const work of meta.decisions) actions.push({ kind: 'unmergeable', work, paragraphId: null });
  const brackets = local.getMap(DocRoot.brackets);
  if ([...brackets._map.keys()].some((id) => keyChange(view, brackets, id))) {
    actions.push({ kind: 'unmergeable', work: UnmergeableWork.brackets, paragraphId: null });
  }
  const delegations = local.getMap(DocRoot.delegations);
  if ([...delegations._map.keys()].some((code) => keyChange(view, delegations, code))) {
    actions.push({ kind: 'unmergeable', work: UnmergeableWork.delegations, paragraphId: null });
  }
  const wording = new Wording(local, server, actor);
  return actions
    .map((action, index) => ({ action, index }))
    .sort((a, b) => replayOrder[a.action.kind] - replayOrder[b.action.kind] || a.index - b.index)
    .map(({ action }) => ({ action, key: intentKey(action), label: wording.label(action) }));
}

/**
 * A key equal for equal actions: JSON with sorted object keys. A text edit is named by its paragraph alone:
 * the text it carries moves with others' typing between rounds, and it is still the same edit.
 */
export function intentKey(action: IntentAction): string {
  return stableJson(action.kind === 'edit-text' ? { kind: action.kind, paragraphId: action.paragraphId } : action);
}

function proposalActions(view: ServerView, local: Y.Doc, actions: IntentAction[]): void {
  const proposals = getProposals(local);
  for (const [proposalId, item] of proposals._map) {
    if (item.deleted) {
      if (keyChange(view, proposals, proposalId)?.kind === 'removed') actions.push({ kind: 'remove-proposal', proposalId });
      continue;
    }
    const proposal = proposals.get(proposalId);
    if (!(proposal instanceof Y.Map)) continue;
    if (isLocalItem(view, item)) {
      const fields: Record<string, unknown> = {};
      for (const [field, value] of proposal.entries()) {
        if (field !== ProposalField.marks && !(value instanceof Y.AbstractType)) fields[field] = value;
      }
      actions.push({ kind: 'create-proposal', proposalId, fields });
    } else {
      const edited = fieldChanges(view, proposal, [ProposalField.marks]);
      if (edited.changes) actions.push({ kind: 'edit-proposal', proposalId, changes: edited.changes });
      if (edited.structural) actions.push({ kind: 'unmergeable', work: UnmergeableWork.structure, paragraphId: null });
    }
    const marks = proposal.get(ProposalField.marks);
    if (!(marks instanceof Y.Map)) continue;
    for (const delegation of marks._map.keys()) {
      const change = keyChange(view, marks, delegation);
      if (change) actions.push({ kind: 'mark', proposalId, delegation, mark: change.kind === 'set' ? change.value : null });
    }
  }
}

/** Adds the paragraphs' intents; returns the ids of paragraphs created and removed here. */
function paragraphActions(view: ServerView, local: Y.Doc, server: Y.Doc, actions: IntentAction[]): Set<string> {
  const paragraphs = getParagraphs(local);
  const createdOrRemoved = new Set<string>();
  const textEdited: string[] = [];
  const unmergeable = (work: UnmergeableWork, paragraphId: string) => actions.push({ kind: 'unmergeable', work, paragraphId });
  for (const [paragraphId, item] of paragraphs._map) {
    if (item.deleted) {
      if (!isLocallyDeleted(view, item)) continue;
      createdOrRemoved.add(paragraphId);
      unmergeable(UnmergeableWork.removedParagraph, paragraphId);
      continue;
    }
    if (isLocalItem(view, item)) {
      createdOrRemoved.add(paragraphId);
      unmergeable(UnmergeableWork.newParagraph, paragraphId);
      continue;
    }
    const paragraph = paragraphs.get(paragraphId);
    if (!(paragraph instanceof Y.Map)) continue;
    const edited = fieldChanges(view, paragraph, [ParagraphField.text]);
    const split = splitDecisions(edited.changes, paragraphDecisions);
    if (split.typed) actions.push({ kind: 'edit-paragraph', paragraphId, changes: split.typed });
    for (const work of split.decisions) unmergeable(work, paragraphId);
    if (edited.structural) unmergeable(UnmergeableWork.structure, paragraphId);
    const text = paragraph.get(ParagraphField.text);
    if (keyChange(view, paragraph, ParagraphField.text) !== null) unmergeable(UnmergeableWork.paragraphText, paragraphId);
    else if (text instanceof Y.AbstractType && hasLocalWork(view, text)) textEdited.push(paragraphId);
  }
  for (const [paragraphId, runs] of mergedParagraphRuns(local, server, textEdited)) actions.push({ kind: 'edit-text', paragraphId, runs });
  return createdOrRemoved;
}

function orderActions(view: ServerView, local: Y.Doc, createdOrRemoved: Set<string>, actions: IntentAction[]): void {
  // Inserting or removing a paragraph explains the order change that goes with it; a move does not.
  for (let item = getOrder(local)._start; item; item = item.right) {
    const inserted = !item.deleted && isLocalItem(view, item);
    const removed = isLocallyDeleted(view, item);
    const explained = inserted
      ? (item.content.getContent() as unknown[]).every((id) => createdOrRemoved.has(String(id)))
      : createdOrRemoved.size > 0;
    if ((inserted || removed) && !explained) {
      actions.push({ kind: 'unmergeable', work: UnmergeableWork.order, paragraphId: null });
      return;
    }
  }
}

/** Splits field changes into those typed raw and the decisions among them (each work once, in field order). */
function splitDecisions(changes: FieldChanges | null, decisions: Record<string, UnmergeableWork>): { typed: FieldChanges | null; decisions: UnmergeableWork[] } {
  if (!changes) return { typed: null, decisions: [] };
  const typed: FieldChanges = { set: {}, remove: [] };
  const found = new Set<UnmergeableWork>();
  for (const [field, value] of Object.entries(changes.set)) {
    const work = decisions[field];
    if (work) found.add(work);
    else typed.set[field] = value;
  }
  for (const field of changes.remove) {
    const work = decisions[field];
    if (work) found.add(work);
    else typed.remove.push(field);
  }
  const any = Object.keys(typed.set).length > 0 || typed.remove.length > 0;
  return { typed: any ? typed : null, decisions: [...found] };
}

/** The plain fields of `map` changed here (except `skip`); `structural` when a nested type was set. */
function fieldChanges(view: ServerView, map: Y.Map<unknown>, skip: string[]): { changes: FieldChanges | null; structural: boolean } {
  const changes: FieldChanges = { set: {}, remove: [] };
  let structural = false;
  let any = false;
  for (const field of map._map.keys()) {
    if (skip.includes(field)) continue;
    const change = keyChange(view, map, field);
    if (!change) continue;
    if (change.kind === 'removed') changes.remove.push(field);
    else if (change.value instanceof Y.AbstractType) {
      structural = true;
      continue;
    } else changes.set[field] = change.value;
    any = true;
  }
  return { changes: any ? changes : null, structural };
}

function stableJson(value: unknown): string {
  if (value instanceof Uint8Array) return JSON.stringify(Array.from(value));
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
