/**
 * A proposal's words against the paragraph as it reads now, word by word (shared/amendments/word-diff.ts):
 * inserted words underlined in <ins>, deleted ones struck in <del>, both in the proposing delegation's
 * colour and labelled for screen readers, so the redline reads without colour too. A new paragraph reads
 * as one insertion; a deletion of the paragraph strikes it whole. Each piece names where it starts in the
 * proposed words (data-at), so a click on the redline can open the editor with the caret there.
 */
import { useDeferredValue, useMemo, type CSSProperties } from 'react';
import { PieceKind, wordDiff, type DiffPiece } from '../../../shared/amendments/word-diff.ts';
import { ProposalKind } from '../../../shared/model/proposal.ts';
import { holderColor } from '../../editor/bracket-markup.ts';

/** Props: the kind, the paragraph's current plain text, the proposal's words and its delegation. */
export interface ProposalRedlineProps {
  kind: ProposalKind;
  current: string;
  proposed: string;
  delegation: string;
}

/** The redline of one proposal as a paragraph of text. */
export function ProposalRedline({ kind, current, proposed, delegation }: ProposalRedlineProps) {
  // Typing arrives a keystroke at a time: the diff may lag a frame behind rather than slow the typing.
  const words = useDeferredValue(proposed);
  const pieces = useMemo(() => redlinePieces(kind, current, words), [kind, current, words]);
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

function Piece({ piece }: { piece: DiffPiece }) {
  const at = piece.after.start;
  if (piece.kind === PieceKind.inserted) {
    return (
      <ins data-at={at}>
        <span className="visually-hidden">inserted: </span>
        {piece.text}
        <span className="visually-hidden"> (end of insertion) </span>
      </ins>
    );
  }
  if (piece.kind === PieceKind.deleted) {
    return (
      <del data-at={at}>
        <span className="visually-hidden">deleted: </span>
        {piece.text}
        <span className="visually-hidden"> (end of deletion) </span>
      </del>
    );
  }
  return <span data-at={at}>{piece.text}</span>;
}

const empty = { start: 0, end: 0 };

/** The pieces to draw for a proposal of `kind`. */
function redlinePieces(kind: ProposalKind, current: string, proposed: string): DiffPiece[] {
  switch (kind) {
    case ProposalKind.replaceText:
      return wordDiff(current, proposed);
    case ProposalKind.insertParagraph:
      return proposed === '' ? [] : [{ kind: PieceKind.inserted, text: proposed, before: empty, after: { start: 0, end: proposed.length } }];
    case ProposalKind.deleteParagraph:
      return [{ kind: PieceKind.deleted, text: current, before: { start: 0, end: current.length }, after: empty }];
    default:
      return proposed === '' ? [] : [{ kind: PieceKind.same, text: proposed, before: empty, after: { start: 0, end: proposed.length } }];
  }
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
