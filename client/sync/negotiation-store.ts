/**
 * Read side of a negotiation's Y.Doc for React (useSyncExternalStore): the document's structure (title
 * block, paragraph order and numbers, statuses, footnotes) and one snapshot per paragraph. Snapshots keep
 * their identity until the data under them changes, so only the paragraphs a transaction touched re-render.
 */
import * as Y from 'yjs';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { getBrackets, type BracketRecord } from '../../shared/model/bracket.ts';
import { getProposals, ProposalField, ProposalStatus } from '../../shared/model/proposal.ts';
import {
  getMeta,
  getOrder,
  getParagraphs,
  readNegotiation,
  readParagraph,
  type ParagraphMap,
} from '../../shared/model/negotiation-doc.ts';
import {
  ParagraphKind,
  ParagraphStatus,
  type Footnote,
  type NegotiationSnapshot,
  type ParagraphSnapshot,
} from '../../shared/model/paragraph.ts';
import { KeyedListeners } from './keyed-listeners.ts';

/** A paragraph's place in the document: what the list of paragraphs needs to lay them out. */
export interface ParagraphSlot {
  id: string;
  kind: ParagraphKind;
  /** Derived display number ("12", "5 bis"); null for headings. */
  number: string | null;
}

/** A footnote with the paragraph that carries it. */
export interface FootnoteEntry extends Footnote {
  paragraphId: string;
}

/** How far the negotiation has come, counted over numbered paragraphs (headings excluded). */
export interface Progress {
  paragraphs: number;
  agreed: number;
  agreedAdRef: number;
  pending: number;
  /** Numbered paragraphs holding at least one bracket. */
  bracketed: number;
  /** Open (pending) proposals in all, and per delegation, most first (ties by code). */
  openProposals: number;
  openByDelegation: OpenProposals[];
}

/** How many open proposals one delegation has. */
export interface OpenProposals {
  delegation: string;
  count: number;
}

/** The document's structure: everything except the paragraphs' text. */
export interface DocumentStructure {
  title: string;
  titleBlock: string[];
  round: number;
  /** The paragraph on the floor, or null. */
  floor: string | null;
  slots: ParagraphSlot[];
  footnotes: FootnoteEntry[];
  progress: Progress;
}

type Listener = () => void;

/** Snapshots of one Y.Doc with change subscriptions; call destroy() when the doc is dropped. */
export class NegotiationStore {
  private structure: DocumentStructure;
  private readonly paragraphCache = new Map<string, ParagraphSnapshot>();
  private readonly structureListeners = new Set<Listener>();
  private readonly paragraphListeners = new KeyedListeners();
  private readonly unobserve: (() => void)[] = [];

  /** Reads the doc now and follows its changes. */
  constructor(private readonly doc: Y.Doc) {
    this.structure = this.readStructure();
    const onParagraphs = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.onParagraphEvents(events);
    const onStructure = () => this.refreshStructure();
    getParagraphs(doc).observeDeep(onParagraphs);
    getOrder(doc).observe(onStructure);
    getMeta(doc).observeDeep(onStructure);
    const onBrackets = (event: Y.YMapEvent<BracketRecord>) => this.onBracketEvent(event);
    getBrackets(doc).observe(onBrackets);
    const onProposals = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => this.onProposalEvents(events);
    getProposals(doc).observeDeep(onProposals);
    this.unobserve.push(
      () => getProposals(doc).unobserveDeep(onProposals),
      () => getBrackets(doc).unobserve(onBrackets),
      () => getParagraphs(doc).unobserveDeep(onParagraphs),
      () => getOrder(doc).unobserve(onStructure),
      () => getMeta(doc).unobserveDeep(onStructure),
    );
  }

  /** The current structure; the same object until the structure changes. */
  getStructure = (): DocumentStructure => this.structure;

  /** Calls `listener` after each structure change; returns the unsubscribe function. */
  subscribeStructure = (listener: Listener): (() => void) => {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  };

  /** The paragraph's snapshot, or undefined if it is gone; ignore its `number` (take it from the structure). */
  getParagraph(id: string): ParagraphSnapshot | undefined {
    const cached = this.paragraphCache.get(id);
    if (cached) return cached;
    const map = getParagraphs(this.doc).get(id);
    if (!map) return undefined;
    const snapshot = { ...readParagraph(id, map as ParagraphMap), brackets: readBrackets(this.doc, id) };
    this.paragraphCache.set(id, snapshot);
    return snapshot;
  }

  /** Calls `listener` after each change to paragraph `id`; returns the unsubscribe function. */
  subscribeParagraph(id: string, listener: Listener): () => void {
    return this.paragraphListeners.subscribe(id, listener);
  }

  /** Stops following the doc. */
  destroy(): void {
    for (const stop of this.unobserve.splice(0)) stop();
    this.structureListeners.clear();
    this.paragraphListeners.clear();
  }

  private onParagraphEvents(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const touched = new Set<string>();
    let structural = false;
    for (const event of events) {
      const [id, field] = event.path as (string | number)[];
      if (typeof id !== 'string') {
        // The paragraphs map itself: paragraphs added or removed.
        structural = true;
        for (const key of event.keys.keys()) touched.add(key);
        continue;
      }
      touched.add(id);
      // Anything but text (kind, status, footnotes, round...) can change numbers, progress or footnotes.
      if (field !== 'text') structural = true;
    }
    for (const id of touched) this.paragraphCache.delete(id);
    if (structural) this.refreshStructure();
    for (const id of touched) this.paragraphListeners.notify(id);
  }

  private onBracketEvent(event: Y.YMapEvent<BracketRecord>): void {
    const touched = new Set<string>();
    const brackets = getBrackets(this.doc);
    for (const [key, change] of event.changes.keys) {
      const before = change.oldValue as BracketRecord | undefined;
      if (before?.paragraphId) touched.add(before.paragraphId);
      const after = brackets.get(key);
      if (after?.paragraphId) touched.add(after.paragraphId);
    }
    for (const id of touched) this.paragraphCache.delete(id);
    this.refreshStructure();
    for (const id of touched) this.paragraphListeners.notify(id);
  }

  // Only a proposal added or removed, or a change of its status or delegation, changes the open counts:
  // typing in a proposal's text or rationale, and reactions, are passed over without a read.
  private onProposalEvents(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
    const counts = events.some((event) => {
      if (event.path.length === 0) return true;
      if (event.path.length > 1) return false;
      return [...event.keys.keys()].some((key) => key === ProposalField.status || key === ProposalField.delegation);
    });
    if (!counts) return;
    const open = openProposals(this.doc);
    const progress = { ...this.structure.progress, ...open };
    if (JSON.stringify(progress) === JSON.stringify(this.structure.progress)) return;
    this.structure = { ...this.structure, progress };
    this.structureListeners.forEach((listener) => listener());
  }

  private refreshStructure(): void {
    const next = this.readStructure();
    if (sameStructure(this.structure, next)) return;
    this.structure = next;
    this.structureListeners.forEach((listener) => listener());
  }

  private readStructure(): DocumentStructure {
    const negotiation = readNegotiation(this.doc);
    // Reading the structure reads every paragraph anyway: keep those snapshots for the first render.
    for (const paragraph of negotiation.paragraphs) {
      if (!this.paragraphCache.has(paragraph.id)) this.paragraphCache.set(paragraph.id, paragraph);
    }
    const structure = structureOf(negotiation);
    return { ...structure, progress: { ...structure.progress, ...openProposals(this.doc) } };
  }
}

/** The open proposals of `doc`, in all and per delegation (most first, ties by code). */
function openProposals(doc: Y.Doc): Pick<Progress, 'openProposals' | 'openByDelegation'> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const map of getProposals(doc).values()) {
    if (!(map instanceof Y.Map) || map.get(ProposalField.status) !== ProposalStatus.pending) continue;
    const delegation = map.get(ProposalField.delegation);
    if (typeof delegation !== 'string') continue;
    total += 1;
    counts.set(delegation, (counts.get(delegation) ?? 0) + 1);
  }
  const openByDelegation = [...counts].map(([delegation, count]) => ({ delegation, count }));
  openByDelegation.sort((a, b) => b.count - a.count || (a.delegation < b.delegation ? -1 : a.delegation > b.delegation ? 1 : 0));
  return { openProposals: total, openByDelegation };
}

function structureOf(negotiation: NegotiationSnapshot): DocumentStructure {
  const progress: Progress = { paragraphs: 0, agreed: 0, agreedAdRef: 0, pending: 0, bracketed: 0, openProposals: 0, openByDelegation: [] };
  const footnotes: FootnoteEntry[] = [];
  for (const paragraph of negotiation.paragraphs) {
    for (const note of paragraph.footnotes) footnotes.push({ ...note, paragraphId: paragraph.id });
    if (paragraph.kind !== ParagraphKind.paragraph) continue;
    progress.paragraphs += 1;
    if ((paragraph.brackets?.length ?? 0) > 0) progress.bracketed += 1;
    if (paragraph.status === ParagraphStatus.agreed) progress.agreed += 1;
    else if (paragraph.status === ParagraphStatus.agreedAdRef) progress.agreedAdRef += 1;
    else progress.pending += 1;
  }
  return {
    title: negotiation.title,
    titleBlock: negotiation.titleBlock,
    round: negotiation.round,
    floor: negotiation.floor,
    slots: negotiation.paragraphs.map(({ id, kind, number }) => ({ id, kind, number })),
    footnotes,
    progress,
  };
}

function sameStructure(a: DocumentStructure, b: DocumentStructure): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
