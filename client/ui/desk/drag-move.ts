/**
 * Moving a paragraph by dragging its handle onto another paragraph (native HTML drag and drop): the upper
 * half of the paragraph under the pointer drops before it, the lower half after it. One move command.
 */
import { useState, type DragEvent } from 'react';
import type { Desk } from './desk.ts';
import { moveAfter } from './structure-actions.ts';

/** The drag data type that carries a paragraph id (other drags, such as text, are left alone). */
export const paragraphDragType = 'application/x-draftroom-paragraph';

/** Where a drop would land, relative to the paragraph under the pointer. */
export type DropSide = 'before' | 'after' | null;

/** Starts dragging paragraph `id` from its handle, with its whole section as the drag image. */
export function startParagraphDrag(event: DragEvent<HTMLElement>, id: string): void {
  event.dataTransfer.setData(paragraphDragType, id);
  event.dataTransfer.effectAllowed = 'move';
  const section = event.currentTarget.closest('[data-paragraph-id]');
  if (section) event.dataTransfer.setDragImage(section, 16, 16);
}

/** Drop-target handlers for paragraph `id`, and the side a drop would land on (for the marker). */
export function useParagraphDrop(desk: Desk, id: string) {
  const [side, setSide] = useState<DropSide>(null);
  if (!desk.facilitator) return { side: null, handlers: {} };
  const carries = (event: DragEvent) => event.dataTransfer.types.includes(paragraphDragType);
  const sideOf = (event: DragEvent<HTMLElement>): DropSide => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
  };
  return {
    side,
    handlers: {
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (!carries(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const next = sideOf(event);
        if (next !== side) setSide(next);
      },
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setSide(null);
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        if (!carries(event)) return;
        event.preventDefault();
        const dragged = event.dataTransfer.getData(paragraphDragType);
        const dropSide = sideOf(event);
        setSide(null);
        if (!dragged || dragged === id) return;
        const afterId = dropSide === 'after' ? id : (desk.neighbour(id, -1) ?? null);
        if (afterId !== dragged) void moveAfter(desk, dragged, afterId);
      },
    },
  };
}
