/**
 * A room's share of the activity record: text edits coalesced per person per paragraph (one entry that
 * grows while the same person keeps typing in the same paragraph, with the text before and after), and
 * live pushes to the people in the room. Decisions are pushed at once; growing text edits at most every
 * `pushIntervalMs`, so typing never multiplies the room's traffic.
 */
import type * as Y from 'yjs';
import { paragraphPlainText } from '../../shared/commands/paragraph-facts.ts';
import { paragraphLabel } from '../../shared/commands/paragraph-facts.ts';
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

/** How often grown text-edit entries are pushed. */
export const pushIntervalMs = 2_000;

interface OpenEdit {
  invitationId: string;
  name: string;
  entry: ActivityEntry | null;
  lastMs: number;
  before: string;
}

/** The activity actor for an identity. */
export function activityActor(identity: Pick<Identity, 'name' | 'role' | 'delegation'>): ActivityActor {
  return { name: identity.name, role: identity.role, delegation: identity.delegation };
}

/** Coalesces a room's text edits and batches its live pushes. */
export class RoomActivity {
  private readonly open = new Map<string, OpenEdit>();
  private readonly waiting = new Map<number, ActivityEntry>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Keeps the activity of `doc`, pushing to `recipients()`. */
  constructor(
    private readonly doc: Y.Doc,
    private readonly recipients: () => Iterable<ActivityRecipient>,
  ) {}

  /**
   * Notes, before `identity`'s update is applied, the text of each paragraph it touches where this person has
   * no edit growing: that text is the entry's "before".
   */
  beforeEdit(identity: Identity, paragraphIds: readonly string[], nowMs: number): void {
    for (const id of paragraphIds) {
      const open = this.open.get(id);
      if (open && this.continues(open, identity, nowMs)) continue;
      this.open.set(id, { invitationId: identity.invitationId, name: identity.name, entry: null, lastMs: nowMs, before: paragraphPlainText(this.doc, id) });
    }
  }

  /** The activity writes for the update just applied (after beforeEdit): one new or grown entry per paragraph. */
  afterEdit(identity: Identity, paragraphIds: readonly string[], now: Date): ActivityWrite[] {
    return paragraphIds.flatMap((id): ActivityWrite[] => {
      const open = this.open.get(id);
      if (!open) return [];
      open.lastMs = now.getTime();
      const after = paragraphPlainText(this.doc, id);
      if (open.entry) return [{ kind: 'grow', entry: { ...open.entry, lastAt: now.toISOString(), after } }];
      const entry: Omit<ActivityEntry, 'id'> = {
        at: now.toISOString(), lastAt: now.toISOString(), actor: activityActor(identity), action: textEditAction,
        paragraphId: id, summary: `edited ${paragraphLabel(this.doc, id)}`, before: open.before, after,
      };
      return [{ kind: 'add', entry }];
    });
  }

  /** Takes the stored entries of an edit: new ones keep growing; all are pushed within pushIntervalMs. */
  stored(entries: readonly ActivityEntry[]): void {
    for (const entry of entries) {
      const open = entry.paragraphId ? this.open.get(entry.paragraphId) : undefined;
      if (open && entry.action === textEditAction) open.entry = entry;
      this.waiting.set(entry.id, entry);
    }
    this.timer ??= setTimeout(() => this.push(), pushIntervalMs);
  }

  /** Takes the stored entries of a decision: edits of its paragraph start afresh, and everything waiting is pushed now. */
  decided(entries: readonly ActivityEntry[]): void {
    for (const entry of entries) {
      if (entry.paragraphId) this.open.delete(entry.paragraphId);
      this.waiting.set(entry.id, entry);
    }
    this.push();
  }

  /** Pushes what waits now and stops the timer (the room is closing, or a decision was taken). */
  push(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.size === 0) return;
    const entries = [...this.waiting.values()].sort((a, b) => a.id - b.id);
    this.waiting.clear();
    for (const recipient of this.recipients()) recipient.notify(entries);
  }

  private continues(open: OpenEdit, identity: Identity, nowMs: number): boolean {
    return open.invitationId === identity.invitationId && open.name === identity.name && nowMs - open.lastMs < editSessionMs;
  }
}
