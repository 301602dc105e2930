/**
 * Takes down a paragraph's mounted editor the moment its paragraph leaves the document (deleted, or
 * merged into the one before), inside the Yjs transaction's observers. Left mounted until React unmounts it,
 * the editor's next view update (a caret moving, presence arriving) makes the Yjs binding write its
 * paragraph back into the deleted fragment: an update the server refuses (4403), which would send every
 * page that had the paragraph on screen, observers included, into a reload of the true text.
 */
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { getParagraphs, type ParagraphMap } from '../../../shared/model/negotiation-doc.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { editorIn } from './caret.ts';

/** While mounted, destroys the editor of each paragraph removed from `live`'s document. */
export function useEditorTeardown(live: LiveNegotiation): void {
  useEffect(() => {
    const paragraphs = getParagraphs(live.doc);
    const onChange = (event: Y.YMapEvent<ParagraphMap>) => {
      for (const id of event.keysChanged) {
        if (paragraphs.has(id)) continue;
        editorIn(document.querySelector(`[data-paragraph-id="${CSS.escape(id)}"]`))?.destroy();
      }
    };
    paragraphs.observe(onChange);
    return () => paragraphs.unobserve(onChange);
  }, [live]);
}
