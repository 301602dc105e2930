/**
 * The document an update fuzzer judges against: the real zero draft (or a stand-in from test/fixtures when it
 * is absent) with delegations, proposals in every status, reactions, and history (deleted text, replaced
 * values, a deleted proposal and paragraph); the typing (paragraph text, proposals' words and rationales)
 * written by separate clients as a real negotiation would be; decisions (proposals and their statuses and
 * reactions, paragraph statuses with a note, a move, a removed paragraph, the floor, the title, bracket
 * records) written by the server itself, as it applies commands, and some paragraphs agreed (locked against
 * edits). Also the
 * actors, the client ids each may write under (as the server binds them), and a client's copy of the document.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { importText } from '../../shared/import-text.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { anchorRange, getBrackets, type BracketRecord } from '../../shared/model/bracket.ts';
import type { RelativePositionJson } from '../../shared/protocol/presence.ts';
import { getMeta, getOrder, getParagraphs, getParagraphText, populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposals, getProposalText, ProposalField, ProposalKind, ProposalStatus, writeProposal, type Reaction } from '../../shared/model/proposal.ts';
import type { Actor } from '../../shared/permissions/check-update.ts';
import { captureUpdate } from './raw-client.ts';

const realDraft = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);
const standIn = new URL('../fixtures/numbered-draft-bis.txt', import.meta.url);

/** Which draft the world is built from: the real IMRF zero draft, or the stand-in when it is absent. */
export const draftSource: { name: string; text: string } = existsSync(realDraft)
  ? { name: 'the IMRF zero draft (57 paragraphs)', text: readFileSync(realDraft, 'utf8') }
  : { name: 'the stand-in test/fixtures/numbered-draft-bis.txt (IMRF fixture absent)', text: readFileSync(standIn, 'utf8') };

/** Someone who sends updates, with the client ids their invitation owns. */
export interface FuzzActor {
  label: string;
  actor: Actor;
  clientIds: number[];
}

/** The delegations of the world; the first three have invitations in the fuzzer. */
export const worldDelegations: [code: string, name: string][] = [
  ['KEN', 'Kenya'], ['EU', 'European Union'], ['G77', 'G77 and China'], ['BRA', 'Brazil'], ['CARICOM', 'Caribbean Community'],
];

/** Everybody who sends updates in the fuzzer. */
export const fuzzActors: FuzzActor[] = [
  { label: 'facilitator', actor: { role: 'facilitator', delegation: null }, clientIds: [1001, 1002] },
  { label: 'KEN', actor: { role: 'delegation', delegation: 'KEN' }, clientIds: [2001, 2002] },
  { label: 'EU', actor: { role: 'delegation', delegation: 'EU' }, clientIds: [3001] },
  { label: 'G77', actor: { role: 'delegation', delegation: 'G77' }, clientIds: [4001] },
  { label: 'observer', actor: { role: 'observer', delegation: null }, clientIds: [5001] },
];

/** The client id the server's own document uses (the importer writes under it). */
export const serverClientId = 1;

/**
 * What the server lets `who` write under: the ids its invitation owns, or an id nobody owns that the
 * document has never seen (server/rooms/room.ts mayUseClientId).
 */
export function mayWriteAsFor(doc: Y.Doc, who: FuzzActor): (clientId: number) => boolean {
  const owned = new Set(fuzzActors.flatMap((a) => a.clientIds));
  return (clientId) => who.clientIds.includes(clientId) || (!owned.has(clientId) && clientId !== serverClientId && Y.getState(doc.store, clientId) === 0);
}

/** A client's copy of `doc` writing under `clientId`. */
export function clientCopy(doc: Y.Doc, clientId: number, state: Uint8Array = Y.encodeStateAsUpdate(doc)): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, state);
  // Set after loading: Yjs gives a document a new id when a remote update carries structs of its own id.
  copy.clientID = clientId;
  return copy;
}

/** Makes `change` as client `clientId` on a copy and applies the update to `doc`, as the server would. */
export function actAs(doc: Y.Doc, clientId: number, change: (copy: Y.Doc) => void): Uint8Array {
  const update = captureUpdate(clientCopy(doc, clientId), change);
  Y.applyUpdate(doc, update);
  return update;
}

/** The XmlText of a paragraph's single block. */
export function paragraphXmlText(doc: Y.Doc, id: string): Y.XmlText | null {
  const element = getParagraphText(doc, id)?.get(0);
  const text = element instanceof Y.XmlElement ? element.get(0) : null;
  return text instanceof Y.XmlText ? text : null;
}

/** The XmlText of a proposal's single block (its words). */
export function proposalXmlText(doc: Y.Doc, id: string): Y.XmlText | null {
  const element = getProposalText(doc, id)?.get(0);
  const text = element instanceof Y.XmlElement ? element.get(0) : null;
  return text instanceof Y.XmlText ? text : null;
}

/** Builds the world's document: the draft, delegations, proposals with reactions and statuses, and history. */
export function buildWorld(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = serverClientId;
  populateNegotiation(doc, importText(draftSource.text));
  const ids = readOrder(doc);
  const at = (i: number) => ids[i % ids.length] as string;
  const [fac, fac2] = [1001, 1002];
  actAs(doc, fac, (d) => {
    for (const [code, name] of worldDelegations) getDelegations(d).set(code, { name });
  });
  // Decisions, as the server applies commands (under its own client id).
  const decide = (change: () => void) => doc.transact(change);
  const made: Record<string, string[]> = {};
  const kinds = Object.values(ProposalKind);
  worldDelegations.slice(0, 4).forEach(([code], n) => {
    made[code] = [];
    for (let i = 0; i < 3; i++) {
      const insert = i === 2;
      const id = `r${code.toLowerCase()}${i}`;
      made[code]?.push(id);
      decide(() => writeProposal(doc, id, {
        paragraphId: insert ? null : at(3 + n * 5 + i), afterParagraphId: insert ? at(4 + n * 5) : null, delegation: code,
        kind: insert ? ProposalKind.insertParagraph : (kinds[(n + i) % kinds.length] as ProposalKind),
        runs: [{ text: `${code} proposes words ${i}` }], basedOn: 'the zero draft', baseMarks: [], rationale: i === 1 ? 'clarity' : '',
        createdAt: new Date(Date.UTC(2022, 3, 1 + i)).toISOString(),
      }));
    }
  });
  const [ken, eu, g77] = [made.KEN ?? [], made.EU ?? [], made.G77 ?? []];
  const react = (id: string | undefined, code: string, reaction: Reaction | null) => decide(() => {
    const reactions = getProposals(doc).get(id ?? '')?.get(ProposalField.reactions);
    if (!(reactions instanceof Y.Map)) return;
    if (reaction === null) reactions.delete(code);
    else reactions.set(code, reaction);
  });
  const setStatus = (id: string | undefined, status: ProposalStatus) => decide(() => getProposals(doc).get(id ?? '')?.set(ProposalField.status, status));
  // Reactions of each delegation, some changed twice (older values stay in the map entry's history).
  react(eu[0], 'KEN', 'support');
  react(eu[0], 'KEN', 'oppose');
  react(ken[0], 'EU', 'oppose');
  react(ken[0], 'G77', 'support');
  react(eu[1], 'G77', 'support');
  react(eu[1], 'G77', null);
  // KEN's people rewrite its pending proposal's words and rationale; decisions on others.
  for (const words of ['first draft ', 'second draft ', 'third draft ']) {
    actAs(doc, 2002, (d) => {
      const text = proposalXmlText(d, ken[0] as string);
      text?.delete(0, Math.min(6, text.length));
      text?.insert(0, words);
    });
  }
  actAs(doc, 2001, (d) => proposalXmlText(d, ken[0] as string)?.format(0, 5, { italic: {} }));
  actAs(doc, 2001, (d) => getProposals(d).get(ken[0] as string)?.set(ProposalField.rationale, 'consistency with the 2018 text'));
  actAs(doc, 3001, (d) => proposalXmlText(d, eu[1] as string)?.insert(0, 'EU rewords: '));
  setStatus(ken[1], ProposalStatus.withdrawn);
  setStatus(eu[0], ProposalStatus.accepted);
  setStatus(g77[0], ProposalStatus.rejected);
  setStatus(eu[2], ProposalStatus.acceptedIntoBrackets);
  decide(() => getProposals(doc).delete(g77[1] as string));
  // Text history: deletions, formatting, statuses, a title change, a move, a deleted paragraph.
  for (let i = 0; i < 8; i++) {
    actAs(doc, i % 2 ? fac : fac2, (d) => {
      const text = paragraphXmlText(d, at(10 + i * 3));
      if (!text || text.length < 40) return;
      text.delete(5 + i, 3 + i);
      text.insert(20, `amended ${i} `);
      text.format(2, 6, { bold: {} });
    });
  }
  decide(() => getMeta(doc).set('title', `${String(getMeta(doc).get('title'))} (rev)`));
  // More decisions: statuses (one reopened), a move, a removed paragraph, the floor, brackets (one lifted).
  [1, 2, 3, 4].forEach((i) => decide(() => {
    const paragraph = getParagraphs(doc).get(at(i * 7));
    paragraph?.set('status', i === 1 ? 'agreed' : 'agreed-ad-ref');
    paragraph?.set('statusNote', i === 1 ? '' : 'pending confirmation from capital');
  }));
  decide(() => getParagraphs(doc).get(at(28))?.set('status', 'pending'));
  decide(() => getParagraphs(doc).get(at(28))?.set('statusNote', ''));
  decide(() => {
    const order = getOrder(doc);
    const moved = order.get(order.length - 1);
    order.delete(order.length - 1, 1);
    order.insert(2, [moved]);
  });
  const unused = readOrder(doc).filter((id) => ![...getProposals(doc).values()].some((p) => p.get('paragraphId') === id || p.get('afterParagraphId') === id));
  const gone = unused[unused.length - 1] as string;
  decide(() => {
    getParagraphs(doc).delete(gone);
    getOrder(doc).delete(getOrder(doc).toArray().indexOf(gone), 1);
  });
  decide(() => getMeta(doc).set('floor', at(5)));
  decide(() => getMeta(doc).set('floor', at(6)));
  for (const [n, key] of [[10, 'bworld1'], [13, 'bworld2'], [16, 'bworld3']] as const) {
    const text = paragraphXmlText(doc, at(n));
    if (!text || text.length < 12) continue;
    const { start, end } = anchorRange(text, 2, 10);
    const record: BracketRecord = { paragraphId: at(n), start: plainPosition(start), end: plainPosition(end), holders: [{ delegation: 'KEN', stance: 'propose' }, { delegation: 'EU', stance: 'delete' }], group: null, createdAt: '2022-04-02T10:00:00.000Z' };
    decide(() => getBrackets(doc).set(key, record));
  }
  decide(() => getBrackets(doc).delete('bworld3'));
  return doc;
}

/**
 * A relative position as stored JSON: every key present (Y.relativePositionToJSON leaves out absent ones)
 * and plain objects (it hands back Yjs's ID instances, which a decoded copy reads as plain objects).
 */
export function plainPosition(position: RelativePositionJson): RelativePositionJson {
  const { type = null, tname = null, item = null, assoc } = JSON.parse(JSON.stringify(position)) as Partial<RelativePositionJson>;
  return { type, tname, item, assoc: assoc ?? 0 } as RelativePositionJson;
}
