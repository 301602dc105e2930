/**
 * Read side of a negotiation's proposals for React (useSyncExternalStore): every proposal as plain data,
 * and the proposals of each paragraph. A snapshot keeps its identity until its proposal changes, and a
 * paragraph's list until one of its proposals changes, so typing in one proposal re-renders only its own.
 */
import * as Y from 'yjs';
import { getProposals, readProposal, type ProposalSnapshot } from '../../shared/model/proposal.ts';
import { KeyedListeners } from './keyed-listeners.ts';

type Listener = () => void;

const none: readonly ProposalSnapshot[] = Object.freeze([]);

/** Proposal snapshots of one Y.Doc with change subscriptions; call destroy() when the doc is dropped. */
export class ProposalStore {
  private readonly snapshots = new Map<string, ProposalSnapshot>();
  /** Every snapshot oldest first, kept in step by replacement while the order holds (never handed out). */
  private ordered: ProposalSnapshot[] = [];
  /** Each proposal's index in `ordered`; null when a proposal came, went or moved and `ordered` must be sorted again. */
  private index: Map<string, number> | null = null;
  /** What getAll() hands out, built from `ordered` on demand; null after a change. */
  private all: readonly ProposalSnapshot[] | null = null;
  private readonly byParagraph = new Map<string, readonly ProposalSnapshot[]>();
  private readonly listeners = new Set<Listener>();
  private readonly paragraphListeners = new KeyedListeners();
  private readonly stop: () => void;

  /** Reads the doc's proposals now and follows their changes. */
  constructor(private readonly doc: Y.Doc) {
    const proposals = getProposals(doc);
    for (const id of proposals.keys()) {
      const map = proposals.get(id);
      if (map instanceof Y.Map) this.snapshots.set(id, readProposal(id, map));
    }
    this.sortAll();
    for (const snapshot of this.ordered) {
      const key = paragraphKey(snapshot);
      const list = this.byParagraph.get(key) as ProposalSnapshot[] | undefined;
      if (list) list.push(snapshot);
      else this.byParagraph.set(key, [snapshot]);
    }
    const onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const changed = new Set<string>();
      for (const event of events) {
        if (event.target === proposals) for (const key of event.changes.keys.keys()) changed.add(key);
        else if (typeof event.path[0] === 'string') changed.add(event.path[0]);
      }
      const paragraphs = new Set<string>();
      for (const id of changed) this.reread(id, paragraphs);
      this.all = null;
      for (const listener of [...this.listeners]) listener();
      for (const key of paragraphs) this.paragraphListeners.notify(key);
    };
    proposals.observeDeep(onEvents);
    this.stop = () => proposals.unobserveDeep(onEvents);
  }

  /** Every proposal, oldest first; the same array until a proposal changes (built when first asked for after a change). */
  getAll = (): readonly ProposalSnapshot[] => {
    if (this.all) return this.all;
    if (!this.index) this.sortAll();
    this.all = this.ordered.slice();
    return this.all;
  };

  /** One proposal, or undefined. */
  get(id: string): ProposalSnapshot | undefined {
    return this.snapshots.get(id);
  }

  /**
   * The proposals of paragraph `id`, oldest first: those amending it, and those proposing a new paragraph
   * after it. The same array until one of them changes.
   */
  forParagraph(id: string): readonly ProposalSnapshot[] {
    return this.byParagraph.get(id) ?? none;
  }

  /** Calls `listener` after any proposal changes; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Calls `listener` after a change to the proposals of paragraph `id`; returns the unsubscribe function. */
  subscribeParagraph(id: string, listener: Listener): () => void {
    return this.paragraphListeners.subscribe(id, listener);
  }

  /** Stops following the doc. */
  destroy(): void {
    this.stop();
    this.listeners.clear();
    this.paragraphListeners.clear();
  }

  /**
   * Reads proposal `id` again and updates the lists, adding to `touched` the paragraphs whose list changed.
   * A change that keeps its place (same age, same paragraph: the usual keystroke) costs its paragraph's
   * proposals, not all of them.
   */
  private reread(id: string, touched: Set<string>): void {
    const before = this.snapshots.get(id);
    const map = getProposals(this.doc).get(id);
    const after = map instanceof Y.Map ? readProposal(id, map) : undefined;
    if (after) this.snapshots.set(id, after);
    else this.snapshots.delete(id);
    if (before && after && paragraphKey(before) === paragraphKey(after) && before.createdAt === after.createdAt) {
      const key = paragraphKey(after);
      const list = [...(this.byParagraph.get(key) ?? none)];
      const at = list.findIndex((snapshot) => snapshot.id === id);
      if (at >= 0) list[at] = after;
      this.byParagraph.set(key, list);
      const place = this.index?.get(id);
      if (place !== undefined) this.ordered[place] = after;
      touched.add(key);
      return;
    }
    this.index = null;
    if (before) {
      const key = paragraphKey(before);
      const list = (this.byParagraph.get(key) ?? none).filter((snapshot) => snapshot.id !== id);
      if (list.length > 0) this.byParagraph.set(key, list);
      else this.byParagraph.delete(key);
      touched.add(key);
    }
    if (after) {
      const key = paragraphKey(after);
      const list = [...(this.byParagraph.get(key) ?? none)];
      let at = list.length;
      while (at > 0 && byAge(list[at - 1] as ProposalSnapshot, after) > 0) at--;
      list.splice(at, 0, after);
      this.byParagraph.set(key, list);
      touched.add(key);
    }
  }

  /** Sorts every snapshot by age again and indexes the order. */
  private sortAll(): void {
    this.ordered = [...this.snapshots.values()].sort(byAge);
    this.index = new Map(this.ordered.map((snapshot, at) => [snapshot.id, at]));
  }
}

/** The paragraph a proposal is shown with: the one it amends, or the one a new paragraph would follow. */
function paragraphKey(snapshot: ProposalSnapshot): string {
  return snapshot.paragraphId ?? snapshot.afterParagraphId ?? '';
}

function byAge(a: ProposalSnapshot, b: ProposalSnapshot): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
