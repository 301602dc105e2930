/** Reading the negotiation page's text and its deleted-paragraph lines in a browser test, as a person sees them. */
import type { Locator, Page } from 'playwright-core';

/** The deleted-paragraph lines of the page. */
export const deletedLines = (page: Page): Locator => page.locator('[data-testid="deleted-paragraph"]');

/** What stands in the document, in order: paragraphs by number and text ("2. We will…"), deleted lines by what they say ("deleted: Paragraph 2 was deleted"). */
export function documentOrder(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="document"] > :is(.para, .deleted-para)', (nodes) =>
    nodes.map((node) =>
      node.matches('.para')
        ? `${node.getAttribute('data-paragraph-number')}. ${node.querySelector('.para-text')?.textContent?.trim() ?? ''}`
        : `deleted: ${node.querySelector('.deleted-para-what')?.textContent ?? ''}`,
    ),
  );
}

/** An element's words as seen, without those only read to screen readers, spaces collapsed. */
export function seen(locator: Locator): Promise<string> {
  return locator.evaluate((node) => {
    const copy = node.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** True when the page does not scroll sideways. */
export function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
