/**
 * A person's unsaved work read as data ("intents"): what the local copy changed that the server's copy
 * lacks, one intent per thing the person would name (the words of one proposal, its rationale, the text of
 * one paragraph...). Intents are replayed one by one on a fresh copy (./replay.ts) after the server
 * refused the batch they travelled in. Decisions (a paragraph's status, kind or numbering, its creation,
 * removal or place in the order, the round, the floor, brackets; the title, source annotations and footnotes,
 * which commands write too; a proposal's creation, status, reactions
 * and every field but its words and rationale) are commands the server applies, never raw updates: they are
 * read as intents so the person is told, and never replayed. Edits to a paragraph's or a proposal's text are
 * one intent per fragment carrying the text the person meant (./text-merge.ts), so a paragraph agreed or a
 * proposal decided meanwhile costs the edits to that one only. Pure: reads two Y.Docs, changes neither.
 */
import * as Y from 'yjs';
import { DocRoot, getMeta, getOrder, getParagraphs, LaterParagraphField, MetaField, ParagraphField } from '../model/negotiation-doc.ts';
import { getProposals, ProposalField } from '../model/proposal.ts';
import type { TextRun } from '../model/text-run.ts';
import type { Actor } from '../permissions/check-update.ts';
import { hasLocalWork, isLocalItem, isLocallyDeleted, keyChange, serverView, type ServerView } from './local-work.ts';
import { mergedParagraphRuns, mergedProposalRuns } from './text-merge.ts';
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
  /** The title or title block: the set-title-block command only. */
  title: 'title',
  /** A paragraph's source annotation: the set-source command only. */
  source: 'source',
  /** A paragraph's footnotes: the set-footnote command only. */
  footnotes: 'footnotes',
  /** A proposal map written raw: proposals are tabled by the propose command only. */
  newProposal: 'new-proposal',
  /** A proposal map removed raw: proposals are withdrawn (a command), never removed. */
  removedProposal: 'removed-proposal',
  /** Support or opposition: the react-to-proposal command only. */
  reaction: 'reaction',
  /** A proposal's status or decision (a withdrawal too): commands only. */
  proposalStatus: 'proposal-status',
  /** Any other proposal field but its words and rationale (kind, paragraph, base...): set when it is tabled. */
  proposalFields: 'proposal-fields',
  /** A proposal's text fragment replaced whole: an editor never does it. */
  proposalText: 'proposal-text',
} as const;

/** The work that is a decision: only a command changes it, so it is never replayed as an edit. */
export const decisionWork: ReadonlySet<UnmergeableWork> = new Set([
  UnmergeableWork.newParagraph, UnmergeableWork.removedParagraph, UnmergeableWork.order, UnmergeableWork.status,
  UnmergeableWork.paragraphKind, UnmergeableWork.numbering, UnmergeableWork.round, UnmergeableWork.floor, UnmergeableWork.brackets,
]);

/** Work on proposals that only commands do (delegations' included): never replayed as an edit. */
export const proposalCommandWork: ReadonlySet<UnmergeableWork> = new Set([
  UnmergeableWork.newProposal, UnmergeableWork.removedProposal, UnmergeableWork.reaction,
  UnmergeableWork.proposalStatus, UnmergeableWork.proposalFields, UnmergeableWork.proposalText,
]);

/** The proposal fields typed raw (the rest are written by commands). */
const proposalTypedFields: ReadonlySet<string> = new Set([ProposalField.rationale]);

/** Paragraph fields only decisions write, and the work each belongs to. */
const paragraphDecisions: Record<string, UnmergeableWork> = {
  [ParagraphField.status]: UnmergeableWork.status,
  [LaterParagraphField.statusNote]: UnmergeableWork.status,
  [ParagraphField.kind]: UnmergeableWork.paragraphKind,
  [ParagraphField.addedInRound]: UnmergeableWork.numbering,
  [ParagraphField.source]: UnmergeableWork.source,
  [ParagraphField.footnotes]: UnmergeableWork.footnotes,
};

/** Meta fields only decisions write, and the work each belongs to. */
const metaDecisions: Record<string, UnmergeableWork> = {
  [MetaField.round]: UnmergeableWork.round,
  [MetaField.floor]: UnmergeableWork.floor,
  [MetaField.title]: UnmergeableWork.title,
  [MetaField.titleBlock]: UnmergeableWork.title,
};

/** One of the values of UnmergeableWork. */
export type UnmergeableWork = (typeof UnmergeableWork)[keyof typeof UnmergeableWork];

/** Plain fields set to a value and fields removed, on one map. */
export interface FieldChanges {
  set: Record<string, unknown>;
  remove: string[];
}

/** What to do on the fresh copy. */
export type IntentAction =
  /** A proposal's rationale (the only plain proposal field typed raw). */
  | { kind: 'edit-proposal'; proposalId: string; changes: FieldChanges }
  /** A proposal's words as the person meant them: the server's words with their edits merged in. */
  | { kind: 'edit-proposal-text'; proposalId: string; runs: TextRun[] }
  | { kind: 'edit-paragraph'; paragraphId: string; changes: FieldChanges }
  /** The paragraph's text as the person meant it: the server's text with their edits merged in. */
  | { kind: 'edit-text'; paragraphId: string; runs: TextRun[] }
  | { kind: 'edit-meta'; changes: FieldChanges }
  /** Work never replayed; `proposalId` names the proposal for work on one. */
  | { kind: 'unmergeable'; work: UnmergeableWork; paragraphId: string | null; proposalId?: string };

/** One intent: the action, a key equal for equal actions (across copies), and how the person would name it. */
export interface Intent {
  action: IntentAction;
  key: string;
  /** "Your edits to the words of your proposal on paragraph 12", "Your support for the proposal by EU on paragraph 3"... */
  label: string;
}

const replayOrder: Record<IntentAction['kind'], number> = {
  'edit-proposal-text': 1,
  'edit-proposal': 2,
  'edit-paragraph': 4,
  'edit-text': 5,
  'edit-meta': 6,
  unmergeable: 7,
};

/**
 * The work in `local` that `server` lacks, as intents in replay order (a proposal's words before its
 * rationale, proposals before paragraphs). `actor` is the person, for the wording only.
 */
export function extractIntents(local: Y.Doc, server: Y.Doc, actor: Actor): Intent[] {
  const view = serverView(server);
  const actions: IntentAction[] = [];
  proposalActions(view, local, server, actions);
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
 * A key equal for equal actions: JSON with sorted object keys. A text edit is named by its fragment alone:
 * the text it carries moves with others' typing between rounds, and it is still the same edit.
 */
export function intentKey(action: IntentAction): string {
  if (action.kind === 'edit-text') return stableJson({ kind: action.kind, paragraphId: action.paragraphId });
  if (action.kind === 'edit-proposal-text') return stableJson({ kind: action.kind, proposalId: action.proposalId });
  return stableJson(action);
}

function proposalActions(view: ServerView, local: Y.Doc, server: Y.Doc, actions: IntentAction[]): void {
  const proposals = getProposals(local);
  const textEdited: string[] = [];
  const unmergeable = (work: UnmergeableWork, proposalId: string) => actions.push({ kind: 'unmergeable', work, paragraphId: null, proposalId });
  for (const [proposalId, item] of proposals._map) {
    if (item.deleted) {
      if (keyChange(view, proposals, proposalId)?.kind === 'removed') unmergeable(UnmergeableWork.removedProposal, proposalId);
      continue;
    }
    const proposal = proposals.get(proposalId);
    if (!(proposal instanceof Y.Map)) continue;
    // Made here: only the propose command tables a proposal; what was typed into it goes with it.
    if (isLocalItem(view, item)) {
      unmergeable(UnmergeableWork.newProposal, proposalId);
      continue;
    }
    const edited = fieldChanges(view, proposal, [ProposalField.text, ProposalField.reactions]);
    const split = splitProposalFields(edited.changes);
    if (split.typed) actions.push({ kind: 'edit-proposal', proposalId, changes: split.typed });
    for (const work of split.decisions) unmergeable(work, proposalId);
    if (edited.structural) unmergeable(UnmergeableWork.proposalFields, proposalId);
    const text = proposal.get(ProposalField.text);
    if (keyChange(view, proposal, ProposalField.text) !== null) unmergeable(UnmergeableWork.proposalText, proposalId);
    else if (text instanceof Y.AbstractType && hasLocalWork(view, text)) textEdited.push(proposalId);
    const reactions = proposal.get(ProposalField.reactions);
    if (keyChange(view, proposal, ProposalField.reactions) !== null || (reactions instanceof Y.AbstractType && hasLocalWork(view, reactions))) {
      unmergeable(UnmergeableWork.reaction, proposalId);
    }
  }
  for (const [proposalId, runs] of mergedProposalRuns(local, server, textEdited)) actions.push({ kind: 'edit-proposal-text', proposalId, runs });
}

/** A proposal's changed fields split into the rationale (typed) and the command work among the rest. */
function splitProposalFields(changes: FieldChanges | null): { typed: FieldChanges | null; decisions: UnmergeableWork[] } {
  if (!changes) return { typed: null, decisions: [] };
  const fields = [...Object.keys(changes.set), ...changes.remove];
  const work = (field: string) => (field === ProposalField.status || field === ProposalField.decision ? UnmergeableWork.proposalStatus : UnmergeableWork.proposalFields);
  const decisions = [...new Set(fields.filter((field) => !proposalTypedFields.has(field)).map(work))];
  const typed: FieldChanges = {
    set: Object.fromEntries(Object.entries(changes.set).filter(([field]) => proposalTypedFields.has(field))),
    remove: changes.remove.filter((field) => proposalTypedFields.has(field)),
  };
  const any = Object.keys(typed.set).length > 0 || typed.remove.length > 0;
  return { typed: any ? typed : null, decisions };
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
