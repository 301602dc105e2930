/**
 * Brackets in a paragraph editor, drawn as decorations and never stored in its text: "[" and "Alt n:"
 * widgets before the words, the holders and "]" after them, a background on the words. The markup comes
 * from bracket-markup.ts, as static-paragraph.tsx's does, so swapping one for the other moves nothing.
 * Brackets arrive from the store (setParagraphBrackets); between two arrivals the decorations follow the
 * text's edits by mapping.
 */
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { BracketSnapshot } from '../../shared/brackets/bracket-snapshot.ts';
import { bracketPieces, closeMarkup, markupKey, markupToDom, openMarkup, wordsClass, type DelegationNames } from './bracket-markup.ts';

interface BracketState {
  brackets: readonly BracketSnapshot[];
  names: DelegationNames;
  /** Words a facilitator is choosing holders for (plain-text offsets), marked until the picker closes. */
  pending: { from: number; to: number } | null;
  decorations: DecorationSet;
}

type BracketMeta = Partial<Pick<BracketState, 'brackets' | 'names' | 'pending'>>;

/** The class of words about to be bracketed, while the picker is open. */
export const pendingClass = 'bracket-pending';

const bracketsKey = new PluginKey<BracketState>('paragraphBrackets');

/** TipTap extension drawing a paragraph's brackets; it never changes the document. */
export const BracketDecorations = Extension.create({
  name: 'bracketDecorations',

  addProseMirrorPlugins() {
    return [
      new Plugin<BracketState>({
        key: bracketsKey,
        state: {
          init: () => ({ brackets: [], names: new Map(), pending: null, decorations: DecorationSet.empty }),
          apply: (tr, value) => {
            const meta = tr.getMeta(bracketsKey) as BracketMeta | undefined;
            if (meta) {
              const next = { ...value, ...meta };
              return { ...next, decorations: buildDecorations(tr.doc, next.brackets, next.names, next.pending) };
            }
            if (!tr.docChanged) return value;
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => bracketsKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});

/** Shows `brackets` (spans in the editor's plain-text offsets, as the store reads them) in a mounted editor; nothing is synced. */
export function setParagraphBrackets(view: EditorView, brackets: readonly BracketSnapshot[], names: DelegationNames): void {
  const state = bracketsKey.getState(view.state);
  if (!state || (state.brackets === brackets && state.names === names)) return;
  view.dispatch(view.state.tr.setMeta(bracketsKey, { brackets, names } satisfies BracketMeta).setMeta('addToHistory', false));
}

/** Marks the words [from, to) (plain-text offsets) as about to be bracketed, or clears the mark (null). */
export function setPendingBracket(view: EditorView, pending: { from: number; to: number } | null): void {
  const state = bracketsKey.getState(view.state);
  if (!state || (state.pending === null && pending === null)) return;
  view.dispatch(view.state.tr.setMeta(bracketsKey, { pending } satisfies BracketMeta).setMeta('addToHistory', false));
}

// Position = plain-text offset + 1 in a document of one paragraph. At one place closes come before opens, in
// reading order: closes get negative sides (the caret stays after them, so typing there lands outside the
// bracket, as its end anchor does), opens positive ones (the caret stays before them, as the start anchor).
function buildDecorations(doc: ProseMirrorNode, brackets: readonly BracketSnapshot[], names: DelegationNames, pending: BracketState['pending']): DecorationSet {
  const size = doc.content.size - 2;
  const marked = pending && pending.from < pending.to && pending.to <= size ? [Decoration.inline(pending.from + 1, pending.to + 1, { class: pendingClass })] : [];
  if (brackets.length === 0) return DecorationSet.create(doc, marked);
  const pieces = bracketPieces([{ text: doc.textBetween(1, size + 1, '') }], brackets);
  const decorations: Decoration[] = [...marked];
  const closesAt = new Map<number, number>();
  for (const piece of pieces) if (piece.kind === 'close') closesAt.set(piece.at, (closesAt.get(piece.at) ?? 0) + 1);
  const closed = new Map<number, number>();
  const opened = new Map<number, number>();
  for (const piece of pieces) {
    if (piece.kind === 'text') {
      if (piece.depth === null) continue;
      const from = piece.node.start + 1;
      decorations.push(Decoration.inline(from, from + piece.node.run.text.length, { class: wordsClass(piece.depth) }));
      continue;
    }
    const at = Math.min(piece.at, size);
    let side: number;
    if (piece.kind === 'close') {
      const index = closed.get(at) ?? 0;
      closed.set(at, index + 1);
      side = index - (closesAt.get(at) ?? 0);
    } else {
      const index = opened.get(at) ?? 0;
      opened.set(at, index + 1);
      side = index + 1;
    }
    const markup = piece.kind === 'open' ? openMarkup(piece.bracket, names) : closeMarkup(piece.bracket, names);
    decorations.push(
      Decoration.widget(at + 1, () => markupToDom(markup), {
        side,
        marks: [],
        key: `${piece.kind}:${side}:${markupKey(markup)}`,
        ignoreSelection: true,
        // The DOM caret may sit on either side of the mark: a press on the first word after "[" puts it inside,
        // and were the editor to move it back across the mark while the mouse is still down (it does when it
        // reads the press before the drag has gone 4 px, as when the press also focuses the editor), Chrome
        // would drop the drag and select nothing. Where typing lands is still decided by `side`.
        relaxedSide: true,
        // Clicks on a bracket are the page's (its menu, a holder's name), not a place for the caret.
        stopEvent: (event) => event.type === 'mousedown' || event.type === 'click',
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}
