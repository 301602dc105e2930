/**
 * What one change did to a document, as updates: the change's own (made with its origin) and what Yjs did
 * right after it on its own account. Yjs follows a remote change to formatted text with a transaction of its
 * own that deletes format markers it finds redundant; made in the server's document, that follow-up is the
 * server's change, to be stored and sent to everyone (the writer too), or those present and those who join
 * later would see different formatting.
 */
import type * as Y from 'yjs';
import { mergedUpdate } from './merged-update.ts';

/** A change as updates: its own and Yjs's follow-up, each null when empty. */
export interface CapturedChange {
  origin: unknown;
  own: Uint8Array | null;
  followUp: Uint8Array | null;
}

/** Runs `apply` (a change made in `doc` with `origin`) and returns what it did; throws what `apply` throws. */
export function captureChange(doc: Y.Doc, origin: unknown, apply: () => void): CapturedChange {
  const owns: Uint8Array[] = [];
  const followUps: Uint8Array[] = [];
  const capture = (update: Uint8Array, updateOrigin: unknown) => {
    (updateOrigin === origin ? owns : followUps).push(update);
  };
  doc.on('update', capture);
  try {
    apply();
  } finally {
    doc.off('update', capture);
  }
  return { origin, own: mergedUpdate(owns), followUp: mergedUpdate(followUps) };
}
