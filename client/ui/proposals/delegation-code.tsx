/**
 * A delegation's code as a small chip in its colour (the colour its bracket holders and carets have), with
 * its full name on hover and on focus (click or tap), read by screen readers as the name.
 */
import type { CSSProperties } from 'react';
import { holderColor, type DelegationNames } from '../../editor/bracket-markup.ts';

/** Props: the code, the names by code, and an optional stronger look for the proposer. */
export interface DelegationCodeProps {
  code: string;
  names: DelegationNames;
  strong?: boolean;
}

/** One delegation's code chip. */
export function DelegationCode({ code, names, strong = false }: DelegationCodeProps) {
  const name = names.get(code) ?? code;
  return (
    <span
      className={`proposal-code${strong ? ' proposal-code--strong' : ''}`}
      style={{ '--delegation': holderColor(code) } as CSSProperties}
      data-name={name}
      data-delegation={code}
      tabIndex={-1}
    >
      <span aria-hidden="true">{code}</span>
      <span className="visually-hidden">{name}</span>
    </span>
  );
}

/** Props: the codes, the names by code, and the words before them ("supported by"). */
export interface DelegationCodesProps {
  codes: readonly string[];
  names: DelegationNames;
  label: string;
  testId: string;
}

/** "supported by EU G77" as chips; nothing when there are no codes. */
export function DelegationCodes({ codes, names, label, testId }: DelegationCodesProps) {
  if (codes.length === 0) return null;
  return (
    <span className="proposal-reactions-list" data-testid={testId}>
      <span className="proposal-reactions-label">{label}</span>
      {codes.map((code) => (
        <DelegationCode key={code} code={code} names={names} />
      ))}
    </span>
  );
}
