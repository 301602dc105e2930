/**
 * A paragraph as the view on screen draws it: the text (`data-paragraph-id`), the clean text
 * (`data-clean-paragraph-id`) or the compilation (`data-compilation-paragraph-id`). One view shows at a
 * time, so going to a paragraph, following the floor and publishing where someone reads work in all three.
 */

/** A selector for the paragraph elements of whichever view is shown. */
export const shownParagraphSelector = '[data-paragraph-id], [data-clean-paragraph-id], [data-compilation-paragraph-id]';

/** The paragraph id a `shownParagraphSelector` element stands for, or null for any other element. */
export function shownParagraphId(element: Element): string | null {
  return element.getAttribute('data-paragraph-id') ?? element.getAttribute('data-clean-paragraph-id') ?? element.getAttribute('data-compilation-paragraph-id');
}

/** The element showing paragraph `id` in the document column, or null when the view shown does not draw it. */
export function shownParagraph(id: string): HTMLElement | null {
  const escaped = CSS.escape(id);
  return document.querySelector<HTMLElement>(`.document :is([data-paragraph-id="${escaped}"], [data-clean-paragraph-id="${escaped}"], [data-compilation-paragraph-id="${escaped}"])`);
}
