/**
 * A proposal's words against the paragraph as it reads now, word by word (shared/amendments/format-diff.ts):
 * inserted words underlined in <ins>, deleted ones struck in <del>, both in the proposing delegation's
 * colour and labelled for screen readers, so the redline reads without colour too. Words kept but with other
 * formatting (italicised, bold removed) stand in a dashed box, with what changed said beside them, in their
 * title and to screen readers. Every piece is drawn with its italics and bold. A new paragraph reads as one
 * insertion; a deletion of the paragraph strikes it whole. Each piece names where it starts in the proposed
 * words (data-at), so a click on the redline can open the editor with the caret there.
 */
import { useDeferredValue, useMemo, type CSSProperties } from 'react';
import { markChange, markChangeWords, richWordDiff, type RichPiece } from '../../../shared/amendments/format-diff.ts';
import { PieceKind, wordDiff } from '../../../shared/amendments/word-diff.ts';
import { ProposalKind } from '../../../shared/model/proposal.ts';
import { plainText, type TextRun } from '../../../shared/model/text-run.ts';
import { holderColor } from '../../editor/bracket-markup.ts';
import './proposal-redline.css';

/** Props: the kind, the paragraph's plain text and (when its formatting is what the proposal was written on) its runs, the proposal's words as runs, and its delegation. */
export interface ProposalRedlineProps {
  kind: ProposalKind;
  current: string;
  currentRuns: readonly TextRun[] | null;
  proposed: readonly TextRun[];
  delegation: string;
}

/** The redline of one proposal as a paragraph of text. */
export function ProposalRedline({ kind, current, currentRuns, proposed, delegation }: ProposalRedlineProps) {
  // Typing arrives a keystroke at a time: the diff may lag a frame behind rather than slow the typing.
  const words = useDeferredValue(proposed);
  const pieces = useMemo(() => redlinePieces(kind, current, currentRuns, words), [kind, current, currentRuns, words]);
  const changed = pieces.some((piece) => piece.kind !== PieceKind.same);
  return (
    <p className="proposal-redline" style={{ '--proposer': holderColor(delegation) } as CSSProperties} data-testid="proposal-redline">
      {pieces.map((piece, index) => (
        <Piece key={index} piece={piece} />
      ))}
      {!changed && kind === ProposalKind.replaceText ? <span className="proposal-redline-note"> (no change yet)</span> : null}
    </p>
  );
}

function Piece({ piece }: { piece: RichPiece }) {
  const at = piece.after.start;
  const className = piece.marks.map((mark) => `redline-${mark}`).join(' ') || undefined;
  if (piece.kind === PieceKind.inserted || piece.kind === PieceKind.deleted) {
    // Spaces at a change's edges stand outside its underline or strike: " Kelp forests." reads as words added.
    const { lead, words, trail } = edgeSpaces(piece.text);
    const inserted = piece.kind === PieceKind.inserted;
    const Tag = inserted ? 'ins' : 'del';
    return (
      <>
        {lead}
        <Tag data-at={inserted ? at + lead.length : at} className={className}>
          <span className="visually-hidden">{inserted ? 'inserted' : 'deleted'}: </span>
          {words}
          <span className="visually-hidden"> (end of {inserted ? 'insertion' : 'deletion'}) </span>
        </Tag>
        {trail}
      </>
    );
  }
  if (piece.kind === PieceKind.reformatted) {
    const change = markChangeWords(markChange(piece));
    return (
      <span data-at={at} className={`proposal-reformatted${className ? ` ${className}` : ''}`} title={change} data-change={change} data-testid="proposal-reformatted">
        <span className="visually-hidden">formatting changed, {change}: </span>
        {piece.text}
        <span className="proposal-reformatted-note" aria-hidden="true">
          {change}
        </span>
        <span className="visually-hidden"> (end of formatting change) </span>
      </span>
    );
  }
  return (
    <span data-at={at} className={className}>
      {piece.text}
    </span>
  );
}

/** The pieces to draw for a proposal of `kind`; without the paragraph's runs, formatting is not compared (it would read every mark as a change). */
function redlinePieces(kind: ProposalKind, current: string, currentRuns: readonly TextRun[] | null, proposed: readonly TextRun[]): RichPiece[] {
  const paragraph = currentRuns ?? [{ text: current }];
  switch (kind) {
    case ProposalKind.replaceText:
      return currentRuns ? richWordDiff(currentRuns, proposed) : plainPieces(current, proposed);
    case ProposalKind.insertParagraph:
      return richWordDiff([], proposed);
    case ProposalKind.deleteParagraph:
      return richWordDiff(paragraph, []);
    default:
      return richWordDiff(proposed, proposed);
  }
}

// The word diff of the plain texts, each piece unmarked: the formatting the proposal was written on is unknown.
function plainPieces(current: string, proposed: readonly TextRun[]): RichPiece[] {
  return wordDiff(current, plainText(proposed)).map((piece) => ({ ...piece, marks: [] }));
}

/**
 * The character of the proposed words under the point (x, y) of a redline, or null when the point is not on
 * its words: the start of a struck piece (its words are not in the proposal), else the point's offset in its piece.
 */
export function redlineOffsetAt(x: number, y: number): number | null {
  const hit = caretAt(x, y);
  const piece = hit?.node.parentElement?.closest('[data-at]');
  if (!hit || !(piece instanceof HTMLElement) || !piece.closest('.proposal-redline')) return null;
  const at = Number(piece.dataset.at);
  if (!Number.isFinite(at)) return null;
  // The spoken labels ("inserted: ") sit in their own spans: a point on them is the piece's start.
  return piece.tagName === 'DEL' || hit.node.parentElement !== piece ? at : at + hit.offset;
}

function caretAt(x: number, y: number): { node: Node; offset: number } | null {
  if (typeof document.caretPositionFromPoint === 'function') {
    const position = document.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : null;
  }
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/** `text` as its leading spaces, the rest, and its trailing spaces; spaces alone stay the words. */
function edgeSpaces(text: string): { lead: string; words: string; trail: string } {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  if (!match || match[2] === '') return { lead: '', words: text, trail: '' };
  return { lead: match[1] as string, words: match[2] as string, trail: match[3] as string };
}
