/**
 * A word redline drawn for people: inserted words underlined in <ins>, deleted ones struck through in
 * <del>, each also tinted, so it reads without colour; screen readers hear "inserted" and "deleted" around
 * them (ins and del themselves are not announced by most).
 */
import { useMemo } from 'react';
import { condenseRedline, RedlineKind, wordRedline } from '../../../shared/activity/word-redline.ts';

/** Props: the paragraph's text before and after, and whether long unchanged stretches are cut to their edges. */
export interface RedlineTextProps {
  before: string;
  after: string;
  condensed?: boolean;
}

/** The redline as one paragraph of text. */
export function RedlineText({ before, after, condensed = false }: RedlineTextProps) {
  const parts = useMemo(() => {
    const full = wordRedline(before, after);
    return condensed ? condenseRedline(full) : full;
  }, [before, after, condensed]);
  return (
    <p className="redline" data-testid="redline">
      {parts.map((part, index) => {
        if (part.kind === RedlineKind.inserted) {
          return (
            <ins key={index}>
              <span className="visually-hidden">inserted: </span>
              {part.text}
              <span className="visually-hidden"> (end of insertion) </span>
            </ins>
          );
        }
        if (part.kind === RedlineKind.deleted) {
          return (
            <del key={index}>
              <span className="visually-hidden">deleted: </span>
              {part.text}
              <span className="visually-hidden"> (end of deletion) </span>
            </del>
          );
        }
        return <span key={index}>{part.text}</span>;
      })}
    </p>
  );
}
