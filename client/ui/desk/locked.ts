/**
 * Why an agreed paragraph takes no edits, in the words the page shows when someone tries (the server
 * refuses such edits whatever the page does).
 */
import { lockedStatuses, ParagraphStatus } from '../../../shared/model/paragraph.ts';

/** True when the status takes no edits (agreed, agreed ad ref). */
export function isLocked(status: ParagraphStatus): boolean {
  return lockedStatuses.has(status);
}

/** The reason shown to a facilitator who tries to edit a paragraph of this status. */
export function lockedReason(status: ParagraphStatus): string {
  const what = status === ParagraphStatus.agreed ? 'agreed' : 'agreed ad ref';
  return `This paragraph is ${what}: it takes no edits until it is reopened (its actions, Shift+F10 or the handle: Reopen).`;
}
