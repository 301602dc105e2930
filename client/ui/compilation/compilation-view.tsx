/**
 * The compilation view: each paragraph's number and text, and under it its proposals in the conventional
 * form (`EU, NOR: replace "…" with "…" (supported by CHE; opposed by G77)`), identical ones joined, drawn
 * from the same shared function as the `format=compilation` export (shared/amendments/compilation-adapter.ts).
 * Open proposals by default; decided ones too, with their status, when asked. Static HTML: nobody edits here.
 */
import { useCallback, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { compilationEntry, type CompilationEntryLine } from '../../../shared/amendments/compilation-adapter.ts';
import { ParagraphKind, ParagraphStatus } from '../../../shared/model/paragraph.ts';
import { ProposalStatus } from '../../../shared/model/proposal.ts';
import { StaticParagraphText } from '../../editor/static-paragraph.tsx';
import type { LiveNegotiation } from '../../sync/live-negotiation.ts';
import type { DocumentStructure, ParagraphSlot } from '../../sync/negotiation-store.ts';
import { useDelegationNames } from '../brackets/delegation-names.ts';
import { searchRanges } from '../filters/document-filters.ts';
import { usePageToken } from '../people/page-token.ts';
import { exportAddress } from '../export-address.ts';
import { statusText } from '../status-label.tsx';
import { FloorLabel } from '../desk/floor-label.tsx';
import '../styles/compilation.css';

/** Props: the live copy, the structure, the paragraphs shown (null: all), the search to mark, and whether decided proposals are listed. */
export interface CompilationViewProps {
  live: LiveNegotiation;
  structure: DocumentStructure;
  visible: ReadonlySet<string> | null;
  search: string;
  decided: boolean;
  onDecided: (value: boolean) => void;
}

/** The compilation of the whole text (or of the paragraphs the filters let through). */
export function CompilationView({ live, structure, visible, search, decided, onDecided }: CompilationViewProps) {
  const proposals = useSyncExternalStore(live.proposals.subscribe, live.proposals.getAll);
  const open = proposals.filter((proposal) => proposal.status === ProposalStatus.pending);
  const paragraphs = new Set(open.map((proposal) => proposal.paragraphId ?? proposal.afterParagraphId));
  const token = usePageToken();
  const negotiationId = live.provider.roomname;
  const exportUrl = exportAddress(negotiationId, 'compilation', token, decided ? ['all'] : []);
  return (
    <div className="compilation-view" data-testid="compilation-view">
      <div className="compilation-note">
        <p role="status" data-testid="compilation-summary">
          Compilation: the proposals under each paragraph, identical ones joined.{' '}
          {open.length === 0
            ? 'No open proposals.'
            : `${open.length} open proposal${open.length === 1 ? '' : 's'} on ${paragraphs.size} paragraph${paragraphs.size === 1 ? '' : 's'}.`}
        </p>
        <p className="compilation-options">
          <label className="doc-toggle">
            <input type="checkbox" checked={decided} onChange={(event) => onDecided(event.target.checked)} data-testid="compilation-decided" />
            Include decided proposals
          </label>
          <a href={exportUrl} target="_blank" rel="noopener" data-testid="compilation-export">
            Export as text
          </a>
        </p>
      </div>
      {structure.slots.map((slot) =>
        visible === null || visible.has(slot.id) ? <CompilationBlock key={slot.id} live={live} slot={slot} search={search} decided={decided} onFloor={structure.floor === slot.id} /> : null,
      )}
    </div>
  );
}

/** One paragraph of the compilation, re-read only when the paragraph or its proposals change. */
function CompilationBlock({ live, slot, search, decided, onFloor }: { live: LiveNegotiation; slot: ParagraphSlot; search: string; decided: boolean; onFloor: boolean }) {
  const paragraph = useSyncExternalStore(
    useCallback((listener: () => void) => live.store.subscribeParagraph(slot.id, listener), [live, slot.id]),
    () => live.store.getParagraph(slot.id),
  );
  const proposals = useSyncExternalStore(
    useCallback((listener: () => void) => live.proposals.subscribeParagraph(slot.id, listener), [live, slot.id]),
    () => live.proposals.forParagraph(slot.id),
  );
  const names = useDelegationNames(live.doc);
  const entry = useMemo(
    () => (paragraph ? compilationEntry({ ...paragraph, number: slot.number }, proposals, { all: decided }) : null),
    [paragraph, proposals, slot.number, decided],
  );
  if (!paragraph || !entry) return null;
  const text = <StaticParagraphText runs={paragraph.runs} source={paragraph.source} brackets={paragraph.brackets} names={names} />;
  const lines = entry.lines.length > 0 ? <CompilationLines lines={entry.lines} search={search} /> : null;
  if (paragraph.kind === ParagraphKind.heading) {
    return (
      <section className="compilation-block" data-compilation-paragraph-id={slot.id}>
        <div className={`para para--heading${onFloor ? ' para--floor' : ''}`}>
          <h2 className="para-heading">
            <div className="para-host">{text}</div>
          </h2>
          {onFloor ? <FloorLabel /> : null}
        </div>
        {lines}
      </section>
    );
  }
  return (
    <section className="compilation-block" data-compilation-paragraph={slot.number ?? undefined} data-compilation-paragraph-id={slot.id}>
      <div className={`para para--paragraph${onFloor ? ' para--floor' : ''}`}>
        <div className="para-number">{slot.number}.</div>
        <div className="para-host">{text}</div>
        {onFloor ? <FloorLabel /> : null}
      </div>
      {paragraph.status === ParagraphStatus.pending ? null : (
        <p className={`compilation-status compilation-status--${paragraph.status}`}>
          {statusText(paragraph.status)}
          {paragraph.statusNote ? ` (${paragraph.statusNote})` : ''}
        </p>
      )}
      {lines}
    </section>
  );
}

/** The lines under a paragraph; each reads exactly as the export writes it, the delegations set apart, the search marked. */
function CompilationLines({ lines, search }: { lines: readonly CompilationEntryLine[]; search: string }) {
  return (
    <ul className="compilation-lines" aria-label="Proposals">
      {lines.map((line, i) => {
        const who = line.delegations.join(', ');
        const found = searchRanges(line.text, search);
        return (
          <li key={i} className={`compilation-line compilation-line--${line.status}`} data-testid="compilation-line">
            <span className="compilation-who">{marked(line.text, 0, who.length, found)}</span>
            {marked(line.text, who.length, line.text.length, found)}
          </li>
        );
      })}
    </ul>
  );
}

// `text` from `from` to `to`, with the parts inside `ranges` in <mark>.
function marked(text: string, from: number, to: number, ranges: readonly [number, number][]): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (a >= b) continue;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={a}>{text.slice(a, b)}</mark>);
    at = b;
  }
  if (at < to) parts.push(text.slice(at, to));
  return parts;
}
