/**
 * Proposals at the scale of a first reading in `npm run bench`: 2,000 proposals (replacements changing a few
 * words, comments, reactions from several delegations) on a 300-paragraph text built from the real zero draft,
 * next to the same text with none: the redline's cost per keystroke and what a remote keystroke costs the
 * page's proposal store (Node); the first paint of the page, the bytes a joining page downloads and typing
 * latency while 50 remote edits a second arrive (Chromium, real server). Proposals are written into the stored
 * document while the server is stopped, as the server stores a command's change.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { readProposals } from '../../shared/model/proposal.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { addDelegation, importDraft, invite } from '../helpers/api.ts';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { paragraphXmlText } from '../helpers/paragraph-text.ts';
import { changeStoredDocument, numberedParagraphs, proposalXmlText, writeProposals } from '../helpers/proposal-seed.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectClient, type YClient } from '../helpers/yjs-client.ts';
import { median, ms, type BenchDocument } from './browser-bench.ts';
import { table } from './measure.ts';
import { joinBytes, loadPage, typingLatency, type PageLoad, type TypingResult } from './proposals-page.ts';
import { benchDelegations, redlineRows, storeRows } from './proposals-redline.ts';
import { repeatedFixtureText } from './proposals-text.ts';

const builtClient = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));
const proposalCount = 2_000;
/** Proposals of the typing delegation in the small document: one typed in, the others written to remotely. */
const fewProposals = 6;
const loads = Number(process.env.PROPOSALS_BENCH_LOADS ?? 5);
const serverEnv = {
  DRAFTROOM_IDLE_UNLOAD_MS: '600000',
  DRAFTROOM_MESSAGES_PER_SECOND: '10000',
  DRAFTROOM_BYTES_PER_SECOND: '1073741824',
} as const;

/** One negotiation of the bench: its proposals, page, links and element count. */
interface Negotiation extends BenchDocument {
  proposals: number;
  facilitatorToken: string;
  delegationUrl: string;
  delegationToken: string;
  stateBytes: number;
}

async function createNegotiation(server: TestServer, label: string, proposals: number, text: string): Promise<Negotiation> {
  const created = await importDraft(server, text);
  for (const code of benchDelegations) await addDelegation(server, created.id, code, `Delegation ${code}`);
  const facilitator = await invite(server, created.id, { role: Role.facilitator, label: 'bench remote writer' });
  const eu = await invite(server, created.id, { role: Role.delegation, delegation: 'EU' });
  return {
    label, missing: null, text, id: created.id, url: created.url, elements: created.paragraphs + created.headings,
    proposals, facilitatorToken: facilitator.token, delegationUrl: eu.url, delegationToken: eu.token, stateBytes: 0,
  };
}

/** Imports the three negotiations, stops the server to write their proposals, and starts it again on the same data. */
async function prepare(): Promise<{ server: TestServer; none: Negotiation; few: Negotiation; many: Negotiation }> {
  const text = repeatedFixtureText(300);
  const first = await startServer({ env: serverEnv });
  let none: Negotiation, few: Negotiation, many: Negotiation;
  try {
    none = await createNegotiation(first, 'no proposals', 0, text);
    few = await createNegotiation(first, `${fewProposals} proposals`, fewProposals, text);
    many = await createNegotiation(first, `${proposalCount.toLocaleString('en')} proposals`, proposalCount, text);
  } finally {
    await first.stop();
  }
  // Seeded: every run writes the same proposals. The few are all the typing delegation's (EU).
  await changeStoredDocument(first.dataDir, few.id as string, (doc) => writeProposals(doc, fewProposals, ['EU'], new Rng(9)));
  await changeStoredDocument(first.dataDir, many.id as string, (doc) => writeProposals(doc, proposalCount, benchDelegations, new Rng(9)));
  const server = await startServer({ dataDir: first.dataDir, port: first.port, env: serverEnv });
  for (const negotiation of [none, few, many]) negotiation.stateBytes = await stateBytes(server, negotiation);
  return { server, none, few, many };
}

/** The document's whole state as one update, in bytes (what a new copy needs at least); checks the proposals arrived. */
async function stateBytes(server: TestServer, negotiation: Negotiation): Promise<number> {
  const client = connectClient(server, negotiation.id as string, negotiation.facilitatorToken);
  try {
    await client.synced;
    const proposals = client.doc.getMap('proposals').size;
    if (proposals !== negotiation.proposals) throw new Error(`${negotiation.label}: the server holds ${proposals} proposals`);
    return Y.encodeStateAsUpdate(client.doc).byteLength;
  } finally {
    endClient(client);
  }
}

function endClient(client: YClient): void {
  // The provider leaves its awareness (and that awareness's interval timer) alive: end both.
  client.destroy();
  client.provider.awareness.destroy();
  client.doc.destroy();
}

async function firstPaintRows(browser: Browser, none: Negotiation, many: Negotiation): Promise<string[][]> {
  const samples = new Map<Negotiation, PageLoad[]>([[none, []], [many, []]]);
  const failed = new Map<Negotiation, string[]>([[none, []], [many, []]]);
  // A load that does not finish is reported, not fatal: the other figures still mean something.
  const load = async (doc: Negotiation) => {
    try {
      samples.get(doc)?.push(await loadPage(browser, doc.url as string, doc.elements as number));
    } catch (error) {
      failed.get(doc)?.push(error instanceof Error ? error.message.split('\n')[0] as string : String(error));
    }
  };
  for (const doc of [none, many]) await load(doc);
  for (const doc of [none, many]) samples.set(doc, []);
  for (let i = 0; i < loads; i++) for (const doc of i % 2 ? [many, none] : [none, many]) await load(doc);
  const rows: [string, (s: PageLoad) => number][] = [
    ['first contentful paint ms', (s) => s.firstContentfulPaint],
    ['title text painted ms', (s) => s.titlePainted],
    ['synced + every paragraph in DOM ms', (s) => s.allParagraphs],
    ['first editor mounted ms', (s) => s.firstEditor],
    ['DOM settled (quiet for 1 s after) ms', (s) => s.settled],
    ['editors mounted once settled', (s) => s.editors],
    ['JS heap after load, after GC, MB', (s) => s.heapBytes / 1024 / 1024],
  ];
  const body = rows.map(([name, pick]) => {
    const values = [none, many].map((doc) => (samples.get(doc)!.length > 0 ? median(samples.get(doc)!.map(pick)) : -1));
    const [a, b] = values as [number, number];
    const format = (v: number) => (v < 0 ? 'n/a' : name.endsWith('MB') ? v.toFixed(1) : name.startsWith('editors') ? v.toFixed(0) : ms(v));
    return [name, format(a), format(b), a > 0 && b > 0 ? (b / a).toFixed(2) : '—'];
  });
  body.push(['loads that did not finish (of warm-up + ' + loads + ')', String(failed.get(none)!.length), String(failed.get(many)!.length), '']);
  for (const [doc, reasons] of failed) for (const reason of new Set(reasons)) console.log(`${doc.label}: ${reason}`);
  return body;
}

async function bytesRows(browser: Browser, none: Negotiation, many: Negotiation): Promise<string[][]> {
  const a = await joinBytes(browser, none.url as string, none.elements as number);
  const b = await joinBytes(browser, many.url as string, many.elements as number);
  const kb = (n: number) => (n / 1024).toFixed(1);
  const row = (name: string, x: number, y: number) => [name, kb(x), kb(y), x > 0 ? (y / x).toFixed(2) : '—'];
  return [
    row('HTTP (page, scripts, styles, API), KB on the wire', a.http, b.http),
    row('websocket received (sync, presence), KB', a.wsReceived, b.wsReceived),
    row('websocket sent, KB', a.wsSent, b.wsSent),
    row('total downloaded, KB', a.http + a.wsReceived, b.http + b.wsReceived),
    row('the document as one Yjs update, KB', none.stateBytes, many.stateBytes),
  ];
}

/** A remote writer: a Node client that inserts a letter, then deletes it, turn by turn over `targets`. */
async function remoteWriter(server: TestServer, negotiation: Negotiation, token: string, targets: (doc: Y.Doc) => Y.XmlText[]): Promise<{ client: YClient; edit: (i: number) => void }> {
  const client = connectClient(server, negotiation.id as string, token);
  await client.synced;
  const texts = targets(client.doc);
  const edit = (i: number) => {
    const text = texts[Math.floor(i / 2) % texts.length] as Y.XmlText;
    const at = Math.min(text.length, 5 + (Math.floor(i / 2) % 40));
    if (i % 2 === 0) text.insert(at, 'x');
    else text.delete(at, 1);
  };
  return { client, edit };
}

/** The mounted editor of paragraph `id` (editors mount near the viewport). */
function paragraphEditor(page: Page, id: string) {
  return page.locator(`[data-paragraph-id="${id}"][data-mounted="editor"] .para-host > .ProseMirror[contenteditable="true"]`);
}

function typingRows(results: [string, TypingResult, TypingResult][]): string[][] {
  return results.flatMap(([what, a, b]) => [
    [`${what}: keystroke → paint p50 ms`, ms(a.p50), ms(b.p50), (b.p50 / a.p50).toFixed(2)],
    [`${what}: keystroke → paint p95 ms`, ms(a.p95), ms(b.p95), (b.p95 / a.p95).toFixed(2)],
    [`${what}: main thread busy ms/s`, a.busyMsPerSecond.toFixed(0), b.busyMsPerSecond.toFixed(0), (b.busyMsPerSecond / a.busyMsPerSecond).toFixed(2)],
    [`${what}: of which script ms/s`, a.scriptMsPerSecond.toFixed(0), b.scriptMsPerSecond.toFixed(0), (b.scriptMsPerSecond / a.scriptMsPerSecond).toFixed(2)],
    [`${what}: remote edits/s sent; letters landed`, `${a.remoteEditsPerSecond.toFixed(0)}; ${a.landed}/${a.typed}`, `${b.remoteEditsPerSecond.toFixed(0)}; ${b.landed}/${b.typed}`, ''],
  ]);
}

/** Typing in a paragraph editor (facilitator) while another facilitator's client edits ten other paragraphs. */
async function paragraphTyping(server: TestServer, browser: Browser, doc: Negotiation): Promise<TypingResult> {
  const writer = await remoteWriter(server, doc, doc.facilitatorToken, (d) => numberedParagraphs(d).slice(20, 30).map((id) => paragraphXmlText(d, id)));
  try {
    const typed = numberedParagraphs(writer.client.doc)[1] as string;
    return await typingLatency(browser, { url: doc.url as string, elements: doc.elements as number, editor: async (page) => paragraphEditor(page, typed) }, writer.edit);
  } finally {
    endClient(writer.client);
  }
}

/** The typing delegation's (EU's) proposals other than `typed`, oldest first: where its remote client writes. */
function otherProposalsOfEu(doc: Y.Doc, typed: string): Y.XmlText[] {
  return readProposals(doc).filter((p) => p.delegation === 'EU' && p.id !== typed).slice(0, 10).map((p) => proposalXmlText(doc, p.id));
}

/** Typing in EU's first proposal (EU's page) while another EU client types in ten other EU proposals; the reason instead when the server refuses the remote edits. */
async function proposalTyping(server: TestServer, browser: Browser, doc: Negotiation): Promise<TypingResult | string> {
  const writer = await remoteWriter(server, doc, doc.delegationToken, (d) => otherProposalsOfEu(d, 'bench0'));
  try {
    const result = await typingLatency(browser, {
      url: doc.delegationUrl,
      elements: doc.elements as number,
      // A proposal's editor mounts on request (its "Edit the words" button), as a person opens it.
      editor: async (page) => {
        await page.locator('[data-proposal-id="bench0"] [data-testid="proposal-edit-words"]').click();
        return page.locator(`[data-proposal-id="bench0"] [data-testid="proposal-editor"] .ProseMirror[contenteditable="true"]`);
      },
    }, writer.edit);
    const refused = writer.client.closes[0];
    return refused ? `remote edits refused: ${refused.code} ${refused.reason}` : result;
  } finally {
    endClient(writer.client);
  }
}

/** Prints the proposals section; `BENCH_ONLY=proposals` in run.ts runs only this one. */
export async function runProposalsBench(): Promise<void> {
  console.log(`\nProposals: redline per keystroke (median µs), ${proposalCount.toLocaleString('en')} proposals on a 300-paragraph text built from the zero draft`);
  console.log('ratio = the redline work / applying the keystroke\'s Yjs update to a copy of the document\n');
  console.log(table(['measure', 'µs', 'keystroke apply µs', 'ratio'], redlineRows()));
  console.log(`\nA remote keystroke in one proposal, applied to a copy the page's proposal store follows (client/sync/proposal-store.ts), median µs\n`);
  console.log(table(['measure', `${fewProposals} proposals`, `${proposalCount.toLocaleString('en')} proposals`, 'ratio'], storeRows(fewProposals)));
  if (!existsSync(builtClient) || !existsSync(chromiumPath)) {
    console.log('\nthe page with proposals skipped: build the page (npm run build) and install chromium');
    return;
  }
  const started = Date.now();
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    const prepared = await prepare();
    server = prepared.server;
    const { none, many } = prepared;
    browser = await launchBrowser();
    console.log(`\nFirst paint of the 300-paragraph text, ${many.label} next to none (median of ${loads} cold loads each, facilitator's page)\n`);
    console.log(table(['measure', none.label, many.label, 'ratio'], await firstPaintRows(browser, none, many)));
    console.log('\nWhat a joining page downloads (facilitator\'s page, cache off, until synced with every paragraph in the DOM + 1 s)\n');
    console.log(table(['measure', none.label, many.label, 'ratio'], await bytesRows(browser, none, many)));
    const { few } = prepared;
    const inProposal = [await proposalTyping(server, browser, few), await proposalTyping(server, browser, many)] as const;
    console.log(`\nTyping in a proposal editor (EU's page, its proposal on ¶1) at 10 keys/s while another EU client writes 50 remote edits a second (a letter inserted or deleted) in ten other EU proposals; 80 keys each\n`);
    if (typeof inProposal[0] === 'string' || typeof inProposal[1] === 'string') console.log(`not measured: ${inProposal.find((r) => typeof r === 'string')}`);
    else console.log(table(['measure', few.label, many.label, 'ratio'], typingRows([['proposal editor', inProposal[0], inProposal[1]]])));
    const inParagraph = [await paragraphTyping(server, browser, none), await paragraphTyping(server, browser, many)] as const;
    console.log('\nTyping in a paragraph editor (facilitator\'s page, ¶2) at 10 keys/s while another facilitator client writes 50 remote edits a second in ten other paragraphs; 80 keys each\n');
    console.log(table(['measure', none.label, many.label, 'ratio'], typingRows([['paragraph editor', inParagraph[0], inParagraph[1]]])));
    console.log(`\n(proposals section took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}
