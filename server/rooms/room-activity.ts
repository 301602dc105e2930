/**
 * A room's share of the activity record: text edits coalesced per person per paragraph (one entry that
 * grows while the same person keeps typing in the same paragraph, with the text before and after), and
 * live pushes to the people in the room. A keystroke costs no more than the update it makes: an edit's
 * entry is written once when it starts (with the update, in its transaction), and what it grows to is
 * read and stored every `pushIntervalMs` and when the room folds its log. Decisions are pushed at once;
 * text edits go out with the next interval, without their texts (a page asks for a paragraph's history
 * when someone opens it), so typing never multiplies the room's traffic.
 */
import type * as Y from 'yjs';
import { paragraphLabel, paragraphPlainText } from '../../shared/commands/paragraph-facts.ts';
import { textEditAction, type ActivityActor, type ActivityEntry } from '../../shared/protocol/activity.ts';
import type { Identity } from '../auth/identity.ts';
import type { ActivityWrite } from '../storage/storage.ts';

/** Whoever receives live activity. */
export interface ActivityRecipient {
  /** Sends entries added or grown (the same array object to everyone in one push). */
  notify(entries: readonly ActivityEntry[]): void;
}

/** How long a person's edit of one paragraph keeps growing one entry after their last keystroke. */
export const editSessionMs = 5 * 60_000;

/** How often grown text edits are stored and pushed. */
export const pushIntervalMs = 3_000;

/** The longest before or after text an entry keeps (a paragraph is far shorter; an import of a book is not). */
export const maxActivityText = 20_000;

interface OpenEdit {
  invitationId: string;
  name: string;
  entry: ActivityEntry | null;
  lastMs: number;
  before: string;
  /** Typed into since the entry was last stored. */
  dirty: boolean;
  /** Its entry as handed out in an add write, until storage gives it back: it grows in place meanwhile. */
  unstored: Omit<ActivityEntry, 'id'> | null;
}

/** The activity actor for an identity. */
export function activityActor(identity: Pick<Identity, 'name' | 'role' | 'delegation'>): ActivityActor {
  return { name: identity.name, role: identity.role, delegation: identity.delegation };
}

/** `text` cut to maxActivityText characters (marked with an ellipsis when cut). */
export function activityText(text: string): string {
  return text.length <= maxActivityText ? text : `${text.slice(0, maxActivityText - 1)}…`;
}

/** Coalesces a room's text edits and batches its live pushes. */
export class RoomActivity {
  private readonly open = new Map<string, OpenEdit>();
  /** The edit each handed-out add write starts, until `stored` gets its entry (several may share one write). */
  private readonly adding = new Map<ActivityWrite, OpenEdit>();
  /** What edits grew to when someone else started editing their paragraph: written with the next writes. */
  private readonly ended: ActivityWrite[] = [];
  private readonly waiting = new Map<number, ActivityEntry>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Keeps the activity of `doc`, pushing to `recipients()`; `store` writes grown entries (in the room's
   * queue) and resolves to them as stored.
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly recipients: () => Iterable<ActivityRecipient>,
    private readonly store: (writes: ActivityWrite[]) => Promise<ActivityEntry[]>,
  ) {}

  /**
   * Notes, before `identity`'s update is applied, the text of each paragraph it touches where this person has
   * no edit growing: that text is the entry's "before".
   */
  beforeEdit(identity: Identity, paragraphIds: readonly string[], nowMs: number): void {
    for (const id of paragraphIds) {
      const open = this.open.get(id);
      if (open && this.continues(open, identity, nowMs)) continue;
      if (open?.dirty && open.entry) this.ended.push(grown(open.entry, open.lastMs, paragraphPlainText(this.doc, id)));
      this.open.set(id, { invitationId: identity.invitationId, name: identity.name, entry: null, lastMs: nowMs, before: activityText(paragraphPlainText(this.doc, id)), dirty: false, unstored: null });
    }
  }

  /**
   * The activity writes for the update just applied (after beforeEdit): a new entry for each edit that starts,
   * and what the edits that someone else's interrupted grew to.
   */
  afterEdit(identity: Identity, paragraphIds: readonly string[], now: Date): ActivityWrite[] {
    const starts = paragraphIds.flatMap((id): ActivityWrite[] => {
      const open = this.open.get(id);
      if (!open) return [];
      open.lastMs = now.getTime();
      if (open.unstored) {
        // Typed again before the entry was stored (one write for several updates): it is stored as it grew.
        open.unstored.lastAt = now.toISOString();
        open.unstored.after = activityText(paragraphPlainText(this.doc, id));
        return [];
      }
      if (open.entry) {
        open.dirty = true;
        this.schedule();
        return [];
      }
      const entry: Omit<ActivityEntry, 'id'> = {
        at: now.toISOString(), lastAt: now.toISOString(), actor: activityActor(identity), action: textEditAction,
        paragraphId: id, summary: `edited ${paragraphLabel(this.doc, id)}`, before: open.before, after: activityText(paragraphPlainText(this.doc, id)),
      };
      const write: ActivityWrite = { kind: 'add', entry };
      open.unstored = entry;
      this.adding.set(write, open);
      return [write];
    });
    return [...this.ended.splice(0), ...starts];
  }

  /**
   * Takes what storage made of afterEdit's `writes` (`entries`, one per write, in order): a new entry keeps
   * growing while its edit does; all are pushed within pushIntervalMs.
   */
  stored(writes: readonly ActivityWrite[], entries: readonly ActivityEntry[]): void {
    writes.forEach((write, i) => {
      const open = this.adding.get(write);
      const entry = entries[i];
      this.adding.delete(write);
      if (!open || !entry) return;
      open.unstored = null;
      open.entry = entry;
    });
    for (const entry of entries) this.waiting.set(entry.id, entry);
    this.schedule();
  }

  /**
   * Ends the edit growing in `paragraphId` before a decision changes it (edits after a decision start a new
   * entry): the write storing what it grew to, if anything, for the decision's transaction.
   */
  closeEdit(paragraphId: string | null): ActivityWrite[] {
    const open = paragraphId === null ? undefined : this.open.get(paragraphId);
    if (!open || paragraphId === null) return [];
    this.open.delete(paragraphId);
    if (!open.dirty || !open.entry) return [];
    return [grown(open.entry, open.lastMs, paragraphPlainText(this.doc, paragraphId))];
  }

  /** Takes the stored entries of a decision (and of the edit it closed): pushed now. */
  decided(entries: readonly ActivityEntry[]): void {
    for (const entry of entries) this.waiting.set(entry.id, entry);
    this.push();
  }

  /** The grow writes of every edit typed into since it was last stored (call in the room's queue, then `stored`). */
  grownEdits(): ActivityWrite[] {
    const writes: ActivityWrite[] = this.ended.splice(0);
    for (const [id, open] of this.open) {
      if (!open.dirty || !open.entry) continue;
      open.dirty = false;
      const write = grown(open.entry, open.lastMs, paragraphPlainText(this.doc, id));
      open.entry = write.entry;
      writes.push(write);
    }
    return writes;
  }

  /** Pushes what waits now (a decision was taken); edits still growing are stored and pushed by the timer. */
  push(): void {
    if (this.waiting.size === 0) return;
    const entries = [...this.waiting.values()].sort((a, b) => a.id - b.id).map(slim);
    this.waiting.clear();
    for (const recipient of this.recipients()) recipient.notify(entries);
  }

  /** Pushes what waits and stops the timer (the room is closing: its grown edits were stored by compact). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.push();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.store(this.grownEdits()).then((grown) => {
        for (const entry of grown) this.waiting.set(entry.id, entry);
        this.push();
      }, () => undefined /* the room has failed and closed everyone: nobody is left to push to */);
    }, pushIntervalMs);
  }

  private continues(open: OpenEdit, identity: Identity, nowMs: number): boolean {
    return open.invitationId === identity.invitationId && open.name === identity.name && nowMs - open.lastMs < editSessionMs;
  }
}

/** The write storing what `entry` grew to: its last keystroke at `lastMs`, the paragraph now reading `text`. */
function grown(entry: ActivityEntry, lastMs: number, text: string): { kind: 'grow'; entry: ActivityEntry } {
  return { kind: 'grow', entry: { ...entry, lastAt: new Date(lastMs).toISOString(), after: activityText(text) } };
}

/** A text edit as pushed: without its texts (fetched with the paragraph's history); decisions whole. */
function slim(entry: ActivityEntry): ActivityEntry {
  return entry.action === textEditAction ? { ...entry, before: null, after: null } : entry;
}
