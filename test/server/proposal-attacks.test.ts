/**
 * The amendment workflow (issue 9) attacked as a hostile client would, through a real server on a loopback
 * port: commands sent as someone else, at things that do not exist, twice at once, out of order, or with
 * oversized parts; raw Yjs updates that write a proposal's words or rationale where only its delegation may,
 * after a decision froze them, or outside the editor schema; and everything a proposal is besides its words
 * and rationale, written raw. Each refusal leaves the stored document as it was (storedState or
 * expectRefusedRaw); each allowed step is checked as actually done, so a hole makes a test fail.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBrackets } from '../../shared/brackets/read-brackets.ts';
import { anchorRange, getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposal, getProposals, getProposalText, ProposalField, readProposal, type ProposalSnapshot } from '../../shared/model/proposal.ts';
import { CloseCode } from '../../shared/protocol/close-codes.ts';
import { getJson, sendCommand } from '../helpers/api.ts';
import {
  commandOk,
  expectRefusedRaw,
  honest as honestClient,
  hostileNegotiation,
  proposeByCommand,
  reactionsOf,
  textOf,
  type Arena,
  type HostileNegotiation,
} from '../helpers/hostile-negotiation.ts';
import { proposalWords, proposalXmlText } from '../helpers/test-proposals.ts';
import type { TestServer } from '../helpers/server.ts';
import { serverPerFile } from '../helpers/server-per-file.ts';
import { storedState } from '../helpers/stored-state.ts';
import { eventually, waitFor } from '../helpers/yjs-client.ts';

let server: TestServer;
const maxProposals = 12;
const maxBytes = 120_000;
const cleanups = serverPerFile((started) => (server = started), {
  env: {
    DRAFTROOM_MAX_PROPOSALS_PER_DELEGATION: String(maxProposals),
    DRAFTROOM_MAX_PROPOSAL_BYTES_PER_DELEGATION: String(maxBytes),
  },
});
const arena: Arena = { server: () => server, cleanups };

type Answer = Awaited<ReturnType<typeof sendCommand>>;

function send(n: HostileNegotiation, token: string, command: unknown): Promise<Answer> {
  return sendCommand(server, n.id, token, command);
}

function proposalIn(doc: Y.Doc, id: string): ProposalSnapshot | null {
  const map = getProposal(doc, id);
  return map ? readProposal(id, map) : null;
}

/** Sends each command and expects its refusal status; then the stored document is exactly as before. */
async function expectAllRefused(n: HostileNegotiation, attempts: [string, string, unknown, number][]): Promise<void> {
  const before = await storedState(server, n.id);
  for (const [what, token, command, status] of attempts) {
    const answer = await send(n, token, command);
    expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
    expect(answer.body.error ?? '', what).not.toBe('');
  }
  expect(await storedState(server, n.id)).toEqual(before);
}

/** A paragraph's words without their marks. */
function plain(doc: Y.Doc, paragraphId: string): string {
  return (textOf(doc, paragraphId).toDelta() as { insert?: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
}

/** Waits until what the server stores stops changing (the last relayed edit is written). */
async function settled(n: HostileNegotiation): Promise<void> {
  let last = JSON.stringify(await storedState(server, n.id));
  await eventually(async () => {
    const now = JSON.stringify(await storedState(server, n.id));
    const same = now === last;
    last = now;
    return same;
  }, 5000, 'the store to settle');
}

/** The paragraph's plain text on the honest observer's copy once it reads `expected`. */
async function readerSees(n: HostileNegotiation, paragraphId: string, expected: string): Promise<void> {
  await waitFor(n.reader.doc, () => plain(n.reader.doc, paragraphId) === expected, 5000, `the reader to see “${expected.slice(0, 40)}”`);
}

describe('commands in someone else\'s name', () => {
  it('a delegation cannot propose, mark, unmark or withdraw for another delegation, nor for one that does not exist', async () => {
    const n = await hostileNegotiation(arena);
    const propose = { type: 'propose', paragraphId: n.second, kind: 'replace-text', text: 'forged words' };
    await expectAllRefused(n, [
      ['KEN proposing as EU', n.tokens.ken, { ...propose, delegation: 'EU' }, 403],
      ['KEN proposing as a delegation nobody has', n.tokens.ken, { ...propose, delegation: 'ZZZ' }, 403],
      ['KEN opposing as EU', n.tokens.ken, { type: 'react-to-proposal', proposalId: n.euProposal, reaction: 'oppose', delegation: 'EU' }, 403],
      ['KEN removing EU\'s support', n.tokens.ken, { type: 'react-to-proposal', proposalId: n.kenProposal, reaction: null, delegation: 'EU' }, 403],
      ['KEN supporting its own proposal', n.tokens.ken, { type: 'react-to-proposal', proposalId: n.kenProposal, reaction: 'support' }, 400],
      ['KEN withdrawing EU\'s proposal', n.tokens.ken, { type: 'withdraw-proposal', proposalId: n.euProposal }, 403],
      ['a facilitator proposing for a delegation that does not exist', n.tokens.facilitator, { ...propose, delegation: 'ZZZ' }, 400],
      ['a facilitator proposing for nobody', n.tokens.facilitator, propose, 400],
      ['a facilitator marking for a delegation that does not exist', n.tokens.facilitator, { type: 'react-to-proposal', proposalId: n.euProposal, reaction: 'support', delegation: 'ZZZ' }, 400],
      ['a facilitator marking for a code that is not one', n.tokens.facilitator, { type: 'react-to-proposal', proposalId: n.euProposal, reaction: 'support', delegation: '__proto__' }, 400],
      ['an observer proposing', n.tokens.observer, { ...propose, delegation: 'EU' }, 403],
      ['an observer supporting', n.tokens.observer, { type: 'react-to-proposal', proposalId: n.euProposal, reaction: 'support', delegation: 'KEN' }, 403],
      ['an observer withdrawing', n.tokens.observer, { type: 'withdraw-proposal', proposalId: n.euProposal }, 403],
      ['EU accepting KEN\'s proposal', n.tokens.eu, { type: 'accept-proposal', proposalId: n.kenProposal }, 403],
      ['EU accepting its own into brackets', n.tokens.eu, { type: 'accept-into-brackets', proposalId: n.euProposal }, 403],
      ['KEN rejecting EU\'s proposal', n.tokens.ken, { type: 'reject-proposal', proposalId: n.euProposal }, 403],
      ['EU undoing the rejection of its own', n.tokens.eu, { type: 'undo-decision', proposalId: n.euDecided }, 403],
    ]);
  });
});

describe('commands at things that are not there', () => {
  it('refuses proposals on a deleted paragraph, after a paragraph that is gone, on ids that are proposals or prototype names', async () => {
    const n = await hostileNegotiation(arena);
    const fourth = readOrder(n.writer.doc)[4] as string;
    await commandOk(server, n.id, n.tokens.facilitator, { type: 'delete-paragraph', paragraphId: fourth });
    const on = (paragraphId: string | null, extra: Record<string, unknown> = {}) => ({ type: 'propose', paragraphId, kind: 'replace-text', text: 'words', ...extra });
    await expectAllRefused(n, [
      ['a replacement of a deleted paragraph', n.tokens.ken, on(fourth), 409],
      ['a deletion of a deleted paragraph', n.tokens.ken, { type: 'propose', paragraphId: fourth, kind: 'delete-paragraph' }, 409],
      ['a new paragraph after a deleted one', n.tokens.ken, { type: 'propose', paragraphId: null, afterParagraphId: fourth, kind: 'insert-paragraph', text: 'new' }, 409],
      ['a new paragraph after nothing', n.tokens.ken, { type: 'propose', paragraphId: null, afterParagraphId: 'pnowhere', kind: 'insert-paragraph', text: 'new' }, 409],
      ['a new paragraph after a proposal', n.tokens.ken, { type: 'propose', paragraphId: null, afterParagraphId: n.euProposal, kind: 'insert-paragraph', text: 'new' }, 409],
      ['a new paragraph with no place', n.tokens.ken, { type: 'propose', paragraphId: null, kind: 'insert-paragraph', text: 'new' }, 400],
      ['a new paragraph placed by paragraphId', n.tokens.ken, { type: 'propose', paragraphId: n.first, kind: 'insert-paragraph', text: 'new' }, 400],
      ['a replacement placed by afterParagraphId', n.tokens.ken, on(null, { afterParagraphId: n.first }), 400],
      ['a replacement with both places', n.tokens.ken, on(n.first, { afterParagraphId: n.first }), 400],
      ['a replacement of a proposal', n.tokens.ken, on(n.euProposal), 409],
      ['a replacement of __proto__', n.tokens.ken, on('__proto__'), 409],
      ['a replacement of constructor', n.tokens.ken, on('constructor'), 409],
      ['a new paragraph after __proto__', n.tokens.ken, { type: 'propose', paragraphId: null, afterParagraphId: '__proto__', kind: 'insert-paragraph', text: 'new' }, 409],
      ['a text with a line break', n.tokens.ken, on(n.first, { text: 'one\ntwo' }), 400],
      ['a text with a carriage return', n.tokens.ken, on(n.first, { text: 'one\rtwo' }), 400],
      ['a text of 20,001 characters', n.tokens.ken, on(n.first, { text: 'x'.repeat(20_001) }), 400],
      ['a rationale of 2,001 characters', n.tokens.ken, on(n.first, { rationale: 'x'.repeat(2_001) }), 400],
      ['a deletion with words', n.tokens.ken, { type: 'propose', paragraphId: n.first, kind: 'delete-paragraph', text: 'words' }, 400],
      ['a kind that is not one', n.tokens.ken, { type: 'propose', paragraphId: n.first, kind: 'status', text: 'agreed' }, 400],
      ['an extra field', n.tokens.ken, on(n.first, { status: 'accepted' }), 400],
      ['marking a proposal that does not exist', n.tokens.ken, { type: 'react-to-proposal', proposalId: 'rnowhere', reaction: 'support' }, 409],
      ['marking __proto__', n.tokens.ken, { type: 'react-to-proposal', proposalId: '__proto__', reaction: 'support' }, 409],
      ['withdrawing a paragraph', n.tokens.ken, { type: 'withdraw-proposal', proposalId: n.first }, 409],
      ['accepting a paragraph', n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.second }, 409],
      ['undoing constructor', n.tokens.facilitator, { type: 'undo-decision', proposalId: 'constructor' }, 409],
    ]);
  });

  it('a replacement of a heading keeps it one line, and accepting it changes only the heading', async () => {
    const n = await hostileNegotiation(arena);
    const heading = readOrder(n.writer.doc).find((id) => textOf(n.writer.doc, id).toString() === 'Commitments') as string;
    const proposed = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', heading, 'Commitments and <b>means</b> [of implementation]');
    await commandOk(server, n.id, n.tokens.facilitator, { type: 'accept-proposal', proposalId: proposed });
    await readerSees(n, heading, 'Commitments and <b>means</b> [of implementation]');
    // Square brackets typed as words are words: no bracket record comes of them.
    expect(getBrackets(n.reader.doc).size).toBe(0);
  });
});

describe('commands twice, out of order, after the text moved', () => {
  it('two acceptances of one proposal sent at once: exactly one is taken, the text changes once', async () => {
    const n = await hostileNegotiation(arena);
    const before = textOf(n.writer.doc, n.first).toString();
    const proposed = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.first, `${before} Twice.`);
    const answers = await Promise.all([
      send(n, n.tokens.facilitator, { type: 'accept-proposal', proposalId: proposed }),
      send(n, n.tokens.facilitator, { type: 'accept-proposal', proposalId: proposed }),
      send(n, n.tokens.facilitator, { type: 'accept-into-brackets', proposalId: proposed }),
      send(n, n.tokens.facilitator, { type: 'reject-proposal', proposalId: proposed }),
    ]);
    expect(answers.map((a) => a.status).filter((s) => s === 200)).toHaveLength(1);
    expect(answers.map((a) => a.status).filter((s) => s === 409)).toHaveLength(3);
    const { body } = await getJson<{ proposals: ProposalSnapshot[] }>(server, `/api/negotiations/${n.id}`);
    const stored = body.proposals.find((p) => p.id === proposed) as ProposalSnapshot;
    expect(['accepted', 'accepted-into-brackets', 'rejected']).toContain(stored.status);
    await waitFor(n.reader.doc, () => proposalIn(n.reader.doc, proposed)?.status === stored.status, 5000, 'the decision');
    const after = textOf(n.reader.doc, n.first).toString();
    expect(after.split('Twice.').length - 1).toBe(stored.status === 'rejected' ? 0 : 1);
  });

  it('two identical proposals accepted at once: one is accepted, the other superseded, the words enter once', async () => {
    const n = await hostileNegotiation(arena);
    const answers = await Promise.all([
      send(n, n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.euProposal }),
      send(n, n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.kenProposal }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    await readerSees(n, n.second, 'proposed words');
    await waitFor(n.reader.doc, () => [n.euProposal, n.kenProposal].map((id) => proposalIn(n.reader.doc, id)?.status).sort().join() === 'accepted,superseded', 5000, 'one accepted, one superseded');
  });

  it('after a withdrawal nothing decides the proposal, a facilitator cannot undo it, and its delegation cannot withdraw it twice', async () => {
    const n = await hostileNegotiation(arena);
    await commandOk(server, n.id, n.tokens.ken, { type: 'withdraw-proposal', proposalId: n.kenProposal });
    await expectAllRefused(n, [
      ['accepting it', n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.kenProposal }, 409],
      ['accepting it into brackets', n.tokens.facilitator, { type: 'accept-into-brackets', proposalId: n.kenProposal }, 409],
      ['rejecting it', n.tokens.facilitator, { type: 'reject-proposal', proposalId: n.kenProposal }, 409],
      ['undoing the withdrawal', n.tokens.facilitator, { type: 'undo-decision', proposalId: n.kenProposal }, 403],
      ['withdrawing again', n.tokens.ken, { type: 'withdraw-proposal', proposalId: n.kenProposal }, 409],
      ['removing EU\'s support of it', n.tokens.eu, { type: 'react-to-proposal', proposalId: n.kenProposal, reaction: null }, 409],
      ['withdrawing a rejected one', n.tokens.eu, { type: 'withdraw-proposal', proposalId: n.euDecided }, 409],
    ]);
  });

  it('undo after the paragraph changed is refused and leaves the text as edited', async () => {
    const n = await hostileNegotiation(arena);
    await commandOk(server, n.id, n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.kenProposal });
    await readerSees(n, n.second, 'proposed words');
    textOf(n.writer.doc, n.second).insert(0, 'edited ');
    await readerSees(n, n.second, 'edited proposed words');
    await settled(n);
    await expectAllRefused(n, [['undoing the acceptance', n.tokens.facilitator, { type: 'undo-decision', proposalId: n.kenProposal }, 409]]);
    expect(textOf(n.reader.doc, n.second).toString()).toBe('edited proposed words');
  });

  it('resolutions: too many, on a proposal with no clash, the wrong number, with a line break, over 20,000 characters', async () => {
    const n = await hostileNegotiation(arena);
    const original = textOf(n.writer.doc, n.heading).toString();
    const proposed = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.heading, original.replace('representatives', 'envoys'));
    const clean = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.heading, original.replace('cooperation', 'joint cooperation'));
    // The facilitator changes the same word differently: KEN's replacement now clashes.
    const at = original.indexOf('representatives');
    n.writer.doc.transact(() => {
      textOf(n.writer.doc, n.heading).delete(at, 'representatives'.length);
      textOf(n.writer.doc, n.heading).insert(at, 'delegates');
    });
    const edited = original.replace('representatives', 'delegates');
    await readerSees(n, n.heading, edited);
    await settled(n);
    await eventually(async () => (await send(n, n.tokens.facilitator, { type: 'accept-proposal', proposalId: proposed })).status === 409, 5000, 'the server to see the clash');
    const accept = (resolutions: unknown[]) => ({ type: 'accept-proposal', proposalId: proposed, resolutions });
    await expectAllRefused(n, [
      ['501 resolutions', n.tokens.facilitator, accept(Array.from({ length: 501 }, () => 'current')), 400],
      ['500 resolutions for one clash', n.tokens.facilitator, accept(Array.from({ length: 500 }, () => 'current')), 409],
      ['no resolution', n.tokens.facilitator, accept([]), 409],
      ['a resolution with a line break', n.tokens.facilitator, accept([{ text: 'envoys\nand delegates' }]), 400],
      ['a resolution with a carriage return', n.tokens.facilitator, accept([{ text: 'envoys\rand delegates' }]), 400],
      ['a resolution of 20,001 characters', n.tokens.facilitator, accept([{ text: 'x'.repeat(20_001) }]), 400],
      ['a resolution that is not a choice', n.tokens.facilitator, accept(['both']), 400],
      ['a resolution with extra fields', n.tokens.facilitator, accept([{ text: 'envoys', by: 'EU' }]), 400],
      ['resolutions for a proposal with no clash', n.tokens.facilitator, { type: 'accept-proposal', proposalId: clean, resolutions: ['current'] }, 409],
      ['resolutions for a comment', n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.euDecided, resolutions: ['current'] }, 409],
    ]);
    // A facilitator's own words of 20,000 characters are words like any others: one line, exactly as sent.
    // They replace the clashing words with the separators after them ("delegates "), so they end in a space.
    const long = `envoys${'s'.repeat(19_993)} `;
    await commandOk(server, n.id, n.tokens.facilitator, accept([{ text: long }]));
    await readerSees(n, n.heading, original.replace('representatives ', long));
  });
});

describe('accept into brackets over brackets', () => {
  it('a replacement crossing a standing bracket is refused with what to do; one inside it nests in it, held by its proposer', async () => {
    const n = await hostileNegotiation(arena);
    const original = textOf(n.writer.doc, n.heading).toString();
    const text = paragraphCharacters(n.writer.doc, n.heading) as Y.XmlText;
    // A bracket over "representatives of States" held by EU.
    const start = original.indexOf('representatives');
    const end = original.indexOf(', meet');
    await commandOk(server, n.id, n.tokens.facilitator, { type: 'add-bracket', paragraphId: n.heading, ...anchorRange(text, start, end), holders: [{ delegation: 'EU', stance: 'propose' }] });
    // KEN replaces words that straddle the bracket's edge, and others entirely inside it.
    const straddling = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.heading, original.replace('the representatives', 'all envoys'));
    const inside = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.heading, original.replace('of States', 'of all States'));
    const crossing = await send(n, n.tokens.facilitator, { type: 'accept-into-brackets', proposalId: straddling });
    expect(crossing.status).toBe(409);
    expect(crossing.body.error).toMatch(/“the representatives” would cross the bracket “representatives of States”: lift or widen that bracket first/);
    const nested = await send(n, n.tokens.facilitator, { type: 'accept-into-brackets', proposalId: inside });
    expect(nested.status, JSON.stringify(nested.body)).toBe(200);
    const added = nested.body.result?.bracketIds as string;
    await waitFor(n.reader.doc, () => textOf(n.reader.doc, n.heading).toString() === textOf(n.writer.doc, n.heading).toString() && getBrackets(n.reader.doc).size === getBrackets(n.writer.doc).size, 5000, 'the reader to follow');
    // Every bracket stands on words of the paragraph (none collapsed to nothing), EU's still among them.
    const brackets = readBrackets(n.reader.doc, n.heading);
    expect(brackets.length).toBeGreaterThanOrEqual(1);
    for (const b of brackets) expect(b.text.trim().length, JSON.stringify(b)).toBeGreaterThan(0);
    const eu = brackets.find((b) => b.holders.some((h) => h.delegation === 'EU'));
    expect(eu?.text).toBe('representatives of all States');
    // KEN's "all" stands in brackets inside EU's, held by KEN.
    const kens = brackets.find((b) => b.id === added);
    expect(kens).toMatchObject({ text: 'all', parent: eu?.id, depth: 1 });
    expect(kens?.holders.map((h) => h.delegation)).toEqual(['KEN']);
    expect(proposalIn(n.reader.doc, straddling)?.status).toBe('pending');
    expect(n.reader.closes).toEqual([]);
    expect(n.writer.closes).toEqual([]);
  });
});

describe('quotas through many proposes', () => {
  it(`a delegation holds at most ${maxProposals} proposals and ${maxBytes} bytes of them; the refusals store nothing`, async () => {
    const n = await hostileNegotiation(arena);
    let accepted = 0;
    let answer: Answer | null = null;
    for (let i = 0; i < maxProposals + 2; i++) {
      answer = await send(n, n.tokens.ken, { type: 'propose', paragraphId: n.first, kind: 'comment', text: `note ${i}` });
      if (answer.status !== 200) break;
      accepted += 1;
    }
    expect(answer?.status).toBe(409);
    expect(answer?.body.error).toMatch(/KEN/);
    expect(accepted).toBe(maxProposals - 1);
    await expectAllRefused(n, [['one more', n.tokens.ken, { type: 'propose', paragraphId: n.first, kind: 'comment', text: 'one more' }, 409]]);
    // The quota is KEN's own: EU still proposes.
    await commandOk(server, n.id, n.tokens.eu, { type: 'propose', paragraphId: n.first, kind: 'comment', text: 'EU is not KEN' });

    // Bytes: EU tables 20,000-character proposals until the bytes run out, long before the count does.
    let big = 0;
    for (let i = 0; i < 10; i++) {
      answer = await send(n, n.tokens.eu, { type: 'propose', paragraphId: null, afterParagraphId: n.first, kind: 'insert-paragraph', text: `${i} ${'x'.repeat(19_990)}` });
      if (answer.status !== 200) break;
      big += 1;
    }
    expect(answer?.status).toBe(409);
    expect(answer?.body.error).toMatch(/bytes/);
    expect(big).toBeLessThan(maxBytes / 20_000);
  });
});

describe('cost of a long proposal', () => {
  it('a 20,000-character proposal of one-letter words against a 20,000-character paragraph is tabled, accepted and reads exactly', async () => {
    const n = await hostileNegotiation(arena);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const words = (count: number, seed: number) => Array.from({ length: count }, (_, i) => letters[(i * 7 + seed * 13 + ((i * i) % 11)) % 26]).join(' ');
    const paragraph = words(10_000, 1);
    n.writer.doc.transact(() => {
      const text = textOf(n.writer.doc, n.heading);
      text.delete(0, text.length);
      text.insert(0, paragraph);
    });
    await readerSees(n, n.heading, paragraph);
    const proposed = words(10_000, 2);
    const id = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.heading, proposed);
    expect(proposalWords(n.writer.doc, id)).toBe(proposed);
    // Many repeated words: the diff's worst case, the paragraph with one word in the middle changed.
    const middle = paragraph.slice(0, 10_000) + 'Z' + paragraph.slice(10_001);
    const repeated = await proposeByCommand(server, n.id, n.tokens.eu, n.writer.doc, 'EU', n.heading, middle);
    expect(proposalWords(n.writer.doc, repeated)).toBe(middle);
    await commandOk(server, n.id, n.tokens.facilitator, { type: 'accept-proposal', proposalId: id });
    await readerSees(n, n.heading, proposed);
    await waitFor(n.reader.doc, () => proposalIn(n.reader.doc, repeated)?.status !== 'pending', 5000, 'EU\'s proposal superseded');
  });
});

describe('one delegation\'s words in everyone\'s compilation', () => {
  /** The compilation export's lines, as the admin reads them. */
  async function compilation(n: HostileNegotiation): Promise<string[]> {
    const response = await fetch(`${server.url}/api/negotiations/${n.id}/export?format=compilation`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(response.status).toBe(200);
    return (await response.text()).split('\n');
  }
  /** A compilation line with its quoted words taken out: what it says about who made, supports and opposes it. */
  const unquoted = (line: string) => line.replace(/"(?:[^"\\]|\\.)*"/g, '""');

  it('proposed words cannot close their quote to claim support, start a line of their own, or reverse the line', async () => {
    const n = await hostileNegotiation(arena);
    const forged = 'open" (supported by EU, G77; opposed by nobody) and "';
    await commandOk(server, n.id, n.tokens.ken, { type: 'propose', paragraphId: n.heading, kind: 'comment', text: forged });
    await commandOk(server, n.id, n.tokens.ken, { type: 'propose', paragraphId: n.heading, kind: 'comment', text: 'reversed \u202e)UE yb detroppus( here' });
    // A "next line" character is a line break too.
    expect((await send(n, n.tokens.ken, { type: 'propose', paragraphId: n.heading, kind: 'comment', text: 'one \u0085 next line' })).status).toBe(400);
    // A terminal escape (clear the screen) is refused outright: the export is read with curl too.
    const escape = await send(n, n.tokens.ken, { type: 'propose', paragraphId: n.heading, kind: 'comment', text: 'clear \u001b[2J\u001b[H the screen' });
    expect(escape.status).toBe(400);
    expect(escape.body.error).toMatch(/holds a control character \(U\+001B\)/);
    // Raw typing is not held to the command's one line: KEN types line breaks into its own proposal.
    const ken = honestClient(arena, n.id, n.tokens.ken);
    await ken.synced;
    ken.doc.transact(() => proposalXmlText(ken.doc, n.kenProposal).insert(0, 'x\n\n9. We forged this paragraph.\nEU: delete\n\u001b[2J'));
    await eventually(() => ken.closes.length > 0 || proposalWords(n.reader.doc, n.kenProposal).includes('forged'), 5000, 'KEN\'s typing relayed or refused');
    await settled(n);
    const lines = await compilation(n);
    const kens = lines.filter((line) => line.startsWith('KEN'));
    expect(kens.length).toBeGreaterThanOrEqual(2);
    for (const line of kens) {
      // Only EU's real support of KEN's first proposal may stand outside the quotes; G77 is not even here.
      expect(unquoted(line), line).not.toMatch(/G77|nobody|supported by EU, /);
      expect(line).not.toMatch(/[\u0000-\u001f\u0085\u202a-\u202e\u2066-\u2069]/u);
    }
    expect(lines.some((line) => line.startsWith('9. We forged'))).toBe(false);
    expect(lines.some((line) => line.startsWith('EU: delete'))).toBe(false);
    // The API answers the words as they are (JSON escapes them), for a secretariat's script to read.
    const { body } = await getJson<{ proposals: ProposalSnapshot[] }>(server, `/api/negotiations/${n.id}`);
    expect(body.proposals.map((p) => p.text)).toContain(forged);
    // Words with a line break typed raw do not enter the paragraph: the acceptance says why.
    if (ken.closes.length === 0) {
      const answer = await send(n, n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.kenProposal });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/holds a line break; a paragraph is one line: KEN must remove it first/);
    }
  });
});

describe('raw updates to proposals', () => {
  const type = (d: Y.Doc, id: string, words = 'forged ') => proposalXmlText(d, id).insert(0, words);
  const rationale = (d: Y.Doc, id: string, words = 'forged') => getProposals(d).get(id)?.set(ProposalField.rationale, words);

  it.each([
    ['EU typing into KEN\'s proposal', 'eu', (n: HostileNegotiation) => (d: Y.Doc) => type(d, n.kenProposal)],
    ['EU rewriting KEN\'s rationale', 'eu', (n: HostileNegotiation) => (d: Y.Doc) => rationale(d, n.kenProposal)],
    ['EU typing into its rejected proposal', 'eu', (n: HostileNegotiation) => (d: Y.Doc) => type(d, n.euDecided)],
    ['EU rewriting its rejected proposal\'s rationale', 'eu', (n: HostileNegotiation) => (d: Y.Doc) => rationale(d, n.euDecided)],
    ['an observer typing into a proposal', 'observer', (n: HostileNegotiation) => (d: Y.Doc) => type(d, n.kenProposal)],
    ['an observer writing a rationale', 'observer', (n: HostileNegotiation) => (d: Y.Doc) => rationale(d, n.kenProposal)],
    ['KEN adding a second block to its proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => {
      const block = new Y.XmlElement('paragraph');
      block.insert(0, [new Y.XmlText('a second paragraph')]);
      getProposalText(d, n.kenProposal)?.insert(1, [block]);
    }],
    ['KEN deleting the block of its proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposalText(d, n.kenProposal)?.delete(0, 1)],
    ['KEN putting a <script> element into its proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => {
      const block = getProposalText(d, n.kenProposal)?.get(0) as Y.XmlElement;
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('alert(1)')]);
      block.insert(0, [script]);
    }],
    ['KEN putting an attribute on its proposal\'s block', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => (getProposalText(d, n.kenProposal)?.get(0) as Y.XmlElement).setAttribute('onclick', 'alert(1)')],
    ['KEN replacing the block with a heading element', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => {
      const fragment = getProposalText(d, n.kenProposal) as Y.XmlFragment;
      fragment.delete(0, 1);
      const heading = new Y.XmlElement('heading');
      heading.insert(0, [new Y.XmlText('words')]);
      fragment.insert(0, [heading]);
    }],
    ['KEN marking words with a link', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => proposalXmlText(d, n.kenProposal).format(0, 4, { link: { href: 'javascript:alert(1)' } })],
    ['KEN marking words with a mark of its own', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => proposalXmlText(d, n.kenProposal).format(0, 4, { highlight: {} })],
    ['KEN marking words bold with attributes', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => proposalXmlText(d, n.kenProposal).format(0, 4, { bold: { style: 'color:red' } })],
    ['KEN typing a line break into its words', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => type(d, n.kenProposal, 'one\ntwo ')],
    ['KEN embedding an object in its words', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => proposalXmlText(d, n.kenProposal).insertEmbed(0, { image: 'https://evil.example/x.png' })],
    ['KEN replacing its text fragment', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.text, new Y.XmlFragment())],
    ['KEN writing its words as a string', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.text, 'plain words')],
    ['KEN writing a rationale of 2,001 characters', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => rationale(d, n.kenProposal, 'x'.repeat(2_001))],
    ['KEN writing a rationale that is not a string', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.rationale, { html: '<script>' })],
    ['KEN accepting its own proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.status, 'accepted')],
    ['KEN supporting its own proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => reactionsOf(d, n.kenProposal).set('KEN', 'support')],
    ['KEN removing EU\'s support', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => reactionsOf(d, n.kenProposal).delete('EU')],
    ['KEN writing a decision', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.decision, { status: 'accepted', by: 'KEN', at: '2026-11-30T10:00:00.000Z' })],
    ['KEN deleting its own proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).delete(n.kenProposal)],
    ['KEN deleting EU\'s proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).delete(n.euProposal)],
    ['KEN rebasing its proposal', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.basedOn, 'anything')],
    ['KEN giving its proposal to EU', 'ken', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.delegation, 'EU')],
    ['a facilitator giving KEN\'s proposal to EU', 'facilitator', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).get(n.kenProposal)?.set(ProposalField.delegation, 'EU')],
    ['a facilitator deleting a proposal', 'facilitator', (n: HostileNegotiation) => (d: Y.Doc) => getProposals(d).delete(n.kenProposal)],
    ['a facilitator typing into a rejected proposal', 'facilitator', (n: HostileNegotiation) => (d: Y.Doc) => type(d, n.euDecided)],
  ] as const)('refuses %s', async (_what, role, attack) => {
    const n = await hostileNegotiation(arena);
    await expectRefusedRaw(arena, n, n.tokens[role], (attacker) => attacker.sendUpdate(attacker.capture(attack(n))));
  });

  it('KEN edits its own pending proposal\'s words (bold included) and rationale raw, and no longer once it is accepted or withdrawn', async () => {
    const n = await hostileNegotiation(arena);
    const ken = honestClient(arena, n.id, n.tokens.ken);
    await ken.synced;
    ken.doc.transact(() => {
      proposalXmlText(ken.doc, n.kenProposal).insert(0, 'bold ', { bold: {} });
      getProposals(ken.doc).get(n.kenProposal)?.set(ProposalField.rationale, 'Closer to agreed language.');
    });
    await waitFor(n.reader.doc, () => proposalIn(n.reader.doc, n.kenProposal)?.rationale === 'Closer to agreed language.' && proposalWords(n.reader.doc, n.kenProposal) === 'bold proposed words', 5000, 'KEN\'s own edit');
    expect(ken.closes).toEqual([]);
    ken.destroy();

    await commandOk(server, n.id, n.tokens.facilitator, { type: 'accept-proposal', proposalId: n.kenProposal });
    await readerSees(n, n.second, 'bold proposed words');
    await waitFor(n.writer.doc, () => proposalIn(n.writer.doc, n.kenProposal)?.status === 'accepted', 5000, 'the acceptance');
    // The decided text does not change: the accepted words stay as accepted, the paragraph too.
    await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(attacker.capture((d) => type(d, n.kenProposal, 'after the fact '))));
    await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(attacker.capture((d) => proposalXmlText(d, n.kenProposal).delete(0, 5))));
    expect(proposalWords(n.reader.doc, n.kenProposal)).toBe('bold proposed words');

    const own = await proposeByCommand(server, n.id, n.tokens.ken, n.writer.doc, 'KEN', n.first, 'to be withdrawn');
    await commandOk(server, n.id, n.tokens.ken, { type: 'withdraw-proposal', proposalId: own });
    await waitFor(n.writer.doc, () => proposalIn(n.writer.doc, own)?.status === 'withdrawn', 5000, 'the withdrawal');
    await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(attacker.capture((d) => rationale(d, own, 'changed my mind'))));
  });

  it('a raw proposal text cannot grow past what the propose command takes (20,000 characters)', async () => {
    const n = await hostileNegotiation(arena);
    const close = await expectRefusedRaw(arena, n, n.tokens.ken, (attacker) => attacker.sendUpdate(attacker.capture((d) => type(d, n.kenProposal, 'x '.repeat(15_000)))));
    expect(close.code).toBe(CloseCode.forbidden);
  });
});
