/**
 * The floor: which paragraph the room is discussing. A facilitator puts one on it, takes it off, or steps
 * to the next or previous numbered paragraph (Alt+ArrowDown / Alt+ArrowUp anywhere on the page).
 */
import { useEffect } from 'react';
import { ParagraphKind } from '../../../shared/model/paragraph.ts';
import type { Desk } from './desk.ts';

/** What the floor keys are, for titles and help text. */
export const floorKeys = { next: 'Alt+ArrowDown', previous: 'Alt+ArrowUp' } as const;

/** Puts paragraph `id` on the floor (null: nothing on the floor). */
export async function setFloor(desk: Desk, id: string | null): Promise<void> {
  await desk.send({ type: 'set-floor', paragraphId: id }, id === null ? 'Clearing the floor' : `Putting ${desk.nameOf(id)} on the floor`);
}

/**
 * Moves the floor to the next (+1) or previous (-1) numbered paragraph. With nothing on the floor it
 * starts from the paragraph this person is in (or the first one).
 */
export async function stepFloor(desk: Desk, direction: -1 | 1, here: string | null): Promise<void> {
  const numbered = desk.slots().filter((slot) => slot.kind === ParagraphKind.paragraph);
  if (numbered.length === 0) return;
  const floor = desk.live.store.getStructure().floor;
  const from = floor ?? here;
  const all = desk.slots();
  const fromIndex = from === null ? -1 : all.findIndex((slot) => slot.id === from);
  let target: string | undefined;
  if (floor === null && here !== null && numbered.some((slot) => slot.id === here)) target = here;
  else if (fromIndex < 0) target = direction > 0 ? numbered[0]?.id : numbered[numbered.length - 1]?.id;
  else {
    const step = direction > 0 ? all.slice(fromIndex + 1) : all.slice(0, fromIndex).reverse();
    target = step.find((slot) => slot.kind === ParagraphKind.paragraph)?.id;
  }
  if (target === undefined) {
    desk.say(direction > 0 ? 'The floor is on the last paragraph.' : 'The floor is on the first paragraph.');
    return;
  }
  await setFloor(desk, target);
}

/** The paragraph holding the focus or the caret, or null. */
export function paragraphInFocus(): string | null {
  const element = document.activeElement?.closest<HTMLElement>('[data-paragraph-id]');
  return element?.dataset.paragraphId ?? null;
}

/** For facilitators: Alt+ArrowDown / Alt+ArrowUp anywhere on the page step the floor (fields excepted). */
export function useFloorKeys(desk: Desk): void {
  useEffect(() => {
    if (!desk.facilitator) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.shiftKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      if ((event.target as Element | null)?.closest('input, textarea, select')) return;
      event.preventDefault();
      event.stopPropagation();
      void stepFloor(desk, event.key === 'ArrowDown' ? 1 : -1, paragraphInFocus());
    };
    // Capture: ahead of the editors, which would otherwise move the caret.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [desk]);
}
