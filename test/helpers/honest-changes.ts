/**
 * Changes each role may make, as its page would make them (in a client's copy, captured as the update the
 * copy emits): the starting points that the update fuzzer mutates into forbidden or tricky ones. Decisions
 * (a paragraph's status, kind, place in the order, its creation or removal, the round, the floor, brackets)
 * are commands the server applies, never raw updates, so no page makes them here; and no page types into a
 * paragraph that is agreed or agreed ad ref, or proposes on one.
 */
import * as Y from 'yjs';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getMeta, getParagraphs, getParagraphText, paragraphStatusOf, readOrder } from '../../shared/model/negotiation-doc.ts';
import { lockedStatuses } from '../../shared/model/paragraph.ts';
import { writeRuns } from '../../shared/model/paragraph-fragment.ts';
import { addProposal, getProposals, MarkKind, ProposalKind, ProposalStatus, setMark } from '../../shared/model/proposal.ts';
import type { Rng } from './fuzz-random.ts';
import { clientCopy, paragraphXmlText, worldDelegations, type FuzzActor } from './fuzz-world.ts';
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

function newProposal(d: Y.Doc, code: string, rng: Rng): string {
  const ids = paragraphIds(d);
  const open = openParagraphIds(d);
  const insert = rng.chance(0.3) || open.length === 0;
  const kinds = Object.values(ProposalKind).filter((k) => k !== ProposalKind.insertParagraph);
  return addProposal(d, {
    paragraphId: insert ? null : rng.pick(open), afterParagraphId: insert ? rng.pick(ids) : null, delegation: code,
    kind: insert ? ProposalKind.insertParagraph : rng.pick(kinds), text: sentence(rng), basedOn: sentence(rng), rationale: rng.chance(0.5) ? sentence(rng) : '',
  }, `r${rng.word(10, 10)}`);
}

function facilitatorChanges(d: Y.Doc, rng: Rng): Change[] {
  const open = openParagraphIds(d);
  const id = rng.pick(open.length > 0 ? open : paragraphIds(d));
  const text = paragraphXmlText(d, id);
  const codes = [...getDelegations(d).keys()];
  const proposals = proposalIds(d);
  const changes: Change[] = [
    ['edit a source annotation', (c) => getParagraphs(c).get(id)?.set('source', rng.chance(0.3) ? '' : `based on ${sentence(rng)}`)],
    ['edit footnotes', (c) => getParagraphs(c).get(id)?.set('footnotes', rng.chance(0.3) ? [] : [{ marker: '1', text: sentence(rng) }])],
    ['rewrite a paragraph', (c) => writeRuns(getParagraphText(c, id) as Y.XmlFragment, [{ text: sentence(rng) }, { text: ' emphasis', marks: ['italic'] }])],
    ['change the title', (c) => getMeta(c).set('title', sentence(rng))],
    ['change the title block', (c) => getMeta(c).set('titleBlock', [sentence(rng), 'Rev.1'])],
    ['add a delegation', (c) => getDelegations(c).set(rng.pick(['MEX', 'IND', 'AU', 'G77', 'KEN']), { name: sentence(rng).slice(0, 100) || 'Name' })],
    ['create a proposal for a delegation', (c) => void newProposal(c, rng.pick(codes), rng)],
    ['set any delegation\'s mark', (c) => void setMark(c, rng.pick(proposals), rng.pick(codes), rng.pick([MarkKind.support, MarkKind.object, null]))],
  ];
  if (codes.length > 3) changes.push(['remove a delegation', (c) => getDelegations(c).delete(rng.pick(codes.filter((code) => !worldDelegations.slice(0, 3).some(([k]) => k === code))) ?? 'BRA')]);
  if (proposals.length > 0) {
    changes.push(['decide on a proposal', (c) => getProposals(c).get(rng.pick(proposals))?.set('status', rng.pick(Object.values(ProposalStatus)))]);
    changes.push(['delete a proposal', (c) => getProposals(c).delete(rng.pick(proposals))]);
  }
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
  const ownPending = proposalIds(d, (p) => p.get('delegation') === code && p.get('status') === ProposalStatus.pending);
  const all = proposalIds(d);
  const changes: Change[] = [['create its own proposal', (c) => void newProposal(c, code, rng)]];
  if (all.length > 0) {
    changes.push(['set its own mark', (c) => void setMark(c, rng.pick(all), code, rng.pick([MarkKind.support, MarkKind.object]))]);
    changes.push(['remove its own mark', (c) => void setMark(c, rng.pick(all), code, null)]);
  }
  if (ownPending.length > 0) {
    const id = rng.pick(ownPending);
    const field = rng.pick(['text', 'basedOn', 'rationale', 'kind', 'paragraphId', 'updatedAt'] as const);
    changes.push(['edit its own pending proposal', (c) => {
      const proposal = getProposals(c).get(id);
      if (field === 'kind') proposal?.set('kind', rng.pick([ProposalKind.replaceText, ProposalKind.retain, ProposalKind.comment]));
      else if (field === 'paragraphId') proposal?.set('paragraphId', rng.pick(openParagraphIds(c).length > 0 ? openParagraphIds(c) : paragraphIds(c)));
      else if (field === 'updatedAt') proposal?.set('updatedAt', new Date(Date.UTC(2022, 4, rng.int(1, 28))).toISOString());
      else proposal?.set(field, sentence(rng));
      if (field !== 'updatedAt') proposal?.set('updatedAt', new Date().toISOString());
    }]);
    changes.push(['withdraw its own proposal', (c) => getProposals(c).get(id)?.set('status', ProposalStatus.withdrawn)]);
  }
  return changes;
}
