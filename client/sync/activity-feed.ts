/**
 * The activity record as the page reads it: the room's feed and each paragraph's history, each a list
 * whose first page comes over HTTP when someone first looks at it, which live pushes keep current (merged
 * by id: a grown text edit replaces its older copy) and which pages back on request. After every
 * (re)connection each open list fetches its newest page again, so nothing pushed while away is missed.
 * Text edits are pushed without their texts: the texts of an entry come from any page that holds it, or are
 * fetched alone when someone wants its redline, and again when the entry has grown since.
 * Snapshots are immutable and change identity only when their content changes (useSyncExternalStore).
 */
import { mergeEntries } from '../../shared/activity/merge-entries.ts';
import type { ActivityEntry, ActivityPage } from '../../shared/protocol/activity.ts';

/** What a list asks the server: one paragraph's entries or all, older than entry `before`, at most `limit`. */
export interface ActivityQuery {
  paragraphId?: string;
  before?: number;
  limit?: number;
}

/** Loads one page of activity (fetchActivity bound to this negotiation and invitation token). */
export type ActivityLoader = (query: ActivityQuery) => Promise<ActivityPage>;

/** Where a list stands. */
export const ActivityListState = { loading: 'loading', ready: 'ready', failed: 'failed' } as const;

/** One of the values of ActivityListState. */
export type ActivityListState = (typeof ActivityListState)[keyof typeof ActivityListState];

/** What a list shows: its entries newest first, whether older ones may exist, and how loading went. */
export interface ActivityListSnapshot {
  entries: readonly ActivityEntry[];
  state: ActivityListState;
  /** Why the first page (or the last "older" page) could not be loaded, in words; null otherwise. */
  error: string | null;
  /** True while the server may hold older entries than those shown. */
  hasOlder: boolean;
  loadingOlder: boolean;
}

/** An entry's texts as last fetched: as of `lastAt`, or why they could not be loaded. */
export interface EntryTexts {
  lastAt: string;
  before: string;
  after: string;
  error: string | null;
}

/** Entries asked for per page. */
export const activityPageSize = 20;

// How many pages a list fetches to catch up after a reconnection before it settles for a gap.
const maxCatchUpPages = 5;

const initial: ActivityListSnapshot = { entries: [], state: ActivityListState.loading, error: null, hasOlder: false, loadingOlder: false };

/** One list: the room's (paragraphId null) or one paragraph's. */
class ActivityList {
  snapshot = initial;
  private readonly listeners = new Set<() => void>();
  private started = false;
  private next: number | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly paragraphId: string | null,
    private readonly load: ActivityLoader,
    private readonly alive: () => boolean,
  ) {}


  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.started) this.reload();
    return () => this.listeners.delete(listener);
  }

  /** Fetches the first page (again, after a failure). */
  reload(): void {
    this.started = true;
    this.set({ state: ActivityListState.loading, error: null });
    this.queue(async () => {
      try {
        const page = await this.load(this.query({}));
        this.next = page.next;
        this.set({ entries: mergeEntries(this.snapshot.entries, page.entries), state: ActivityListState.ready, hasOlder: page.next !== null });
      } catch (error) {
        this.set({ state: ActivityListState.failed, error: describe(error) });
      }
    });
  }

  /** Fetches the newest page again and merges it (after a reconnection); a failure leaves the list as it is. */
  refresh(): void {
    if (!this.started) return;
    this.queue(async () => {
      // Queued behind the first page: when that failed, the list waits for a retry instead.
      if (this.snapshot.state !== ActivityListState.ready) return;
      try {
        // Pages back until it meets what the list had, so a long absence leaves no gap (within reason).
        const newestKnown = this.snapshot.entries[0]?.id ?? 0;
        let before: number | undefined;
        for (let pages = 0; pages < maxCatchUpPages; pages += 1) {
          const page = await this.load(this.query(before === undefined ? {} : { before }));
          this.set({ entries: mergeEntries(this.snapshot.entries, page.entries) });
          if (page.next === null || page.entries.some((entry) => entry.id <= newestKnown)) break;
          before = page.next;
        }
      } catch {
        // The list keeps what it has; the next reconnection or push brings it up to date.
      }
    });
  }

  loadOlder(): void {
    if (this.next === null || this.snapshot.loadingOlder) return;
    const before = this.next;
    this.set({ loadingOlder: true, error: null });
    this.queue(async () => {
      try {
        const page = await this.load(this.query({ before }));
        this.next = page.next;
        this.set({ entries: mergeEntries(this.snapshot.entries, page.entries), hasOlder: page.next !== null, loadingOlder: false });
      } catch (error) {
        this.set({ loadingOlder: false, error: describe(error) });
      }
    });
  }

  receive(entries: readonly ActivityEntry[]): void {
    const merged = mergeEntries(this.snapshot.entries, entries);
    if (merged !== this.snapshot.entries) this.set({ entries: merged });
  }

  private query(extra: ActivityQuery): ActivityQuery {
    return { ...(this.paragraphId === null ? {} : { paragraphId: this.paragraphId }), limit: activityPageSize, ...extra };
  }

  // One request at a time per list, so a cursor is never read while another page is still arriving.
  private queue(task: () => Promise<void>): void {
    this.busy = this.busy.then(task);
  }

  private set(change: Partial<ActivityListSnapshot>): void {
    if (!this.alive()) return;
    const next = { ...this.snapshot, ...change };
    if ((Object.keys(change) as (keyof ActivityListSnapshot)[]).every((key) => next[key] === this.snapshot[key])) return;
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}

/** The room's feed and the paragraph histories opened so far, fed by `load` and by receive(). */
export class ActivityFeed {
  private destroyed = false;
  private readonly load: ActivityLoader;
  private readonly room: ActivityList;
  private readonly paragraphs = new Map<string, ActivityList>();
  private readonly texts = new Map<number, EntryTexts>();
  private readonly inlineTexts = new WeakMap<ActivityEntry, EntryTexts>();
  private readonly textRequests = new Set<string>();
  private readonly textListeners = new Set<() => void>();

  /** Nothing is fetched until a list is first subscribed to. */
  constructor(load: ActivityLoader) {
    this.load = async (query) => {
      const page = await load(query);
      this.keepTexts(page.entries);
      return page;
    };
    this.room = new ActivityList(null, this.load, this.alive);
  }

  /** Subscribes to the room's feed (the first subscription fetches its first page). */
  subscribe = (listener: () => void): (() => void) => this.room.subscribe(listener);

  /** The room's feed now. */
  getSnapshot = (): ActivityListSnapshot => this.room.snapshot;

  /** Fetches the room's next older page, when there is one and none is on its way. */
  loadOlder = (): void => this.room.loadOlder();

  /** Fetches the room's first page again (after it failed). */
  retry = (): void => this.room.reload();

  /** Subscribes to paragraph `id`'s history (the first subscription fetches its first page). */
  subscribeParagraph(id: string, listener: () => void): () => void {
    return this.paragraph(id).subscribe(listener);
  }

  /** Paragraph `id`'s history now (loading until someone subscribed and its page arrived). */
  getParagraph(id: string): ActivityListSnapshot {
    return this.paragraphs.get(id)?.snapshot ?? initial;
  }

  /** Fetches the next older page of paragraph `id`'s history. */
  loadOlderOfParagraph(id: string): void {
    this.paragraphs.get(id)?.loadOlder();
  }

  /** Fetches paragraph `id`'s first page again (after it failed). */
  retryParagraph(id: string): void {
    this.paragraph(id).reload();
  }

  /** Takes entries pushed live (new or grown) into the room's feed and the open histories they concern. */
  receive(entries: readonly ActivityEntry[]): void {
    if (this.destroyed || entries.length === 0) return;
    this.room.receive(entries);
    for (const [id, list] of this.paragraphs) {
      const own = entries.filter((entry) => entry.paragraphId === id);
      if (own.length > 0) list.receive(own);
    }
  }

  /** The socket is (again) in sync: every open list fetches its newest page, for what was pushed while away. */
  resynced(): void {
    if (this.destroyed) return;
    this.room.refresh();
    for (const list of this.paragraphs.values()) list.refresh();
  }

  /** Subscribes to changes of the texts known for entries. */
  subscribeTexts = (listener: () => void): (() => void) => {
    this.textListeners.add(listener);
    return () => this.textListeners.delete(listener);
  };

  /**
   * The texts of `entry`: its own when it carries them, else the last fetched (older than the entry when its
   * lastAt is later: ask again with requestTexts), else null (never fetched). The same object until they change.
   */
  textsOf(entry: ActivityEntry): EntryTexts | null {
    if (entry.before === null && entry.after === null) return this.texts.get(entry.id) ?? null;
    let own = this.inlineTexts.get(entry);
    if (!own) {
      own = { lastAt: entry.lastAt, before: entry.before ?? '', after: entry.after ?? '', error: null };
      this.inlineTexts.set(entry, own);
    }
    return own;
  }

  /** Fetches `entry`'s texts as of its lastAt, unless known or already asked for. */
  requestTexts(entry: ActivityEntry): void {
    const known = this.textsOf(entry);
    const key = `${entry.id}@${entry.lastAt}`;
    if (this.destroyed || (known && known.error === null && known.lastAt >= entry.lastAt) || this.textRequests.has(key)) return;
    this.textRequests.add(key);
    // The page of one entry: the newest older than the next id, in its own paragraph.
    const query: ActivityQuery = { ...(entry.paragraphId === null ? {} : { paragraphId: entry.paragraphId }), before: entry.id + 1, limit: 1 };
    this.load(query).then(
      (page) => {
        if (!page.entries.some((found) => found.id === entry.id)) this.setTexts(entry.id, { lastAt: entry.lastAt, before: '', after: '', error: 'this entry is no longer on the server' });
      },
      (error: unknown) => {
        this.textRequests.delete(key);
        this.setTexts(entry.id, { ...(known ?? { lastAt: '', before: '', after: '' }), error: describe(error) });
      },
    );
  }

  /** Stops every list: late answers and pushes are dropped. */
  destroy(): void {
    this.destroyed = true;
  }

  private readonly alive = (): boolean => !this.destroyed;

  private keepTexts(entries: readonly ActivityEntry[]): void {
    for (const entry of entries) {
      if (entry.before === null && entry.after === null) continue;
      const known = this.texts.get(entry.id);
      if (known && known.error === null && known.lastAt >= entry.lastAt) continue;
      this.setTexts(entry.id, { lastAt: entry.lastAt, before: entry.before ?? '', after: entry.after ?? '', error: null });
    }
  }

  private setTexts(id: number, texts: EntryTexts): void {
    if (this.destroyed) return;
    this.texts.set(id, texts);
    for (const listener of [...this.textListeners]) listener();
  }

  private paragraph(id: string): ActivityList {
    let list = this.paragraphs.get(id);
    if (!list) {
      list = new ActivityList(id, this.load, this.alive);
      this.paragraphs.set(id, list);
    }
    return list;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
