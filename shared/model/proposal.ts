/**
 * Proposals (amendments) live in the `proposals` root map, one Y.Map per proposal keyed by id:
 *   paragraphId      string | null  the paragraph it amends (null: a new paragraph placed by afterParagraphId)
 *   afterParagraphId string | null  where a proposed new paragraph goes
 *   delegation       string         whose proposal it is
 *   kind             ProposalKind
 *   text             Y.XmlFragment  the proposed words, one paragraph block in the editor schema: co-edited
 *                                   by the delegation's people while pending (the only part written raw,
 *                                   with `rationale`); for a comment or reservation, its words
 *   basedOn          string         the paragraph's plain text when the proposal was made (the merge base)
 *   baseMarks        MarkSpan[]     that text's formatting (where it was bold or italic): what the proposal's
 *                                   own formatting changes are read against (absent in older documents)
 *   rationale        string         why, in a sentence or two (raw, while pending)
 *   status           ProposalStatus
 *   createdAt        ISO 8601
 *   reactions        Y.Map          delegation code -> Reaction (support or oppose), one per delegation
 *   decision         DecisionRecord | null  the last decision on it, kept so it can be undone
 * Everything but `text` and `rationale` is written only by commands (shared/commands/proposal-*.ts).
 */
import * as Y from 'yjs';
import type { BracketSnapshot } from '../brackets/bracket-snapshot.ts';
import type { BracketRecord } from './bracket.ts';
import { DocRoot } from './negotiation-doc.ts';
import type { ParagraphSnapshot } from './paragraph.ts';
import { readRuns, writeRuns } from './paragraph-fragment.ts';
import { MarkName, plainText, type MarkSpan, type TextRun } from './text-run.ts';
import { maxWordCharacters } from './word-characters.ts';

/** What a proposal asks for. */
export const ProposalKind = {
  replaceText: 'replace-text',
  insertParagraph: 'insert-paragraph',
  deleteParagraph: 'delete-paragraph',
  retain: 'retain',
  comment: 'comment',
} as const;

/** One of the values of ProposalKind. */
export type ProposalKind = (typeof ProposalKind)[keyof typeof ProposalKind];

/** Where a proposal stands. */
export const ProposalStatus = {
  pending: 'pending',
  accepted: 'accepted',
  acceptedIntoBrackets: 'accepted-into-brackets',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  /** Another proposal on the same words was accepted. */
  superseded: 'superseded',
} as const;

/** One of the values of ProposalStatus. */
export type ProposalStatus = (typeof ProposalStatus)[keyof typeof ProposalStatus];

/** A delegation's reaction to another delegation's proposal. */
export const Reaction = { support: 'support', oppose: 'oppose' } as const;

/** One of the values of Reaction. */
export type Reaction = (typeof Reaction)[keyof typeof Reaction];

/** Keys of a proposal's Y.Map. */
export const ProposalField = {
  paragraphId: 'paragraphId',
  afterParagraphId: 'afterParagraphId',
  delegation: 'delegation',
  kind: 'kind',
  text: 'text',
  basedOn: 'basedOn',
  baseMarks: 'baseMarks',
  rationale: 'rationale',
  status: 'status',
  createdAt: 'createdAt',
  reactions: 'reactions',
  decision: 'decision',
} as const;

/** The last decision taken on a proposal, as stored (plain JSON), enough to undo it. */
export interface DecisionRecord {
  /** The status the decision set. */
  status: ProposalStatus;
  /** The name of who decided, and when (ISO 8601). */
  by: string;
  at: string;
  /** The paragraph's plain text before and after, when the decision rewrote or reformatted it. */
  before?: string;
  after?: string;
  /** The stretches whose marks an acceptance changed, offsets in `after` (absent when it changed none). */
  reformatted?: ReformattedStretch[];
  /** Brackets the decision created (accept into brackets). */
  bracketIds?: string[];
  /** The paragraph a decision created (an accepted new paragraph). */
  paragraphId?: string;
  /** The accepted proposal that superseded this one. */
  supersededBy?: string;
  /** Proposals this decision marked superseded. */
  superseded?: string[];
  /** The paragraph an accepted deletion removed (absent when it was too large to keep, or deleted before copies were kept). */
  deleted?: KeptParagraph;
}

/** Characters [from, to) of an accepted paragraph's text whose marks the acceptance changed: the marks it added and removed, each sorted. */
export interface ReformattedStretch {
  from: number;
  to: number;
  added: MarkName[];
  removed: MarkName[];
}

/** The most stretches a decision keeps as reformatted: each holds a character of the proposal, and no longer proposal is accepted. */
export const maxReformattedStretches = maxWordCharacters;

/** A bracket of a kept paragraph: its record with the anchors as character offsets into the kept runs' text. */
export type KeptBracket = Pick<BracketSnapshot, 'id' | 'span' | 'holders' | 'group'> & Pick<BracketRecord, 'createdAt'>;

/** A deleted paragraph as plain data, enough to put it back as it stood: its content, state, brackets and neighbours. */
export interface KeptParagraph extends Omit<ParagraphSnapshot, 'id' | 'number' | 'brackets'> {
  /** The paragraph just before it in the order, and just after it, when it was deleted (null: it was first, last). */
  previousId: string | null;
  nextId: string | null;
  brackets: KeptBracket[];
  /** Present (true) when it was the paragraph on the floor as it went. */
  onFloor?: true;
}

/** True when `value` reads as a kept paragraph (only commands write one; this guards the shape the code reads). */
export function isKeptParagraph(value: unknown): value is KeptParagraph {
  if (value === null || typeof value !== 'object') return false;
  const copy = value as Partial<KeptParagraph>;
  return Array.isArray(copy.runs) && Array.isArray(copy.brackets) && Array.isArray(copy.footnotes);
}

/** The most characters of text, and the most brackets, a kept paragraph holds: a larger one is not kept. */
export const keptParagraphLimits = { characters: 100_000, brackets: 1_000 } as const;

/** A proposal as read from the document: plain data for the API, the page and the compilation. */
export interface ProposalSnapshot {
  id: string;
  paragraphId: string | null;
  afterParagraphId: string | null;
  delegation: string;
  kind: ProposalKind;
  /** The proposed words as runs, and as plain text. */
  runs: TextRun[];
  text: string;
  basedOn: string;
  /** The formatting of basedOn, or null when the proposal was made before it was kept. */
  baseMarks: MarkSpan[] | null;
  rationale: string;
  status: ProposalStatus;
  createdAt: string;
  /** Delegation codes, sorted. */
  supporters: string[];
  opponents: string[];
  decision: DecisionRecord | null;
}

/** The fields a new proposal is created with (by the propose command's change). */
export interface NewProposal {
  paragraphId: string | null;
  afterParagraphId: string | null;
  delegation: string;
  kind: ProposalKind;
  /** The starting words: for a replacement, a copy of the paragraph's runs. */
  runs: readonly TextRun[];
  basedOn: string;
  /** The formatting of basedOn (markSpansOf the paragraph's runs). */
  baseMarks: readonly MarkSpan[];
  rationale: string;
  createdAt: string;
}

/** The proposals map keyed by id. */
export function getProposals(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(DocRoot.proposals);
}

/** A proposal's map, or undefined when there is none with that id. */
export function getProposal(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const map = getProposals(doc).get(id);
  return map instanceof Y.Map ? map : undefined;
}

/** A proposal's rich-text fragment (what its editor binds to), or undefined. */
export function getProposalText(doc: Y.Doc, id: string): Y.XmlFragment | undefined {
  const text = getProposal(doc, id)?.get(ProposalField.text);
  return text instanceof Y.XmlFragment ? text : undefined;
}

/** Writes a new pending proposal under `id`. Call inside a transaction (a command's apply). */
export function writeProposal(doc: Y.Doc, id: string, proposal: NewProposal): void {
  const map = new Y.Map<unknown>();
  getProposals(doc).set(id, map);
  map.set(ProposalField.paragraphId, proposal.paragraphId);
  map.set(ProposalField.afterParagraphId, proposal.afterParagraphId);
  map.set(ProposalField.delegation, proposal.delegation);
  map.set(ProposalField.kind, proposal.kind);
  const text = new Y.XmlFragment();
  map.set(ProposalField.text, text);
  writeRuns(text, proposal.runs);
  map.set(ProposalField.basedOn, proposal.basedOn);
  map.set(ProposalField.baseMarks, proposal.baseMarks.map((span) => ({ from: span.from, to: span.to, marks: [...span.marks] })));
  map.set(ProposalField.rationale, proposal.rationale);
  map.set(ProposalField.status, ProposalStatus.pending);
  map.set(ProposalField.createdAt, proposal.createdAt);
  map.set(ProposalField.reactions, new Y.Map<Reaction>());
  map.set(ProposalField.decision, null);
}

/** Reads one proposal as plain data (unreadable fields read as their defaults). */
export function readProposal(id: string, map: Y.Map<unknown>): ProposalSnapshot {
  const text = map.get(ProposalField.text);
  const runs = text instanceof Y.XmlFragment ? readRuns(text) : [];
  const reactions = map.get(ProposalField.reactions);
  const supporters: string[] = [];
  const opponents: string[] = [];
  if (reactions instanceof Y.Map) {
    for (const [code, reaction] of reactions.entries()) {
      if (reaction === Reaction.support) supporters.push(code);
      else if (reaction === Reaction.oppose) opponents.push(code);
    }
  }
  const kind = map.get(ProposalField.kind);
  const status = map.get(ProposalField.status);
  const decision = map.get(ProposalField.decision);
  return {
    id,
    paragraphId: stringOrNull(map.get(ProposalField.paragraphId)),
    afterParagraphId: stringOrNull(map.get(ProposalField.afterParagraphId)),
    delegation: stringOr(map.get(ProposalField.delegation), ''),
    kind: isProposalKind(kind) ? kind : ProposalKind.comment,
    runs,
    text: plainText(runs),
    basedOn: stringOr(map.get(ProposalField.basedOn), ''),
    baseMarks: storedMarkSpans(map.get(ProposalField.baseMarks)),
    rationale: stringOr(map.get(ProposalField.rationale), ''),
    status: isProposalStatus(status) ? status : ProposalStatus.pending,
    createdAt: stringOr(map.get(ProposalField.createdAt), ''),
    supporters: supporters.sort(),
    opponents: opponents.sort(),
    decision: decision !== null && typeof decision === 'object' && !Array.isArray(decision) ? (decision as DecisionRecord) : null,
  };
}

/** Every proposal, oldest first (ties by id), as plain data. */
export function readProposals(doc: Y.Doc): ProposalSnapshot[] {
  const all: ProposalSnapshot[] = [];
  for (const [id, map] of getProposals(doc).entries()) if (map instanceof Y.Map) all.push(readProposal(id, map));
  return all.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A proposal's status in `words` (each reader has its own), except that a comment or reservation accepted is "noted", as a chair says it. */
export function statusWordOf(proposal: Pick<ProposalSnapshot, 'kind' | 'status'>, words: Readonly<Record<ProposalStatus, string>>): string {
  return proposal.kind === ProposalKind.comment && proposal.status === ProposalStatus.accepted ? 'noted' : words[proposal.status];
}

/** True when `value` is a proposal kind. */
export function isProposalKind(value: unknown): value is ProposalKind {
  return Object.values(ProposalKind).includes(value as ProposalKind);
}

/** True when `value` is a proposal status. */
export function isProposalStatus(value: unknown): value is ProposalStatus {
  return Object.values(ProposalStatus).includes(value as ProposalStatus);
}

/** True when `value` is a reaction. */
export function isReaction(value: unknown): value is Reaction {
  return Object.values(Reaction).includes(value as Reaction);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Stored base formatting read defensively: a list of mark spans, or null when absent or not of that shape (only commands write it). */
function storedMarkSpans(value: unknown): MarkSpan[] | null {
  if (!Array.isArray(value)) return null;
  const marks = Object.values(MarkName) as string[];
  const spans = value.filter(
    (s): s is MarkSpan => s !== null && typeof s === 'object' && Number.isInteger(s.from) && Number.isInteger(s.to) && s.from < s.to && Array.isArray(s.marks) && s.marks.every((m: unknown) => marks.includes(m as string)),
  );
  return spans.length === value.length ? spans : null;
}
