/**
 * checkUpdate on in-memory documents, no server: the permission table of DOMAIN.md row by row, the editor
 * schema, client ids, and the ways an update can be built to be judged in one place and land in another.
 * Proposals are tabled, decided and reacted to by commands; raw, a delegation only types the words and the
 * rationale of its own pending proposals, and a facilitator those of any pending proposal.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors.ts';
import { importText } from '../../shared/import-text.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { anchorRange, getBrackets, paragraphCharacters, type BracketRecord } from '../../shared/model/bracket.ts';
import {
  addParagraphMap,
  getMeta,
  getOrder,
  getParagraphs,
  getParagraphText,
  populateNegotiation,
  readNegotiation,
  readOrder,
} from '../../shared/model/negotiation-doc.ts';
import { paragraphSchema } from '../../shared/model/editor-schema.ts';
import { ParagraphKind } from '../../shared/model/paragraph.ts';
import { getProposals, getProposalText, writeProposal } from '../../shared/model/proposal.ts';
import { writeRuns } from '../../shared/model/paragraph-fragment.ts';
import { checkUpdate, type Actor, type UpdateVerdict } from '../../shared/permissions/check-update.ts';
import { smallDraft } from '../helpers/api.ts';
import { plainPosition } from '../helpers/fuzz-world.ts';
import { addTestProposal, proposal, proposalWords, proposalXmlText, setTestReaction, setTestStatus } from '../helpers/test-proposals.ts';
import {
  captureUpdate,
} from '../helpers/raw-client.ts';

const facilitator: Actor = { role: 'facilitator', delegation: null };
const kenya: Actor = { role: 'delegation', delegation: 'KEN' };
const observer: Actor = { role: 'observer', delegation: null };

/** The server's document: the small draft, delegations KEN and EU, a pending proposal of each, EU's accepted one. */
function serverDoc() {
  const doc = new Y.Doc();
  populateNegotiation(doc, importText(smallDraft));
  const [heading, first, second] = readOrder(doc) as [string, string, string];
  doc.transact(() => {
    getDelegations(doc).set('KEN', { name: 'Kenya' });
    getDelegations(doc).set('EU', { name: 'European Union' });
  });
  const eu = addTestProposal(doc, proposal('EU', second), 'r-eu');
  const ken = addTestProposal(doc, proposal('KEN', second), 'r-ken');
  const euAccepted = addTestProposal(doc, proposal('EU', first), 'r-eu-accepted');
  setTestStatus(doc, euAccepted, 'accepted');
  // A bracket on ¶1 held by EU, as the add-bracket command writes it (the server's own change).
  const bracket = 'bfirst';
  getBrackets(doc).set(bracket, bracketRecord(doc, first));
  return { doc, heading, first, second, eu, ken, euAccepted, bracket };
}

/** A well-formed bracket record over the first words of `paragraphId`, held by EU. */
function bracketRecord(doc: Y.Doc, paragraphId: string): BracketRecord {
  const { start, end } = anchorRange(paragraphCharacters(doc, paragraphId) as Y.XmlText, 0, 5);
  return { paragraphId, start: plainPosition(start), end: plainPosition(end), holders: [{ delegation: 'EU', stance: 'propose' }], group: null, createdAt: '2026-11-30T10:00:00.000Z' };
}

/** Sets a paragraph's status as the server does when it applies a set-status command. */
function decideStatus(doc: Y.Doc, paragraphId: string, status: string): void {
  doc.transact(() => {
    getParagraphs(doc).get(paragraphId)?.set('status', status);
    getParagraphs(doc).get(paragraphId)?.set('statusNote', '');
  });
}

type Fixture = ReturnType<typeof serverDoc>;

/** A client's copy of the server's document. */
function copyOf(doc: Y.Doc, clientID?: number): Y.Doc {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** The verdict on the update a client makes with `change` on its copy of `fx.doc`. */
function judge(fx: Fixture, actor: Actor, change: (doc: Y.Doc) => void, mayWriteAs: (id: number) => boolean = () => true): UpdateVerdict {
  const update = captureUpdate(copyOf(fx.doc), change);
  return checkUpdate(fx.doc, update, actor, mayWriteAs);
}

function textOf(doc: Y.Doc, id: string): Y.XmlText {
  return (getParagraphText(doc, id)?.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

function reactionsOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  return getProposals(doc).get(id)?.get('reactions') as Y.Map<unknown>;
}

/** A proposal map written raw, as only the propose command may write one. */
function rawProposal(d: Y.Doc, delegation: string, paragraphId: string, id = 'rraw'): void {
  d.transact(() => writeProposal(d, id, proposal(delegation, paragraphId)));
}

/** Applies `update` to `doc` when checkUpdate allows it, as the server does. */
function applyIfAllowed(doc: Y.Doc, update: Uint8Array, actor: Actor): UpdateVerdict {
  const verdict = checkUpdate(doc, update, actor, () => true);
  if (verdict.allowed && verdict.changes) Y.applyUpdate(doc, update);
  return verdict;
}

/** Raw edits the table leaves to facilitators: typing in paragraphs and headings. */
const facilitatorRaw: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
  ['edit paragraph text', (fx) => (d) => textOf(d, fx.second).insert(0, 'Hostile ')],
  ['delete paragraph text', (fx) => (d) => textOf(d, fx.second).delete(0, 5)],
  ['italicise paragraph text', (fx) => (d) => textOf(d, fx.second).format(0, 4, { italic: {} })],
  ['insert brackets into text', (fx) => (d) => textOf(d, fx.second).insert(3, '[commit] ')],
  ['insert alternatives into text', (fx) => (d) => textOf(d, fx.second).insert(0, '[Alt 1: share] [Alt 2: pool] ')],
  ['edit a heading', (fx) => (d) => textOf(d, fx.heading).insert(0, 'Weaker ')],
];

/** Typing a facilitator may do in any pending proposal, on behalf of its delegation. */
const onBehalf: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
  ['type into EU\'s pending proposal', (fx) => (d) => proposalXmlText(d, fx.eu).insert(0, 'As read out: ')],
  ['delete and bold words of KEN\'s pending proposal', (fx) => (d) => {
    proposalXmlText(d, fx.ken).delete(0, 3);
    proposalXmlText(d, fx.ken).format(0, 4, { bold: {} });
  }],
  ['rewrite EU\'s pending proposal as the editor does', (fx) => (d) => writeRuns(getProposalText(d, fx.eu) as Y.XmlFragment, [{ text: 'Fresh words' }])],
  ['edit the rationale of KEN\'s pending proposal', (fx) => (d) => getProposals(d).get(fx.ken)?.set('rationale', 'as agreed in informals')],
];

/** The delegation list: facilitators manage it (raw, or through the API). */
const delegationList: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
  ['add a delegation', () => (d) => getDelegations(d).set('XYZ', { name: 'Invented' })],
  ['rename a delegation', () => (d) => getDelegations(d).set('EU', { name: 'Renamed' })],
  ['remove a delegation', () => (d) => getDelegations(d).delete('EU')],
];

/** Decisions: rows written only by commands, refused in a raw update from every role, facilitators included. */
const commandOnly: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
  ['set paragraph status', (fx) => (d) => getParagraphs(d).get(fx.second)?.set('status', 'agreed')],
  ['set paragraph status back to pending', (fx) => (d) => getParagraphs(d).get(fx.second)?.set('status', 'pending')],
  ['set a status note', (fx) => (d) => getParagraphs(d).get(fx.second)?.set('statusNote', 'pending confirmation from capital')],
  ['change a heading into a paragraph', (fx) => (d) => getParagraphs(d).get(fx.heading)?.set('kind', 'paragraph')],
  ['change the round a paragraph was added in', (fx) => (d) => getParagraphs(d).get(fx.second)?.set('addedInRound', 1)],
  ['reorder paragraphs', (fx) => (d) => {
    getOrder(d).delete(1, 1);
    getOrder(d).push([fx.first]);
  }],
  ['insert a known paragraph id into the order again', (fx) => (d) => getOrder(d).push([fx.first])],
  ['delete a paragraph', (fx) => (d) => getParagraphs(d).delete(fx.second)],
  ['delete a paragraph and its place in the order', (fx) => (d) => {
    getOrder(d).delete(getOrder(d).toArray().indexOf(fx.second), 1);
    getParagraphs(d).delete(fx.second);
  }],
  ['add a paragraph', () => (d) => {
    addParagraphMap(d, 'pnew', { kind: ParagraphKind.paragraph, runs: [{ text: 'New words.' }], source: '', footnotes: [] }, 1);
    getOrder(d).push(['pnew']);
  }],
  ['issue a revision (round)', () => (d) => getMeta(d).set('round', 1)],
  ['set the floor', (fx) => (d) => getMeta(d).set('floor', fx.second)],
  ['clear the floor', () => (d) => getMeta(d).set('floor', null)],
  ['write a bracket record', (fx) => (d) => getBrackets(d).set('bnew', bracketRecord(d, fx.second))],
  ['rewrite the holders of a bracket', (fx) => (d) => getBrackets(d).set(fx.bracket, { ...bracketRecord(d, fx.first), holders: [{ delegation: 'KEN', stance: 'delete' }] })],
  ['delete a bracket record', (fx) => (d) => getBrackets(d).delete(fx.bracket)],
  ['edit a source annotation', (fx) => (d) => getParagraphs(d).get(fx.first)?.set('source', 'invented source')],
  ['edit footnotes', (fx) => (d) => getParagraphs(d).get(fx.second)?.set('footnotes', [])],
  ['change the title', () => (d) => getMeta(d).set('title', 'Hijacked Declaration')],
  ['change the title block', () => (d) => getMeta(d).set('titleBlock', ['Rev.1'])],
  ['create a proposal map', (fx) => (d) => rawProposal(d, 'EU', fx.second)],
  ['create a bare proposal map', () => (d) => getProposals(d).set('rbare', new Y.Map())],
  ['delete a proposal', (fx) => (d) => getProposals(d).delete(fx.eu)],
  ['replace a proposal with another map', (fx) => (d) => getProposals(d).set(fx.ken, new Y.Map())],
  ['accept a proposal', (fx) => (d) => getProposals(d).get(fx.ken)?.set('status', 'accepted')],
  ['withdraw a proposal', (fx) => (d) => getProposals(d).get(fx.ken)?.set('status', 'withdrawn')],
  ['reopen a decided proposal', (fx) => (d) => getProposals(d).get(fx.euAccepted)?.set('status', 'pending')],
  ['support a proposal', (fx) => (d) => reactionsOf(d, fx.eu).set('KEN', 'support')],
  ['oppose a proposal for its own delegation', (fx) => (d) => reactionsOf(d, fx.eu).set('EU', 'oppose')],
  ['replace the reactions map', (fx) => (d) => getProposals(d).get(fx.ken)?.set('reactions', new Y.Map())],
  ['write a decision record', (fx) => (d) => getProposals(d).get(fx.ken)?.set('decision', { status: 'accepted', by: 'Chair', at: '2026-11-30T10:00:00.000Z' })],
  ['rewrite what a proposal was based on', (fx) => (d) => getProposals(d).get(fx.ken)?.set('basedOn', 'other words')],
  ['rewrite when a proposal was made', (fx) => (d) => getProposals(d).get(fx.ken)?.set('createdAt', '1999-01-01T00:00:00.000Z')],
  ['change a proposal\'s kind', (fx) => (d) => getProposals(d).get(fx.ken)?.set('kind', 'retain')],
  ['point a proposal at another paragraph', (fx) => (d) => getProposals(d).get(fx.ken)?.set('paragraphId', fx.first)],
  ['hand a proposal to another delegation', (fx) => (d) => getProposals(d).get(fx.ken)?.set('delegation', 'EU')],
];

/** Everything a facilitator may write that a delegation or an observer may not. */
const facilitatorOnly: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [...facilitatorRaw, ...commandOnly, ...delegationList];

/** Changes nobody may make raw to a decided proposal (its words and rationale are frozen by the decision). */
const decidedEdits: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
  ['type into its words', (fx) => (d) => proposalXmlText(d, fx.euAccepted).insert(0, 'After the fact: ')],
  ['delete its words', (fx) => (d) => proposalXmlText(d, fx.euAccepted).delete(0, 4)],
  ['bold its words', (fx) => (d) => proposalXmlText(d, fx.euAccepted).format(0, 4, { bold: {} })],
  ['rewrite its words as the editor does', (fx) => (d) => writeRuns(getProposalText(d, fx.euAccepted) as Y.XmlFragment, [{ text: 'Other words' }])],
  ['edit its rationale', (fx) => (d) => getProposals(d).get(fx.euAccepted)?.set('rationale', 'rewritten afterwards')],
];

const unknownRoot: [string, (fx: Fixture) => (doc: Y.Doc) => void] = [
  'create a new root type',
  () => (d) => d.getMap('shadow').set('x', 1),
];

describe('observer', () => {
  it('an empty sync step 2 changes nothing and passes', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(fx.doc));
    expect(checkUpdate(fx.doc, step2, observer, () => true)).toMatchObject({ allowed: true, changes: false, clientIds: [] });
  });

  it('a sync step 2 that repeats what the server already has changes nothing and passes', () => {
    const fx = serverDoc();
    expect(checkUpdate(fx.doc, Y.encodeStateAsUpdate(fx.doc), observer, () => true)).toMatchObject({ allowed: true, changes: false });
  });

  const changes: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
    ...facilitatorOnly,
    unknownRoot,
    ...onBehalf,
  ];
  it.each(changes)('refuses: %s', (_name, make) => {
    const fx = serverDoc();
    const verdict = judge(fx, observer, make(fx));
    expect(verdict).toEqual({ allowed: false, reason: expect.stringMatching(/observers/) });
  });
});

describe('delegation KEN', () => {
  const forbidden: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
    ...facilitatorRaw,
    ...delegationList,
    unknownRoot,
    ['create a proposal of its own', (fx) => (d) => rawProposal(d, 'KEN', fx.second)],
    ['create a proposal attributed to EU', (fx) => (d) => rawProposal(d, 'EU', fx.second)],
    ['type into EU\'s pending proposal', (fx) => (d) => proposalXmlText(d, fx.eu).insert(0, 'rewritten by KEN ')],
    ['delete the words of EU\'s pending proposal', (fx) => (d) => proposalXmlText(d, fx.eu).delete(0, 5)],
    ['rewrite EU\'s pending proposal as the editor does', (fx) => (d) => writeRuns(getProposalText(d, fx.eu) as Y.XmlFragment, [{ text: 'KEN words' }])],
    ['edit the rationale of EU\'s proposal', (fx) => (d) => getProposals(d).get(fx.eu)?.set('rationale', 'KEN says so')],
    ['withdraw its own proposal (a command)', (fx) => (d) => getProposals(d).get(fx.ken)?.set('status', 'withdrawn')],
    ['support EU\'s proposal (a command)', (fx) => (d) => reactionsOf(d, fx.eu).set('KEN', 'support')],
    ['set EU\'s reaction on its own proposal', (fx) => (d) => reactionsOf(d, fx.ken).set('EU', 'support')],
    ['delete the words of its proposal\'s fragment and put a second block', (fx) => (d) => getProposalText(d, fx.ken)?.insert(1, [new Y.XmlElement('paragraph')])],
    ['replace the words of its own proposal with a new fragment', (fx) => (d) => getProposals(d).get(fx.ken)?.set('text', new Y.XmlFragment())],
    ['put a shared text into its own proposal\'s words', (fx) => (d) => getProposals(d).get(fx.ken)?.set('text', new Y.Text('x'))],
    ['put a plain string into its own proposal\'s words', (fx) => (d) => getProposals(d).get(fx.ken)?.set('text', 'plain words')],
    ['put an unknown mark into its own proposal\'s words', (fx) => (d) => proposalXmlText(d, fx.ken).format(0, 3, { link: { href: 'https://evil.example' } })],
    ['put an element into its own proposal\'s block', (fx) => (d) => (getProposalText(d, fx.ken)?.get(0) as Y.XmlElement).insert(1, [new Y.XmlElement('script')])],
    ['put an attribute on its own proposal\'s block', (fx) => (d) => (getProposalText(d, fx.ken)?.get(0) as Y.XmlElement).setAttribute('onclick', 'x')],
    ['add an unknown field to its own proposal', (fx) => (d) => getProposals(d).get(fx.ken)?.set('priority', 'high')],
    ['remove the rationale of its own proposal', (fx) => (d) => getProposals(d).get(fx.ken)?.delete('rationale')],
    ['put a number into its own proposal\'s rationale', (fx) => (d) => getProposals(d).get(fx.ken)?.set('rationale', 42)],
    ['put 3,000 characters into its own proposal\'s rationale', (fx) => (d) => getProposals(d).get(fx.ken)?.set('rationale', 'x'.repeat(3_000))],
  ];

  it.each([...forbidden, ...commandOnly])('refuses: %s', (_name, make) => {
    const fx = serverDoc();
    setTestReaction(fx.doc, fx.eu, 'EU', 'support');
    const before = proposalWords(fx.doc, fx.eu);
    const verdict = judge(fx, kenya, make(fx));
    expect(verdict).toEqual({ allowed: false, reason: expect.any(String) });
    expect(proposalWords(fx.doc, fx.eu)).toBe(before);
  });

  it.each(decidedEdits)('refuses, once its own proposal is decided (accepted, rejected, withdrawn): %s', (_name, make) => {
    for (const status of ['accepted', 'rejected', 'withdrawn', 'accepted-into-brackets', 'superseded'] as const) {
      const fx = serverDoc();
      // Make the decided proposal KEN's own: the one on ¶2, decided.
      setTestStatus(fx.doc, fx.ken, status);
      const edit = make({ ...fx, euAccepted: fx.ken });
      const verdict = judge(fx, kenya, edit);
      expect(verdict).toEqual({ allowed: false, reason: expect.stringContaining(`the proposal is ${status}; a decided proposal no longer changes`) });
      expect(proposalWords(fx.doc, fx.ken)).toBe('proposed words');
    }
  });

  const allowed: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
    ['type into its pending proposal', (fx) => (d) => proposalXmlText(d, fx.ken).insert(0, 'Better ')],
    ['type italic words into its pending proposal', (fx) => (d) => proposalXmlText(d, fx.ken).insert(8, ' truly', { italic: {} })],
    ['delete words of its pending proposal', (fx) => (d) => proposalXmlText(d, fx.ken).delete(0, 9)],
    ['bold words of its pending proposal', (fx) => (d) => proposalXmlText(d, fx.ken).format(0, 8, { bold: {} })],
    ['rewrite its pending proposal as the editor does (block replaced)', (fx) => (d) => writeRuns(getProposalText(d, fx.ken) as Y.XmlFragment, [{ text: 'Fresh ' }, { text: 'words', marks: ['italic'] }])],
    ['edit its pending proposal\'s rationale', (fx) => (d) => getProposals(d).get(fx.ken)?.set('rationale', 'because')],
    ['clear its pending proposal\'s rationale', (fx) => (d) => getProposals(d).get(fx.ken)?.set('rationale', '')],
  ];

  it.each(allowed)('allows: %s', (_name, make) => {
    const fx = serverDoc();
    expect(judge(fx, kenya, make(fx))).toMatchObject({ allowed: true, changes: true });
  });

  it('allows offline work sent as one sync step 2: words typed twice, the rationale set twice', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    proposalXmlText(client, fx.ken).insert(0, 'First try, ');
    proposalXmlText(client, fx.ken).insert(0, 'second try: ');
    getProposals(client).get(fx.ken)?.set('rationale', 'first');
    getProposals(client).get(fx.ken)?.set('rationale', 'second');
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(fx.doc));
    expect(applyIfAllowed(fx.doc, step2, kenya)).toMatchObject({ allowed: true, changes: true });
    expect(proposalWords(fx.doc, fx.ken)).toBe('second try: First try, proposed words');
    expect(getProposals(fx.doc).get(fx.ken)?.get('rationale')).toBe('second');
  });

  it('refuses words typed while pending and sent after the decision (the edit raced it), and the decided words stay', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    const typed = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'Raced. '));
    setTestStatus(fx.doc, fx.ken, 'rejected');
    expect(applyIfAllowed(fx.doc, typed, kenya)).toEqual({ allowed: false, reason: expect.stringContaining('the proposal is rejected') });
    expect(proposalWords(fx.doc, fx.ken)).toBe('proposed words');
  });

  it('refuses its own allowed typing sent beside a forbidden change, whole', () => {
    const fx = serverDoc();
    const verdict = judge(fx, kenya, (d) => {
      proposalXmlText(d, fx.ken).insert(0, 'Allowed. ');
      proposalXmlText(d, fx.eu).insert(0, 'Not allowed. ');
    });
    expect(verdict).toEqual({ allowed: false, reason: 'KEN may change only its own proposals, not EU\'s' });
  });

  it('counts the words it types against its quota', () => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), (d) => proposalXmlText(d, fx.ken).insert(0, 'x'.repeat(5_000)));
    const small = { maxProposals: 1_000, maxBytes: 4_000 };
    expect(checkUpdate(fx.doc, update, kenya, () => true, { quota: small })).toEqual({ allowed: false, reason: expect.stringMatching(/^KEN's proposals would take \d+ bytes; a delegation may hold at most 4000$/) });
    expect(checkUpdate(fx.doc, update, kenya, () => true, { quota: { ...small, maxBytes: 20_000 } })).toMatchObject({ allowed: true });
    // Deleting words never goes over the quota.
    const deletion = captureUpdate(copyOf(fx.doc), (d) => proposalXmlText(d, fx.ken).delete(0, 3));
    expect(checkUpdate(fx.doc, deletion, kenya, () => true, { quota: { ...small, maxBytes: 1 } })).toMatchObject({ allowed: true });
  });

  it('allows typing into its own proposal while the server deletes it (the typing lands as garbage)', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    fx.doc.transact(() => getProposals(fx.doc).delete(fx.ken));
    const update = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'edited offline '));
    expect(applyIfAllowed(fx.doc, update, kenya)).toMatchObject({ allowed: true });
    expect(getProposals(fx.doc).has(fx.ken)).toBe(false);
  });
});

describe('facilitator', () => {
  it.each([...facilitatorRaw, ...delegationList, ...onBehalf])('allows: %s', (_name, make) => {
    const fx = serverDoc();
    expect(judge(fx, facilitator, make(fx))).toMatchObject({ allowed: true, changes: true });
  });

  it.each(commandOnly)('refuses a decision made raw: %s', (_name, make) => {
    const fx = serverDoc();
    expect(judge(fx, facilitator, make(fx))).toEqual({ allowed: false, reason: expect.stringMatching(/changes only by a command \((a decision the server applies|propose)\), never by an edit/) });
  });

  it.each(decidedEdits)('refuses, on a decided proposal: %s', (_name, make) => {
    const fx = serverDoc();
    const before = proposalWords(fx.doc, fx.euAccepted);
    expect(judge(fx, facilitator, make(fx))).toEqual({ allowed: false, reason: 'the proposal is accepted; a decided proposal no longer changes' });
    expect(proposalWords(fx.doc, fx.euAccepted)).toBe(before);
  });

  it.each([
    ['replace a proposal\'s words with a new fragment', (fx: Fixture) => (d: Y.Doc) => getProposals(d).get(fx.ken)?.set('text', new Y.XmlFragment())],
    ['put a second block into a proposal\'s words', (fx: Fixture) => (d: Y.Doc) => getProposalText(d, fx.ken)?.insert(1, [new Y.XmlElement('paragraph')])],
    ['put bare text into a proposal\'s fragment', (fx: Fixture) => (d: Y.Doc) => getProposalText(d, fx.ken)?.insert(1, [new Y.XmlText('loose')])],
    ['put an unknown mark into a proposal\'s words', (fx: Fixture) => (d: Y.Doc) => proposalXmlText(d, fx.ken).insert(0, 'x', { underline: {} })],
    ['put an embed into a proposal\'s words', (fx: Fixture) => (d: Y.Doc) => proposalXmlText(d, fx.ken).insertEmbed(0, { image: 'x.png' })],
  ])('refuses words outside the editor schema: %s', (_name, make) => {
    const fx = serverDoc();
    expect(judge(fx, facilitator, make(fx)).allowed).toBe(false);
  });

  it('refuses a decision hidden beside allowed typing, whole', () => {
    const fx = serverDoc();
    const verdict = judge(fx, facilitator, (d) => {
      textOf(d, fx.second).insert(0, 'Allowed words. ');
      proposalXmlText(d, fx.eu).insert(0, 'Allowed words. ');
      getParagraphs(d).get(fx.second)?.set('status', 'agreed');
    });
    expect(verdict).toEqual({ allowed: false, reason: expect.stringMatching(/status" changes only by a command/) });
  });

  it('refuses a decision sent as offline work in a sync step 2', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    textOf(client, fx.first).insert(0, 'Offline words. ');
    getMeta(client).set('floor', fx.first);
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(fx.doc));
    expect(checkUpdate(fx.doc, step2, facilitator, () => true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/floor/) });
  });

  it.each([
    ['bold text', (fx: Fixture) => (d: Y.Doc) => textOf(d, fx.first).format(0, 3, { bold: {} })],
    ['type a tab (a plain-text paste keeps it)', (fx: Fixture) => (d: Y.Doc) => textOf(d, fx.first).insert(3, 'a\ttab')],
    ['rewrite a paragraph as the importer does', (fx: Fixture) => (d: Y.Doc) => {
      const fragment = getParagraphText(d, fx.first) as Y.XmlFragment;
      fragment.delete(0, fragment.length);
      const element = new Y.XmlElement('paragraph');
      fragment.insert(0, [element]);
      element.insert(0, [new Y.XmlText('Fresh text.')]);
    }],
  ])('allows: %s', (_name, make) => {
    const fx = serverDoc();
    expect(judge(fx, facilitator, make(fx))).toMatchObject({ allowed: true, changes: true });
  });

  it('allows typing into a paragraph another facilitator deleted meanwhile (the typing lands as garbage)', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    fx.doc.transact(() => getParagraphs(fx.doc).delete(fx.second));
    const update = captureUpdate(client, (d) => textOf(d, fx.second).insert(3, 'late words '));
    expect(applyIfAllowed(fx.doc, update, facilitator)).toMatchObject({ allowed: true });
  });

  const outsideSchema: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
    ['an element other than <paragraph> in the text', (fx) => (d) => getParagraphText(d, fx.first)?.insert(1, [new Y.XmlElement('script')])],
    ['an element nested in the paragraph', (fx) => (d) => (getParagraphText(d, fx.first)?.get(0) as Y.XmlElement).insert(1, [new Y.XmlElement('image')])],
    ['an unknown mark', (fx) => (d) => textOf(d, fx.first).format(0, 4, { link: { href: 'https://evil.example' } })],
    ['an unknown mark on inserted text', (fx) => (d) => textOf(d, fx.first).insert(0, 'x', { underline: {} })],
    ['an embed in the text', (fx) => (d) => textOf(d, fx.first).insertEmbed(0, { image: 'x.png' })],
    ['a line break typed into the text (a paragraph is one line)', (fx) => (d) => textOf(d, fx.first).insert(3, 'one\ntwo')],
    ['a control character typed into the text', (fx) => (d) => textOf(d, fx.first).insert(3, 'clear \u001b[2J')],
    ['a mark carrying attributes', (fx) => (d) => textOf(d, fx.first).format(0, 4, { bold: { style: 'color:red' } })],
    ['an attribute on the paragraph element', (fx) => (d) => (getParagraphText(d, fx.first)?.get(0) as Y.XmlElement).setAttribute('onclick', 'x')],
    ['bare text directly in the fragment', (fx) => (d) => getParagraphText(d, fx.first)?.insert(1, [new Y.XmlText('loose')])],
    ['a paragraph that is not a map', (fx) => (d) => getParagraphs(d).set(fx.first, 'not a paragraph' as unknown as Y.Map<unknown>)],
    ['paragraph text that is not an XML fragment', (fx) => (d) => getParagraphs(d).get(fx.first)?.set('text', new Y.Text('plain'))],
    unknownRoot,
  ];
  it.each(outsideSchema)('refuses: %s', (_name, make) => {
    const fx = serverDoc();
    expect(judge(fx, facilitator, make(fx)).allowed).toBe(false);
  });
});

describe('the editor schema as the raw check reads it', () => {
  it('no mark of the editor schema has attributes: a raw mark passes only as {} or null (schema-rules.ts)', () => {
    for (const [name, type] of Object.entries(paragraphSchema.marks)) expect([name, Object.keys(type.spec.attrs ?? {})]).toEqual([name, []]);
    expect(Object.keys(paragraphSchema.marks).sort()).toEqual(['bold', 'italic']);
  });
});

describe('agreed paragraphs are locked', () => {
  const editsInside: [string, (fx: Fixture) => (doc: Y.Doc) => void][] = [
    ['type into its text', (fx) => (d) => textOf(d, fx.second).insert(0, 'Reopened words ')],
    ['delete words of its text', (fx) => (d) => textOf(d, fx.second).delete(0, 3)],
    ['bold words of its text', (fx) => (d) => textOf(d, fx.second).format(0, 3, { bold: {} })],
    ['rewrite its block as the importer does', (fx) => (d) => {
      const fragment = getParagraphText(d, fx.second) as Y.XmlFragment;
      fragment.delete(0, fragment.length);
      const element = new Y.XmlElement('paragraph');
      fragment.insert(0, [element]);
      element.insert(0, [new Y.XmlText('Fresh text.')]);
    }],
  ];

  describe.each(['agreed', 'agreed-ad-ref'])('while %s', (status) => {
    it.each(editsInside)('refuses a facilitator who tries to %s', (_name, make) => {
      const fx = serverDoc();
      decideStatus(fx.doc, fx.second, status);
      const word = status === 'agreed' ? 'agreed' : 'agreed ad ref';
      expect(judge(fx, facilitator, make(fx))).toEqual({ allowed: false, reason: expect.stringContaining(`the paragraph is ${word}; a facilitator must reopen it`) });
    });

    it.each(editsInside)('allows a facilitator to %s once it is reopened', (_name, make) => {
      const fx = serverDoc();
      decideStatus(fx.doc, fx.second, status);
      decideStatus(fx.doc, fx.second, 'pending');
      expect(judge(fx, facilitator, make(fx))).toMatchObject({ allowed: true, changes: true });
    });
  });

  it('locks only the agreed paragraph: its neighbours and pending proposals stay open to a facilitator', () => {
    const fx = serverDoc();
    decideStatus(fx.doc, fx.second, 'agreed');
    const verdict = judge(fx, facilitator, (d) => {
      textOf(d, fx.first).insert(0, 'Still open. ');
      proposalXmlText(d, fx.ken).insert(0, 'Still open. ');
    });
    expect(verdict).toMatchObject({ allowed: true, changes: true });
  });

  it('refuses typing into an agreed paragraph sent beside allowed work, whole', () => {
    const fx = serverDoc();
    decideStatus(fx.doc, fx.second, 'agreed');
    const client = copyOf(fx.doc);
    textOf(client, fx.first).insert(0, 'Allowed. ');
    textOf(client, fx.second).insert(0, 'Locked. ');
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(fx.doc));
    expect(checkUpdate(fx.doc, step2, facilitator, () => true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/agreed/) });
  });

  it('refuses typing made before the paragraph was agreed and sent after (the edit raced the decision)', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    const typed = captureUpdate(client, (d) => textOf(d, fx.second).insert(0, 'Raced. '));
    decideStatus(fx.doc, fx.second, 'agreed');
    expect(checkUpdate(fx.doc, typed, facilitator, () => true).allowed).toBe(false);
    decideStatus(fx.doc, fx.second, 'pending');
    expect(applyIfAllowed(fx.doc, typed, facilitator)).toMatchObject({ allowed: true, changes: true });
    expect(textOf(fx.doc, fx.second).toString()).toMatch(/^Raced\. /);
  });
});

describe('client ids bound to connections', () => {
  it('refuses structs under a client id that belongs to another connection, for every role', () => {
    for (const actor of [facilitator, kenya, observer]) {
      const fx = serverDoc();
      const client = copyOf(fx.doc, 424242);
      const update = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'x'));
      const verdict = checkUpdate(fx.doc, update, actor, (id) => id !== 424242);
      expect(verdict).toEqual({ allowed: false, reason: expect.stringMatching(/client 424242/) });
    }
  });

  it('reports the client ids an allowed update writes under', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc, 515151);
    const update = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'x'));
    expect(checkUpdate(fx.doc, update, kenya, () => true)).toMatchObject({ allowed: true, changes: true, clientIds: [515151] });
  });
});

describe('updates built to be judged in one place and applied in another', () => {
  it('refuses a client listed in two sections (Yjs applies only the last one)', () => {
    const fx = serverDoc();
    // Section A: KEN edits its own proposal as client 4242 (clock 0). Section B: as client 4242 clock 1, an item
    // whose left neighbour is 4242:0 — judged beside section A's item, applied beside whatever 4242:0 becomes later.
    const decoy = captureUpdate(copyOf(fx.doc, 4242), (d) => getProposals(d).get(fx.ken)?.set('rationale', 'r'));
    const real = copyOf(fx.doc, 4242);
    const first = captureUpdate(real, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'first'));
    const second = captureUpdate(real, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'x'.repeat(3_000)));
    const crafted = twoSections(decoy, second);
    expect(() => checkUpdate(fx.doc, crafted, kenya, () => true)).toThrow(InvalidInputError);
    // What it would have done: the hidden struct waits in Yjs's pending store until 4242:0 arrives.
    const victim = copyOf(fx.doc);
    Y.applyUpdate(victim, crafted);
    Y.applyUpdate(victim, first);
    expect(getProposals(victim).get(fx.ken)?.get('rationale')).toBe('x'.repeat(3_000));
  });

  it('refuses a facilitator update that waits for a missing struct (it would land unjudged, outside the schema)', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc, 777);
    const first = captureUpdate(client, (d) => {
      getParagraphText(d, fx.second)?.insert(1, [new Y.XmlElement('paragraph')]);
      getParagraphText(d, fx.second)?.delete(0, 1);
    });
    const second = captureUpdate(client, (d) => getParagraphText(d, fx.second)?.insert(1, [new Y.XmlElement('script')]));
    expect(checkUpdate(fx.doc, second, facilitator, () => true)).toMatchObject({ allowed: false, reason: expect.stringMatching(/does not have/) });
    expect(applyIfAllowed(fx.doc, first, facilitator).allowed).toBe(true);
    expect(getParagraphText(fx.doc, fx.second)?.toString()).not.toContain('script');
  });

  it('refuses an update whose structs skip over clocks the server lacks', () => {
    const fx = serverDoc();
    const client = copyOf(fx.doc);
    captureUpdate(client, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'first'));
    const later = captureUpdate(client, (d) => proposalXmlText(d, fx.ken).insert(0, 'x'));
    expect(checkUpdate(fx.doc, later, kenya, () => true).allowed).toBe(false);
  });

  it('never crashes on a truncated update: InvalidInputError or a verdict', () => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc), (d) => {
      proposalXmlText(d, fx.ken).insert(0, 'Typed words ', { italic: {} });
      getProposals(d).get(fx.ken)?.set('rationale', 'because');
    });
    for (let length = 0; length < update.length; length++) {
      try {
        checkUpdate(fx.doc, update.slice(0, length), kenya, () => true);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
      }
    }
  });

  const fuzzCases: [string, Actor, (fx: Fixture) => (doc: Y.Doc) => void][] = [
    ['delegation', kenya, (fx) => (d) => {
      proposalXmlText(d, fx.ken).insert(3, 'hello', { italic: {} });
      proposalXmlText(d, fx.ken).delete(10, 2);
      getProposals(d).get(fx.ken)?.set('rationale', 'because');
    }],
    ['facilitator', facilitator, (fx) => (d) => {
      textOf(d, fx.second).insert(3, 'hello', { italic: {} });
      textOf(d, fx.second).format(0, 8, { bold: {} });
      textOf(d, fx.second).delete(10, 4);
      proposalXmlText(d, fx.eu).insert(0, 'On behalf of EU: ');
    }],
  ];
  it.each(fuzzCases)('fuzz (%s): a mutated update is malformed, refused, or applies cleanly within its scope', (_name, actor, make) => {
    const fx = serverDoc();
    const base = captureUpdate(copyOf(fx.doc), make(fx));
    const guarded = (doc: Y.Doc) =>
      JSON.stringify([getParagraphs(doc), getOrder(doc), getMeta(doc), getDelegations(doc)].map((type) => type.toJSON()))
      + JSON.stringify([...getProposals(doc).entries()].map(([id, map]) => [id, map.get('status'), (map.get('reactions') as Y.Map<unknown> | undefined)?.toJSON(), map.get('delegation')]))
      + proposalWords(doc, 'r-eu') + proposalWords(doc, 'r-eu-accepted')
      + JSON.stringify(readNegotiation(doc))
      + JSON.stringify([...doc.share.keys()].sort());
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let allowedCount = 0;
    for (let round = 0; round < 2000; round++) {
      const mutated = base.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let i = 0; i < flips; i++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      let verdict: UpdateVerdict;
      try {
        verdict = checkUpdate(fx.doc, mutated, actor, () => true);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        continue;
      }
      if (!verdict.allowed || !verdict.changes) continue;
      allowedCount += 1;
      const target = copyOf(fx.doc);
      const before = guarded(target);
      // An allowed update must apply without throwing: a throw halfway leaves the server's copy changed but unsaved.
      Y.applyUpdate(target, mutated);
      if (actor.role === 'delegation') expect(guarded(target)).toBe(before);
    }
    expect(allowedCount).toBeGreaterThan(0);
  });

  it('refuses (as malformed) a struct that refers forward to its own client: Yjs would throw halfway through', () => {
    const fx = serverDoc();
    const update = captureUpdate(copyOf(fx.doc, 999), (d) => rawProposal(d, 'KEN', fx.second));
    const { structs } = Y.decodeUpdate(update);
    const field = structs[1] as Y.Item;
    expect(field.parent).toBeInstanceOf(Y.ID);
    // Rewrite the parent of the first field (clock 1) from 999:0 to the reactions map, created later.
    const later = structs.find((struct) => struct instanceof Y.Item && struct.parentSub === 'reactions') as Y.Item;
    expect(later.id.clock).toBeLessThan(128);
    const forged = replaceBytes(update, [0x00, ...varUint(999), 0x00], [0x00, ...varUint(999), later.id.clock]);
    expect(() => Y.applyUpdate(copyOf(fx.doc), forged)).toThrow();
    expect(() => checkUpdate(fx.doc, forged, facilitator, () => true)).toThrow(InvalidInputError);
  });
});

/** One update made of the client sections of `a` then `b` (each a single-section V1 update), with b's delete set. */
function twoSections(a: Uint8Array, b: Uint8Array): Uint8Array {
  const aDs = deleteSetBytes(a);
  const bDs = deleteSetBytes(b);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2);
  encoding.writeUint8Array(encoder, a.subarray(1, a.length - aDs.length));
  encoding.writeUint8Array(encoder, b.subarray(1, b.length - bDs.length));
  encoding.writeUint8Array(encoder, bDs);
  return encoding.toUint8Array(encoder);
}

function varUint(value: number): number[] {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, value);
  return [...encoding.toUint8Array(encoder)];
}

/** `bytes` with the first occurrence (after the header) of `from` replaced by `to` (same length). */
function replaceBytes(bytes: Uint8Array, from: number[], to: number[]): Uint8Array {
  const out = bytes.slice();
  for (let i = 4; i + from.length <= out.length; i++) {
    if (from.every((b, j) => out[i + j] === b)) {
      to.forEach((b, j) => (out[i + j] = b));
      return out;
    }
  }
  throw new Error('pattern not found');
}

function deleteSetBytes(update: Uint8Array): Uint8Array {
  const { ds } = Y.decodeUpdate(update) as unknown as { ds: { clients: Map<number, { clock: number; len: number }[]> } };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, ds.clients.size);
  for (const [client, ranges] of ds.clients) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const range of ranges) {
      encoding.writeVarUint(encoder, range.clock);
      encoding.writeVarUint(encoder, range.len);
    }
  }
  return encoding.toUint8Array(encoder);
}

describe('updates that Yjs would read differently from how they are judged (found in review)', () => {
  /** Gives the map entry `key` of `map` (just set to values[0]) the further values, as a hostile encoder can. */
  function multiValue(map: Y.Map<unknown>, key: string, values: unknown[]): void {
    map.set(key, values[0]);
    const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key) as Y.Item;
    const content = item.content as Y.ContentAny;
    for (const value of values.slice(1)) content.arr.push(value);
    item.length = content.arr.length;
  }

  it.each([
    ['sets its own rationale as ["short", 3,000 characters] (it would read back the long one)', (fx: Fixture) => (d: Y.Doc) =>
      d.transact(() => multiValue(getProposals(d).get(fx.ken) as Y.Map<unknown>, 'rationale', ['short', 'x'.repeat(3_000)]))],
    ['sets its own rationale as ["words", 42] (it would read back a number)', (fx: Fixture) => (d: Y.Doc) =>
      d.transact(() => multiValue(getProposals(d).get(fx.ken) as Y.Map<unknown>, 'rationale', ['words', 42]))],
  ])('refuses a map entry holding several values: %s', (_name, make) => {
    const fx = serverDoc();
    const verdict = judge(fx, kenya, make(fx));
    expect(verdict).toEqual({ allowed: false, reason: 'a map entry holds exactly one value' });
  });

  it('judges a struct that starts inside content the server has by where Yjs would put it', () => {
    const fx = serverDoc();
    const importer = (getOrder(fx.doc) as unknown as { _start: Y.Item })._start.id.client;
    const known = Y.getState(fx.doc.store, importer);
    const client = copyOf(fx.doc);
    const own = captureUpdate(client, (d) => getProposals(d).get(fx.ken)?.set('rationale', 'mine'));
    const mapItem = (getProposals(client).get(fx.ken) as unknown as { _item: Y.Item })._item;
    // One struct of the importer's client from clock known - 1 (which the server has) with two values,
    // parented by id to KEN's proposal under "rationale": Yjs integrates its new part next to the real
    // item at known - 1 (in `order`) and would delete it.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, importer);
    encoding.writeVarUint(encoder, known - 1);
    encoding.writeUint8(encoder, 8 | 0x20);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, mapItem.id.client);
    encoding.writeVarUint(encoder, mapItem.id.clock);
    encoding.writeVarString(encoder, 'rationale');
    encoding.writeVarUint(encoder, 2);
    encoding.writeAny(encoder, 'a');
    encoding.writeAny(encoder, 'b');
    encoding.writeVarUint(encoder, 0);
    const update = Y.mergeUpdates([own, encoding.toUint8Array(encoder)]);
    const verdict = checkUpdate(fx.doc, update, kenya, () => true);
    expect(verdict.allowed).toBe(false);
    expect(readOrder(fx.doc)).toHaveLength(5);
  });
});
