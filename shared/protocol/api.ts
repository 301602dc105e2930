/**
 * Shapes of the HTTP API's JSON answers (see README "HTTP API").
 */
import type { NegotiationSnapshot } from '../model/paragraph.ts';
import type { DecisionRecord, ProposalKind, ProposalStatus } from '../model/proposal.ts';
import type { Role } from './presence.ts';

/** POST /api/negotiations answers this (201). */
export interface CreatedNegotiation {
  id: string;
  title: string;
  /** How many numbered paragraphs the draft has (headings not counted). */
  paragraphs: number;
  /** How many section headings it has. */
  headings: number;
  /** The page of the negotiation, with a facilitator invitation token. */
  url: string;
}

/** A proposal as GET /api/negotiations/:id lists it: its words as plain text, its marks and its last decision. */
export interface ProposalInfo {
  id: string;
  /** The paragraph it amends, or null for a new paragraph (placed after `afterParagraphId`). */
  paragraphId: string | null;
  afterParagraphId: string | null;
  delegation: string;
  kind: ProposalKind;
  /** The proposed words (plain text; for a comment or reservation, its words). */
  text: string;
  /** The paragraph's plain text when the proposal was made. */
  basedOn: string;
  status: ProposalStatus;
  /** Delegation codes, sorted. */
  supporters: string[];
  opponents: string[];
  rationale: string;
  /** ISO 8601. */
  createdAt: string;
  decision: DecisionRecord | null;
}

/** GET /api/negotiations/:id answers this: the text, and every proposal oldest first. */
export interface NegotiationResponse extends NegotiationSnapshot {
  id: string;
  proposals: ProposalInfo[];
}

/** One line of GET /api/negotiations. */
export interface NegotiationSummary {
  id: string;
  title: string;
  createdAt: string;
}

/** GET /api/session (with the invitation token) answers who the token says you are. */
export interface SessionInfo {
  negotiationId: string;
  title: string;
  role: Role;
  delegation: string | null;
  /** The display name of the identity: "Facilitator", a delegation's name, "Observer". */
  name: string;
  /** The invitation this token belongs to (to mark "this page's link" among the links). */
  invitationId: string;
  color: string;
}

/** One invitation link, as the invitation routes answer it (each answer signs a fresh token). */
export interface InvitationInfo {
  id: string;
  negotiationId: string;
  role: Role;
  /** The delegation's code for role delegation, else null. */
  delegation: string | null;
  /** The person or purpose ("Amina Diallo", "press"), or null for a shared link. */
  label: string | null;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, or null when it never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
  token: string;
  url: string;
}

/** Every error answer of the API. */
export interface ErrorResponse {
  error: string;
  kind: string;
}

/** The formats of GET /api/negotiations/:id/export: the text as plain text, the compilation, a Word document. */
export const exportFormats = ['txt', 'compilation', 'docx'] as const;

/** One of exportFormats. */
export type ExportFormat = (typeof exportFormats)[number];
