/**
 * A paragraph as the view on screen draws it: the text (`data-paragraph-id`), the clean text
 * (`data-clean-paragraph-id`) or the compilation (`data-compilation-paragraph-id`). One view shows at a
 * time, so going to a paragraph, following the floor and publishing where someone reads work in all three.
 */

// The attribute naming a paragraph's id, in each view.
const idAttributes = ['data-paragraph-id', 'data-clean-paragraph-id', 'data-compilation-paragraph-id'] as const;

/** A selector for the paragraph elements of whichever view is shown. */
export const shownParagraphSelector = idAttributes.map((name) => `[${name}]`).join(', ');

/** The id of the shown paragraph `element` is in (within the document column), or null. */
export function shownParagraphIdOf(element: Element): string | null {
  const paragraph = element.closest(`.document :is(${shownParagraphSelector})`);
  return paragraph ? shownParagraphId(paragraph) : null;
}

/** The paragraph id a `shownParagraphSelector` element stands for, or null for any other element. */
export function shownParagraphId(element: Element): string | null {
  for (const name of idAttributes) {
    const id = element.getAttribute(name);
    if (id !== null) return id;
  }
  return null;
}

/** The element showing paragraph `id` in the document column, or null when the view shown does not draw it. */
export function shownParagraph(id: string): HTMLElement | null {
  const escaped = CSS.escape(id);
  return document.querySelector<HTMLElement>(`.document :is(${idAttributes.map((name) => `[${name}="${escaped}"]`).join(', ')})`);
}
