/**
 * The paragraph this person last chose to look at: the one they clicked in, or went to from the people
 * list. It says "where" they are better than any line on the screen, as long as that paragraph stays in the
 * middle of the window (see use-location-publisher.ts); once they scroll it away, it no longer counts.
 */

type Listener = () => void;

let hinted: string | null = null;
const listeners = new Set<Listener>();

/** Records that this person turned to paragraph `id`. */
export function noteLookingAt(id: string): void {
  hinted = id;
  listeners.forEach((listener) => listener());
}

/** The paragraph last turned to, or null. */
export function lookingAt(): string | null {
  return hinted;
}

/** Calls `listener` whenever a paragraph is turned to; returns the unsubscribe function. */
export function subscribeLookingAt(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
