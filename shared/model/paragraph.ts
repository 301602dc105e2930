/**
 * A paragraph as plain data: what the importer produces, what the document stores per paragraph,
 * and what readers (API, exporters, the page) receive.
 */
import type { BracketSnapshot } from '../brackets/bracket-snapshot.ts';
import type { TextRun } from './text-run.ts';

/** Whether a paragraph is a section heading (unnumbered) or a numbered operative paragraph. */
export const ParagraphKind = { heading: 'heading', paragraph: 'paragraph' } as const;

/** One of the values of ParagraphKind. */
export type ParagraphKind = (typeof ParagraphKind)[keyof typeof ParagraphKind];

/** Where a paragraph stands in the negotiation. */
export const ParagraphStatus = { pending: 'pending', agreedAdRef: 'agreed-ad-ref', agreed: 'agreed' } as const;

/** One of the values of ParagraphStatus. */
export type ParagraphStatus = (typeof ParagraphStatus)[keyof typeof ParagraphStatus];

/** A footnote: the marker as written in the text ("1" for ¹) and its text in inline markup. */
export interface Footnote {
  marker: string;
  text: string;
}

/** A paragraph before it has an identity: what an importer produces. */
export interface DraftParagraph {
  kind: ParagraphKind;
  runs: TextRun[];
  /** The source annotation without its `*[` `]*` wrapper, or '' when there is none. */
  source: string;
  footnotes: Footnote[];
}

/** A whole imported document: the title block's lines and the paragraphs in order. */
export interface DraftDocument {
  titleBlock: string[];
  paragraphs: DraftParagraph[];
}

/** A paragraph as read from a negotiation: identity, derived number and state. */
export interface ParagraphSnapshot extends DraftParagraph {
  id: string;
  /** Display number derived from position ("12", "5 bis"); null for headings. */
  number: string | null;
  status: ParagraphStatus;
  /** A facilitator's note on the status ("pending confirmation from capital"), or ''. */
  statusNote: string;
  /** 0 for paragraphs of the zero draft; n + 1 for paragraphs added after revision n was issued. */
  addedInRound: number;
  /** The paragraph's brackets in reading order (shared/brackets/read-brackets.ts); absent when not read. */
  brackets?: BracketSnapshot[];
}

/** A negotiation's text as read at one moment. */
export interface NegotiationSnapshot {
  title: string;
  titleBlock: string[];
  /** How many revisions have been issued after the zero draft. */
  round: number;
  /** The id of the paragraph on the floor (under discussion), or null. */
  floor: string | null;
  paragraphs: ParagraphSnapshot[];
}

/** Statuses under which a paragraph takes no edits and no new proposals until a facilitator reopens it. */
export const lockedStatuses: ReadonlySet<ParagraphStatus> = new Set([ParagraphStatus.agreedAdRef, ParagraphStatus.agreed]);

/** True when `value` is one of the paragraph statuses. */
export function isParagraphStatus(value: unknown): value is ParagraphStatus {
  return Object.values(ParagraphStatus).includes(value as ParagraphStatus);
}

/** True when `value` is one of the paragraph kinds. */
export function isParagraphKind(value: unknown): value is ParagraphKind {
  return Object.values(ParagraphKind).includes(value as ParagraphKind);
}
