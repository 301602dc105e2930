/**
 * Which proposals have their editor open, which one holds this page's caret, and which one should take it
 * as soon as its editor mounts (the proposal this person just created, or one opened by its "Edit the
 * words" button or a click on its words). A card shows its words as a static redline until its editor is
 * opened; at most `maxOpenProposalEditors` are open at once, the least recently used without the caret
 * closing first. Module state: one page has one caret.
 */

/** Where the caret is in a proposal: the proposal and the paragraph it is shown under. */
export interface ProposalCaret {
  proposalId: string;
  paragraphId: string;
}

/** Where an opened editor puts the caret: at a character of the proposal's plain words, or at their end. */
export type ProposalCaretPlace = number | 'end';

/** The most proposal editors mounted at once on a page (each binds its own Yjs and ProseMirror state). */
export const maxOpenProposalEditors = 3;

type Listener = () => void;

let focused: ProposalCaret | null = null;
let wanted: { id: string; place: ProposalCaretPlace } | null = null;
/** Open proposal editors, least recently used first. */
let open: string[] = [];
const listeners = new Set<Listener>();
const openListeners = new Map<string, Set<Listener>>();

/** The proposal whose editor has the caret, or null. */
export function focusedProposal(): ProposalCaret | null {
  return focused;
}

/** Called by a proposal editor on focus (its caret) and blur (null, only if it still holds it). */
export function setFocusedProposal(caret: ProposalCaret | null, from?: string): void {
  if (caret === null && from !== undefined && focused?.proposalId !== from) return;
  focused = caret;
  if (caret) markOpen(caret.proposalId);
  listeners.forEach((listener) => listener());
}

/** Calls `listener` when the focused or wanted proposal changes; returns the unsubscribe function. */
export function subscribeFocusedProposal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Opens proposal `id`'s editor and asks it to take the caret at `place` when it mounts (or now, if it is mounted). */
export function wantProposalCaret(id: string, place: ProposalCaretPlace = 'end'): void {
  wanted = { id, place };
  markOpen(id);
  listeners.forEach((listener) => listener());
}

/** Where proposal `id`'s editor should put the caret now (once), or null when it was not asked to. */
export function takeProposalCaret(id: string): ProposalCaretPlace | null {
  if (wanted?.id !== id) return null;
  const { place } = wanted;
  wanted = null;
  return place;
}

/** True while proposal `id`'s editor is open (for useSyncExternalStore with subscribeProposalOpen). */
export function isProposalOpen(id: string): boolean {
  return open.includes(id);
}

/** Calls `listener` when proposal `id`'s editor opens or closes; returns the unsubscribe function. */
export function subscribeProposalOpen(id: string, listener: Listener): () => void {
  let set = openListeners.get(id);
  if (!set) openListeners.set(id, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) openListeners.delete(id);
  };
}

/** Closes proposal `id`'s editor (its "Done", or its card leaving the page). */
export function closeProposalEditor(id: string): void {
  if (!open.includes(id)) return;
  open = open.filter((other) => other !== id);
  if (wanted?.id === id) wanted = null;
  notifyOpen([id]);
}

/** Moves `id` to the most recently used end, opening it, and closes the least recent beyond the bound. */
function markOpen(id: string): void {
  const was = open.includes(id);
  if (was && open[open.length - 1] === id) return;
  open = [...open.filter((other) => other !== id), id];
  const changed: string[] = was ? [] : [id];
  // The editor with the caret (or about to get it) stays: the bound may be exceeded by it, never by others.
  for (let at = 0; open.length > maxOpenProposalEditors && at < open.length - 1; ) {
    const candidate = open[at] as string;
    if (candidate === focused?.proposalId || candidate === wanted?.id) at++;
    else {
      open.splice(at, 1);
      changed.push(candidate);
    }
  }
  notifyOpen(changed);
}

function notifyOpen(ids: readonly string[]): void {
  for (const id of ids) for (const listener of [...(openListeners.get(id) ?? [])]) listener();
}
