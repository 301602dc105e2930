/**
 * The facilitators' desk in `npm run bench`: what deciding a command costs (decide alone, and decide plus
 * applying its change) on a 300-paragraph text holding 1,000 brackets, next to applying one keystroke;
 * a command's round trip over HTTP until another person's copy shows it, next to a keystroke's trip through
 * the websocket; and the first paint of the 300-paragraph text with 1,000 brackets next to the same text
 * with none, in Chromium.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import * as Y from 'yjs';
import { decide } from '../../shared/commands/decide.ts';
import type { CommandActor, DecideEnv } from '../../shared/commands/decision.ts';
import { anchorRange, getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { getParagraphs, populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import type { Command } from '../../shared/protocol/commands.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { importText } from '../../shared/import-text.ts';
import { addDelegation, importDraft, invite, sendCommand } from '../helpers/api.ts';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { paragraphXmlText } from '../helpers/paragraph-text.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectClient, waitFor, type YClient } from '../helpers/yjs-client.ts';
import { loadOnce, median, ms, syntheticText, type BenchDocument, type LoadSample } from './browser-bench.ts';
import { microsPerCall, table } from './measure.ts';

const builtClient = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));
const bracketCount = 1_000;
const roundTrips = 40;
const loads = 7;
const chair: CommandActor = { role: Role.facilitator, delegation: null, name: 'Bench chair' };
let idCounter = 0;
const env: DecideEnv = { now: '2026-11-30T12:00:00.000Z', newId: (prefix) => `${prefix}bench${(idCounter += 1)}` };

/** Two bracket commands per paragraph until `count`: a word near the start and, inside a longer stretch, a nested one. */
function bracketCommands(doc: Y.Doc, count: number): Command[] {
  const commands: Command[] = [];
  const ids = readOrder(doc).filter((id) => getParagraphs(doc).get(id)?.get('kind') === 'paragraph');
  for (let i = 0; commands.length < count; i++) {
    const id = ids[i % ids.length] as string;
    const text = paragraphCharacters(doc, id) as Y.XmlText;
    const slot = Math.floor(i / ids.length);
    const from = 10 + slot * 40;
    if (from + 30 > text.length) throw new Error('paragraphs too short for the brackets asked');
    const outer = anchorRange(text, from, from + 30);
    const inner = anchorRange(text, from + 5, from + 15);
    commands.push({ type: 'add-bracket', paragraphId: id, ...outer, holders: [{ delegation: 'EU', stance: 'propose' }, { delegation: 'G77', stance: 'delete' }] });
    if (commands.length < count) commands.push({ type: 'add-bracket', paragraphId: id, ...inner, holders: [{ delegation: 'USA', stance: 'retain' }] });
  }
  return commands;
}

/** A 300-paragraph document with three delegations and `brackets` brackets, built through decide. */
function bracketedDocument(brackets: number): Y.Doc {
  const doc = new Y.Doc();
  populateNegotiation(doc, importText(syntheticText(300)));
  for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77'], ['USA', 'United States']]) getDelegations(doc).set(code as string, { name: name as string });
  for (const command of bracketCommands(doc, brackets)) {
    const decision = decide(doc, chair, command, env);
    if (!decision.ok) throw new Error(`setting up the bench: ${decision.reason}`);
    doc.transact(() => decision.apply(doc));
  }
  return doc;
}

function decideRows(): string[][] {
  const doc = bracketedDocument(bracketCount);
  const ids = readOrder(doc);
  const target = ids[150] as string;
  const bracketIds = [...getBrackets(doc).keys()];
  const someBracket = bracketIds[500] as string;
  const keystroke = (() => {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    let update: Uint8Array | null = null;
    replica.on('update', (u: Uint8Array) => (update = u));
    paragraphXmlText(replica, target).insert(3, 'a');
    return update as unknown as Uint8Array;
  })();
  const text = paragraphCharacters(doc, target) as Y.XmlText;
  const commands: [string, Command][] = [
    ['set-status', { type: 'set-status', paragraphId: target, status: 'agreed' }],
    ['set-floor', { type: 'set-floor', paragraphId: target }],
    ['add-bracket (¶ holds brackets already)', { type: 'add-bracket', paragraphId: target, ...anchorRange(text, 200, 210), holders: [{ delegation: 'EU', stance: 'propose' }] }],
    ['lift-bracket', { type: 'lift-bracket', bracketId: someBracket }],
    ['delete-bracket', { type: 'delete-bracket', bracketId: someBracket }],
    ['split-paragraph', { type: 'split-paragraph', paragraphId: target, at: anchorRange(text, 300, 301).start }],
  ];
  const state = Y.encodeStateAsUpdate(doc);
  const applyKeystroke = timedOnCopies(state, 15, (copy) => Y.applyUpdate(copy, keystroke));
  return commands.map(([name, command]) => {
    const first = decide(doc, chair, command, env);
    if (!first.ok) return [name, 'refused', first.reason, '', ''];
    const decideMicros = microsPerCall(() => decide(doc, chair, command, env), 50);
    // Applying changes the document: each sample decides and applies on a fresh copy, made outside the timing.
    const applyMicros = timedOnCopies(state, 15, (copy) => {
      const decision = decide(copy, chair, command, env);
      if (decision.ok) copy.transact(() => decision.apply(copy));
    });
    return [name, decideMicros.toFixed(1), applyMicros.toFixed(1), applyKeystroke.toFixed(1), (applyMicros / applyKeystroke).toFixed(2)];
  });
}

/** Median µs of `fn` on `runs` fresh copies of the document `state` (copies made outside the timing). */
function timedOnCopies(state: Uint8Array, runs: number, fn: (copy: Y.Doc) => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    const start = process.hrtime.bigint();
    fn(copy);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
    copy.destroy();
  }
  return median(samples);
}

async function roundTripRows(server: TestServer): Promise<string[][]> {
  const created = await importDraft(server, syntheticText(300));
  for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77']]) await addDelegation(server, created.id, code as string, name as string);
  const [facilitator, observer] = await Promise.all([invite(server, created.id, { role: Role.facilitator }), invite(server, created.id, { role: Role.observer })]);
  const writer: YClient = connectClient(server, created.id, facilitator.token);
  const reader: YClient = connectClient(server, created.id, observer.token);
  try {
    await Promise.all([writer.synced, reader.synced]);
    const ids = readOrder(writer.doc);
    const answered: number[] = [];
    const seen: number[] = [];
    for (let i = 0; i < roundTrips; i++) {
      // Agreed, then reopened: every command changes something.
      const target = ids[(Math.floor(i / 2) * 7 + 1) % ids.length] as string;
      const status = i % 2 ? 'pending' : 'agreed';
      const start = performance.now();
      const answer = await sendCommand(server, created.id, facilitator.token, { type: 'set-status', paragraphId: target, status });
      answered.push(performance.now() - start);
      if (answer.status !== 200) throw new Error(`command refused: ${answer.body.error}`);
      await waitFor(reader.doc, () => getParagraphs(reader.doc).get(target)?.get('status') === status, 5_000, 'the status at the reader');
      seen.push(performance.now() - start);
    }
    const typed: number[] = [];
    for (let i = 0; i < roundTrips; i++) {
      const target = ids[(i * 11 + 3) % ids.length] as string;
      const word = `w${i}x`;
      const start = performance.now();
      paragraphXmlText(writer.doc, target).insert(0, word);
      await waitFor(reader.doc, () => paragraphXmlText(reader.doc, target).toString().startsWith(word), 5_000, 'the keystroke at the reader');
      typed.push(performance.now() - start);
    }
    return [
      ['command answered (HTTP POST → 200)', ms(median(answered)), ms(median(typed)), (median(answered) / median(typed)).toFixed(2)],
      ['command seen by another person', ms(median(seen)), ms(median(typed)), (median(seen) / median(typed)).toFixed(2)],
    ];
  } finally {
    for (const client of [writer, reader]) {
      client.destroy();
      client.provider.awareness.destroy();
    }
  }
}

async function firstPaintRows(server: TestServer, browser: Browser): Promise<string[][]> {
  const plain: BenchDocument = { label: 'no brackets', missing: null, text: syntheticText(300) };
  const bracketed: BenchDocument = { label: `${bracketCount} brackets`, missing: null, text: syntheticText(300) };
  for (const doc of [plain, bracketed]) {
    const created = await importDraft(server, doc.text);
    Object.assign(doc, { id: created.id, url: created.url, elements: created.paragraphs + created.headings });
  }
  for (const [code, name] of [['EU', 'European Union'], ['G77', 'Group of 77'], ['USA', 'United States']]) await addDelegation(server, bracketed.id as string, code as string, name as string);
  const facilitator = await invite(server, bracketed.id as string, { role: Role.facilitator });
  const client = connectClient(server, bracketed.id as string, facilitator.token);
  try {
    await client.synced;
    for (const command of bracketCommands(client.doc, bracketCount)) {
      const answer = await sendCommand(server, bracketed.id as string, facilitator.token, command);
      if (answer.status !== 200) throw new Error(`bracket refused: ${answer.body.error}`);
    }
  } finally {
    client.destroy();
    client.provider.awareness.destroy();
  }
  const samples = new Map<BenchDocument, LoadSample[]>([[plain, []], [bracketed, []]]);
  for (const doc of [plain, bracketed]) await loadOnce(browser, doc);
  for (let i = 0; i < loads; i++) for (const doc of i % 2 ? [bracketed, plain] : [plain, bracketed]) samples.get(doc)?.push(await loadOnce(browser, doc));
  const rows: [string, (s: LoadSample) => number][] = [
    ['first contentful paint ms', (s) => s.firstContentfulPaint],
    ['title text painted ms', (s) => s.titlePainted],
    ['synced + every paragraph in DOM ms', (s) => s.allParagraphs],
    ['first editor mounted ms', (s) => s.firstEditor],
    ['JS heap after load MB', (s) => s.heapBytes / 1024 / 1024],
  ];
  return rows.map(([name, pick]) => {
    const a = median(samples.get(plain)!.map(pick));
    const b = median(samples.get(bracketed)!.map(pick));
    return [name, name.endsWith('MB') ? a.toFixed(1) : ms(a), name.endsWith('MB') ? b.toFixed(1) : ms(b), a > 0 ? (b / a).toFixed(2) : '—'];
  });
}

/** Prints the desk section. */
export async function runDeskBench(): Promise<void> {
  console.log(`\nThe facilitators' desk: decide per command on a 300-paragraph text with ${bracketCount} brackets (median µs)`);
  console.log('ratio = decide and apply / applying one keystroke update (both on a copy of the same document)\n');
  console.log(table(['command', 'decide µs', 'decide + apply µs', 'keystroke apply µs', 'ratio'], decideRows()));
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServer({ env: { DRAFTROOM_IDLE_UNLOAD_MS: '60000' } });
    console.log(`\nRound trip on loopback, median of ${roundTrips}: a command (set-status) next to a keystroke through the websocket\n`);
    console.log(table(['measure', 'command ms', 'keystroke ms', 'ratio'], await roundTripRows(server)));
    if (!existsSync(builtClient) || !existsSync(chromiumPath)) {
      console.log('\nfirst paint with brackets skipped: build the page (npm run build) and install chromium');
      return;
    }
    browser = await launchBrowser();
    console.log(`\nFirst paint of the 300-paragraph text, ${bracketCount} brackets next to none (median of ${loads} cold loads each)\n`);
    console.log(table(['measure', 'no brackets', `${bracketCount} brackets`, 'ratio'], await firstPaintRows(server, browser)));
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}
