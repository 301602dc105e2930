/**
 * Decorations a paragraph editor draws over its text without storing anything in it: footnote markers
 * become links to their footnote, and the paragraph's source annotation is a quiet tag after the text.
 * client/editor/static-paragraph.tsx renders exactly the same markup for paragraphs without an editor.
 */
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { splitSuperscriptMarkers } from '../../shared/superscript.ts';
import { footnoteLinkAttributes } from './footnote-markers.ts';
import { sourceTagClass, sourceTagText } from './source-tag.ts';

interface DecorationState {
  source: string;
  decorations: DecorationSet;
}

const decorationsKey = new PluginKey<DecorationState>('paragraphDecorations');

/** Options: the source annotation shown when the editor is created (later changes go through setParagraphSource). */
export interface ParagraphDecorationsOptions {
  source: string;
}

/** TipTap extension drawing footnote links and the source tag; it never changes the document. */
export const ParagraphDecorations = Extension.create<ParagraphDecorationsOptions>({
  name: 'paragraphDecorations',

  addOptions() {
    return { source: '' };
  },

  addProseMirrorPlugins() {
    const initialSource = this.options.source;
    return [
      new Plugin<DecorationState>({
        key: decorationsKey,
        state: {
          init: (_, state) => ({ source: initialSource, decorations: buildDecorations(state.doc, initialSource) }),
          apply: (tr, value) => {
            const meta = tr.getMeta(decorationsKey) as { source: string } | undefined;
            const source = meta?.source ?? value.source;
            if (!tr.docChanged && source === value.source) return value;
            return { source, decorations: buildDecorations(tr.doc, source) };
          },
        },
        props: {
          decorations: (state) => decorationsKey.getState(state)?.decorations,
          handleDOMEvents: {
            // Links do not follow inside contenteditable: go to the footnote ourselves.
            click: (_view, event) => followFootnoteLink(event),
          },
        },
      }),
    ];
  },
});

/** Shows a new source annotation in a mounted editor (no document change, nothing synced). */
export function setParagraphSource(view: EditorView, source: string): void {
  if (decorationsKey.getState(view.state)?.source === source) return;
  view.dispatch(view.state.tr.setMeta(decorationsKey, { source }).setMeta('addToHistory', false));
}

function followFootnoteLink(event: MouseEvent): boolean {
  const link = event.target instanceof Element ? event.target.closest('a.fn-ref') : null;
  const href = link?.getAttribute('href');
  const target = href ? document.getElementById(href.slice(1)) : null;
  if (!href || !target) return false;
  event.preventDefault();
  history.replaceState(history.state, '', href);
  target.scrollIntoView({ block: 'center' });
  return true;
}

function buildDecorations(doc: ProseMirrorNode, source: string): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    let offset = 0;
    for (const piece of splitSuperscriptMarkers(node.text)) {
      const from = pos + offset;
      offset += piece.text.length;
      if (piece.marker !== null) {
        decorations.push(Decoration.inline(from, pos + offset, { nodeName: 'a', ...footnoteLinkAttributes(piece.marker) }));
      }
    }
  });
  if (source) {
    // The end of the single paragraph's content; a positive side keeps the caret before the tag, a large
    // one keeps the tag after any bracket that opens or closes there (bracket-decorations.ts).
    decorations.push(
      Decoration.widget(doc.content.size - 1, () => sourceTagElement(source), {
        side: 1000,
        key: `source:${source}`,
        ignoreSelection: true,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function sourceTagElement(source: string): HTMLElement {
  const tag = document.createElement('span');
  tag.className = sourceTagClass;
  tag.contentEditable = 'false';
  tag.textContent = sourceTagText(source);
  return tag;
}
