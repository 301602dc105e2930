/**
 * Changes each role may make, as its page would make them (in a client's copy, captured as the update the
 * copy emits): the starting points that the update fuzzer mutates into forbidden or tricky ones. Decisions
 * (a paragraph's status, kind, place in the order, its creation or removal, the round, the floor, brackets,
 * the title, source annotations and footnotes; a proposal's creation, status and reactions) are commands the
 * server applies, never raw updates, so no page makes them here; no page types into a paragraph that is
 * agreed or agreed ad ref, or into a proposal that is decided. What is typed raw: paragraph text
 * (facilitators), and the words and rationale of pending proposals (a delegation its own, facilitators any).
 */
import * as Y from 'yjs';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getParagraphText, paragraphStatusOf, readOrder } from '../../shared/model/negotiation-doc.ts';
import { lockedStatuses } from '../../shared/model/paragraph.ts';
import { writeRuns } from '../../shared/model/paragraph-fragment.ts';
import { getProposals, getProposalText, ProposalField, ProposalStatus } from '../../shared/model/proposal.ts';
import type { Rng } from './fuzz-random.ts';
import { clientCopy, paragraphXmlText, proposalXmlText, worldDelegations, type FuzzActor } from './fuzz-world.ts';
import { captureUpdate } from './raw-client.ts';

/** An honest change: what it is, and the update it makes. */
export interface HonestChange {
  name: string;
  update: Uint8Array;
}

type Change = [name: string, make: (d: Y.Doc) => void];

/**
 * One to three honest changes of `who` on a copy of `doc` (whose encoded state is `state`), sent as one
 * update: either the update of one transaction, or several transactions merged (a page back from offline).
 */
export function honestChange(doc: Y.Doc, state: Uint8Array, who: FuzzActor, rng: Rng): HonestChange {
  const role = who.actor.role;
  if (role === 'observer') return observerMessage(doc, state, who, rng);
  const copy = clientCopy(doc, rng.pick(who.clientIds), state);
  const count = rng.weighted([[6, 1], [2, 2], [1, 3]] as const);
  const names: string[] = [];
  const updates: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const options = role === 'facilitator' ? facilitatorChanges(copy, rng) : delegationChanges(copy, who.actor.delegation ?? '', rng);
    const [name, make] = rng.pick(options);
    names.push(name);
    updates.push(captureUpdate(copy, make));
  }
  const offline = count > 1 && rng.chance(0.5);
  const update = offline ? Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc)) : Y.mergeUpdates(updates);
  return { name: `${who.label}: ${names.join(' + ')}${offline ? ' (as a sync step 2)' : ''}`, update };
}

function observerMessage(doc: Y.Doc, state: Uint8Array, who: FuzzActor, rng: Rng): HonestChange {
  const copy = clientCopy(doc, who.clientIds[0] as number, state);
  return rng.pick<() => HonestChange>([
    () => ({ name: 'observer: sync step 2 (nothing new)', update: Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc)) }),
    () => ({ name: 'observer: sync step 2 of the whole document', update: Y.encodeStateAsUpdate(copy) }),
    () => ({ name: 'observer: empty update', update: Y.encodeStateAsUpdate(new Y.Doc()) }),
  ])();
}

function paragraphIds(d: Y.Doc): string[] {
  return readOrder(d);
}

/** The paragraphs a page lets a person edit or propose on: those neither agreed nor agreed ad ref. */
function openParagraphIds(d: Y.Doc): string[] {
  return readOrder(d).filter((id) => {
    const status = paragraphStatusOf(d, id);
    return status !== undefined && !lockedStatuses.has(status);
  });
}

function proposalIds(d: Y.Doc, filter: (p: Y.Map<unknown>) => boolean = () => true): string[] {
  return [...getProposals(d).entries()].filter(([, p]) => filter(p)).map(([id]) => id);
}

function sentence(rng: Rng): string {
  return Array.from({ length: rng.int(1, 12) }, () => rng.word()).join(' ');
}

/** Typing into a pending proposal's words or rationale, as its editor does. */
function proposalEdits(d: Y.Doc, id: string, rng: Rng, whose: string): Change[] {
  const text = proposalXmlText(d, id);
  const changes: Change[] = [
    [`edit the rationale of ${whose} pending proposal`, (c) => getProposals(c).get(id)?.set(ProposalField.rationale, rng.chance(0.2) ? '' : sentence(rng))],
    [`rewrite ${whose} pending proposal`, (c) => writeRuns(getProposalText(c, id) as Y.XmlFragment, [{ text: sentence(rng) }, { text: ' stress', marks: ['bold'] }])],
  ];
  if (!text) return changes;
  changes.push([`type into ${whose} pending proposal`, (c) => proposalXmlText(c, id)?.insert(rng.int(0, text.length), ` ${rng.word(1, 8)}`, rng.chance(0.2) ? { italic: {} } : undefined)]);
  if (text.length > 2) {
    const at = rng.int(0, text.length - 1);
    const len = rng.int(1, Math.min(20, text.length - at));
    changes.push([`delete words of ${whose} pending proposal`, (c) => proposalXmlText(c, id)?.delete(at, len)]);
    changes.push([`format words of ${whose} pending proposal`, (c) => proposalXmlText(c, id)?.format(at, len, { [rng.pick(['bold', 'italic'])]: rng.chance(0.8) ? {} : null })]);
  }
  return changes;
}

function facilitatorChanges(d: Y.Doc, rng: Rng): Change[] {
  const open = openParagraphIds(d);
  const id = rng.pick(open.length > 0 ? open : paragraphIds(d));
  const text = paragraphXmlText(d, id);
  const codes = [...getDelegations(d).keys()];
  const pending = proposalIds(d, (p) => p.get(ProposalField.status) === ProposalStatus.pending);
  const changes: Change[] = [
    ['rewrite a paragraph', (c) => writeRuns(getParagraphText(c, id) as Y.XmlFragment, [{ text: sentence(rng) }, { text: ' emphasis', marks: ['italic'] }])],
    ['add a delegation', (c) => getDelegations(c).set(rng.pick(['MEX', 'IND', 'AU', 'G77', 'KEN']), { name: sentence(rng).slice(0, 100) || 'Name' })],
  ];
  if (codes.length > 3) changes.push(['remove a delegation', (c) => getDelegations(c).delete(rng.pick(codes.filter((code) => !worldDelegations.slice(0, 3).some(([k]) => k === code))) ?? 'BRA')]);
  // On behalf of a delegation: any pending proposal.
  if (pending.length > 0) changes.push(...proposalEdits(d, rng.pick(pending), rng, 'a delegation\'s'));
  if (text && text.length > 2) {
    const at = rng.int(0, text.length - 1);
    const len = rng.int(1, Math.min(40, text.length - at));
    changes.push(['type', (c) => paragraphXmlText(c, id)?.insert(rng.int(0, text.length), rng.word(1, 3), rng.chance(0.2) ? { bold: {} } : undefined)]);
    changes.push(['type a sentence', (c) => paragraphXmlText(c, id)?.insert(rng.int(0, text.length), ` ${sentence(rng)}`)]);
    changes.push(['delete words', (c) => paragraphXmlText(c, id)?.delete(at, len)]);
    changes.push(['format words', (c) => paragraphXmlText(c, id)?.format(at, len, { [rng.pick(['bold', 'italic'])]: rng.chance(0.8) ? {} : null })]);
    changes.push(['insert brackets', (c) => paragraphXmlText(c, id)?.insert(at, `[${rng.word()}] `)]);
  }
  return changes;
}

function delegationChanges(d: Y.Doc, code: string, rng: Rng): Change[] {
  const ownPending = proposalIds(d, (p) => p.get(ProposalField.delegation) === code && p.get(ProposalField.status) === ProposalStatus.pending);
  // A delegation with nothing pending types nothing: its page only answers a sync.
  if (ownPending.length === 0) return [['answer a sync (nothing new)', () => undefined]];
  return proposalEdits(d, rng.pick(ownPending), rng, 'its own');
}
