/**
 * A facilitator's bracket controls for one paragraph. Words selected in its editor bring a small toolbar
 * under them ("Bracket…", and the bracket the caret stands in); clicking a bracket's "[", "]" or holders
 * opens its menu. The toolbar follows the editor in the tab order, so keyboard users reach it with Tab
 * after selecting. Renders nothing for other roles: the server would refuse their commands anyway.
 */
import { useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { BracketSnapshot } from '../../../shared/brackets/bracket-snapshot.ts';
import { characterString } from '../../../shared/brackets/read-brackets.ts';
import { anchorRange, paragraphCharacters, type BracketHolder } from '../../../shared/model/bracket.ts';
import { ParagraphKind } from '../../../shared/model/paragraph.ts';
import type { Command } from '../../../shared/protocol/commands.ts';
import { sendCommand } from '../../sync/command-api.ts';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import { setPendingBracket } from '../../editor/bracket-decorations.ts';
import { editorIn } from '../desk/caret.ts';
import { DeskContext } from '../desk/desk.ts';
import { useDelegations } from '../people/use-delegations.ts';
import { BracketMenu } from './bracket-menu.tsx';
import { BracketPicker } from './bracket-picker.tsx';
import { bracketAt, quote } from './bracket-words.ts';
import { Floating, type Anchor } from './floating.tsx';
import { useEditorSelection } from './use-editor-selection.ts';

/** Props: the live copy and the paragraph. Rendered by the paragraph's editor, right after its text. */
export interface BracketControlsProps {
  live: LiveNegotiation;
  paragraphId: string;
}

type Open = { kind: 'picker'; words: string; from: number; to: number; anchor: Anchor } | { kind: 'menu'; bracketId: string; anchor: Anchor };

const noBrackets: readonly BracketSnapshot[] = [];

/** The controls; nothing unless this person is a facilitator (of a DocumentView's desk) and the paragraph is a numbered one. */
export function BracketControls({ live, paragraphId }: BracketControlsProps) {
  const desk = useContext(DeskContext);
  const kind = live.store.getParagraph(paragraphId)?.kind;
  if (!desk?.facilitator || kind !== ParagraphKind.paragraph) return null;
  return <FacilitatorBrackets live={live} paragraphId={paragraphId} token={desk.token} negotiationId={desk.negotiationId} />;
}

function FacilitatorBrackets({ live, paragraphId, token, negotiationId }: BracketControlsProps & { token: string | null; negotiationId: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const brackets = useSyncExternalStore(
    useCallback((listener: () => void) => live.store.subscribeParagraph(paragraphId, listener), [live, paragraphId]),
    () => live.store.getParagraph(paragraphId)?.brackets ?? noBrackets,
  );
  const delegations = useDelegations(live.doc);
  const selection = useEditorSelection(live, paragraphId, wrapper);
  const section = () => wrapper.current?.closest('section') ?? null;

  // Clicks on a bracket's "[", "]" or holders, in the static text or the editor, open its menu.
  useEffect(() => {
    const host = wrapper.current?.closest('section');
    if (!host) return;
    const onClick = (event: MouseEvent) => {
      const mark = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-bracket-id]') : null;
      if (!mark || !host.contains(mark)) return;
      setOpen({ kind: 'menu', bracketId: mark.dataset.bracketId as string, anchor: anchorOf(mark.getBoundingClientRect()) });
    };
    host.addEventListener('click', onClick);
    return () => host.removeEventListener('click', onClick);
  }, []);

  // The words being bracketed stay marked while the picker has the focus (the editor's selection is hidden).
  const picking = open?.kind === 'picker' ? open : null;
  useEffect(() => {
    if (!picking) return;
    const editor = editorIn(wrapper.current?.closest('section')?.querySelector('.ProseMirror') ?? null);
    if (!editor) return;
    setPendingBracket(editor.view, { from: picking.from, to: picking.to });
    return () => {
      if (!editor.isDestroyed) setPendingBracket(editor.view, null);
    };
  }, [picking]);

  // A press anywhere else closes what is open.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target && (wrapper.current?.contains(target) || target.closest('[data-bracket-id]'))) return;
      setOpen(null);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(null);
    if (!refocus) return;
    const view = section()?.querySelector<HTMLElement>('.ProseMirror');
    if (view?.isContentEditable) view.focus();
    else section()?.focus();
  };

  const send = async (command: Command): Promise<string | null> => {
    if (!token) return 'This page has no invitation token.';
    try {
      await sendCommand(negotiationId, token, command);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  const addBracket = async (from: number, to: number, holders: BracketHolder[], alternativeTo: string | undefined) => {
    const text = paragraphCharacters(live.doc, paragraphId);
    if (!text || to > characterString(text).length) return 'The words changed meanwhile: select them again.';
    const refusal = await send({ type: 'add-bracket', paragraphId, ...anchorRange(text, from, to), holders, ...(alternativeTo ? { alternativeTo } : {}) });
    if (refusal) return refusal;
    // The caret goes after the bracketed words: left selected, they would raise the toolbar again over the next line.
    const editor = editorIn(section()?.querySelector('.ProseMirror') ?? null);
    if (editor?.isEditable) {
      setOpen(null);
      editor.commands.focus(to + 1);
    } else close(true);
    return null;
  };

  const current = selection ? bracketAt(brackets, selection.from, selection.to) : null;
  const menuBracket = open?.kind === 'menu' ? brackets.find((b) => b.id === open.bracketId) : undefined;
  const showToolbar = !open && selection !== null && (selection.words !== '' || current !== null);

  return (
    <div ref={wrapper} className="bracket-controls">
      {showToolbar ? (
        <Floating anchor={selection.anchor} wrapper={wrapper} className="bracket-toolbar" role="toolbar" aria-label="Brackets" testId="bracket-toolbar">
          {selection.words !== '' ? (
            <button
              type="button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => setOpen({ kind: 'picker', words: selection.words, from: selection.from, to: selection.to, anchor: selection.anchor })}
              data-testid="bracket-start"
            >
              Bracket…
            </button>
          ) : null}
          {current ? (
            <button
              type="button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => setOpen({ kind: 'menu', bracketId: current.id, anchor: selection.anchor })}
              data-testid="bracket-edit"
            >
              Edit bracket {quote(current.text)}
            </button>
          ) : null}
        </Floating>
      ) : null}
      {open?.kind === 'picker' ? (
        <Floating anchor={open.anchor} wrapper={wrapper} className="bracket-floating">
          <BracketPicker
            words={open.words}
            brackets={brackets}
            delegations={delegations}
            onSubmit={(holders, alternativeTo) => addBracket(open.from, open.to, holders, alternativeTo)}
            onCancel={() => close(true)}
          />
        </Floating>
      ) : null}
      {open?.kind === 'menu' && menuBracket ? (
        <Floating anchor={open.anchor} wrapper={wrapper} className="bracket-floating">
          <BracketMenu key={menuBracket.id} bracket={menuBracket} brackets={brackets} delegations={delegations} send={send} onClose={() => close(true)} />
        </Floating>
      ) : null}
    </div>
  );
}

function anchorOf(rect: DOMRect): Anchor {
  return { left: rect.left, bottom: rect.bottom };
}
