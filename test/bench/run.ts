/**
 * `npm run bench`: what the permission check costs per update on a 300-paragraph document, next to what
 * applying the same update costs (ratios, in one run), and how long importing the real zero draft takes;
 * then the negotiation page in Chromium, the real zero draft next to a 300-paragraph one (browser-bench.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { exportText } from '../../shared/export-text.ts';
import { importText } from '../../shared/import-text.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { exportDocx } from '../../server/export/docx-export.ts';
import { ThrottledBuilds } from '../../server/export/throttled-builds.ts';
import { getParagraphText, populateNegotiation, readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposalText, ProposalKind, writeProposal } from '../../shared/model/proposal.ts';
import { checkUpdate, type Actor } from '../../shared/permissions/check-update.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { runBrowserBench } from './browser-bench.ts';
import { runConferenceBench } from './conference-bench.ts';
import { runDeskBench } from './desk-bench.ts';
import { conferenceDraft } from './conference/seed.ts';
import { runJudgingBench } from './judging-bench.ts';
import { runProposalsBench } from './proposals-bench.ts';
import { microsPerCall, table } from './measure.ts';

const fixture = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);
const facilitator: Actor = { role: Role.facilitator, delegation: null };
const kenya: Actor = { role: Role.delegation, delegation: 'KEN' };

/** A server document with 300 paragraphs and 200 proposals. */
function setup() {
  const server = new Y.Doc();
  populateNegotiation(server, conferenceDraft(300));
  const ids = readOrder(server);
  for (let i = 0; i < 200; i++) {
    server.transact(() => writeProposal(server, `r${i}`, {
      paragraphId: ids[i % ids.length] ?? null, afterParagraphId: null, delegation: i % 2 ? 'KEN' : 'EU', kind: ProposalKind.replaceText,
      runs: [{ text: 'proposed words' }], basedOn: '', baseMarks: [], rationale: '', createdAt: new Date(Date.UTC(2022, 4, 1, 0, 0, i % 60)).toISOString(),
    }));
  }
  return { server, ids };
}

/** A fresh replica of `doc`, as a client has it after syncing. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}

/** The update one change makes in a fresh replica of `server` (the server document is not changed). */
function updateOf(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = replicaOf(server);
  let captured: Uint8Array | null = null;
  client.on('update', (u: Uint8Array) => (captured = u));
  change(client);
  if (!captured) throw new Error('the change produced no update');
  return captured;
}

/** Median µs to apply `update` to a replica of `server` (replicas prepared outside the timing). */
function microsToApply(server: Y.Doc, update: Uint8Array, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const replica = replicaOf(server);
    const start = process.hrtime.bigint();
    Y.applyUpdate(replica, update);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
    replica.destroy();
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

function benchUpdates(): string[][] {
  const { server, ids } = setup();
  const proposals = [...server.getMap<Y.Map<unknown>>('proposals').entries()];
  const kenyaProposal = proposals.find(([, p]) => p.get('delegation') === 'KEN')?.[0] as string;
  const keystroke = updateOf(server, (c) => ((getParagraphText(c, ids[150] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(10, 'a'));
  const proposalEdit = updateOf(server, (c) => ((getProposalText(c, kenyaProposal)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(5, 'new '));
  const rationale = updateOf(server, (c) => c.getMap<Y.Map<unknown>>('proposals').get(kenyaProposal)?.set('rationale', 'consistency with agreed language'));
  const forbidden = updateOf(server, (c) => ((getParagraphText(c, ids[150] as string)?.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(10, 'a'));
  const fullState = Y.encodeStateAsUpdate(replicaOf(server));
  const anyone = () => true;
  const cases: [string, Actor, Uint8Array][] = [
    ['facilitator keystroke in ¶150', facilitator, keystroke],
    ['delegation types in its own proposal', kenya, proposalEdit],
    ['delegation edits its proposal\'s rationale', kenya, rationale],
    ['delegation types in ¶150 (refused)', kenya, forbidden],
    ['sync step 2: the whole document', kenya, fullState],
  ];
  return cases.map(([name, actor, update]) => {
    const verdict = checkUpdate(server, update, actor, anyone);
    const check = microsPerCall(() => checkUpdate(server, update, actor, anyone), update === fullState ? 5 : 500);
    const apply = microsToApply(server, update, 31);
    return [name, String(update.byteLength), check.toFixed(1), apply.toFixed(1), (check / apply).toFixed(2), verdict.allowed ? 'allowed' : 'refused'];
  });
}

function benchImport(): string[][] {
  if (!existsSync(fixture)) return [['import of the IMRF zero draft', 'fixture missing', '', '']];
  const text = readFileSync(fixture, 'utf8');
  const importMicros = microsPerCall(() => importText(text), 5, 21);
  const populateMicros = microsPerCall(() => populateNegotiation(new Y.Doc(), importText(text)), 5, 21);
  return [
    ['importText (57 ¶, 7 headings, 5 footnotes)', (importMicros / 1000).toFixed(2)],
    ['importText + build the Yjs document', (populateMicros / 1000).toFixed(2)],
  ];
}

/** The exports of a 300-paragraph text: plain text next to .docx, and a .docx asked again of an unchanged text. */
async function benchExports(): Promise<string[][]> {
  const { server } = setup();
  const snapshot = readNegotiation(server);
  const txt = microsPerCall(() => exportText(snapshot), 5, 21);
  const samples: number[] = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    await exportDocx(snapshot);
    samples.push((performance.now() - started) * 1000);
  }
  const docx = samples.sort((a, b) => a - b)[5] as number;
  const builds = new ThrottledBuilds<typeof snapshot, Buffer>(1000);
  const version = async () => '1';
  const read = async () => ({ version: '1', source: snapshot });
  await builds.get('n', version, read, exportDocx);
  const again: number[] = [];
  for (let i = 0; i < 101; i++) {
    const started = performance.now();
    await builds.get('n', version, read, exportDocx);
    again.push((performance.now() - started) * 1000);
  }
  const cached = again.sort((a, b) => a - b)[50] as number;
  return [
    ['plain text (txt)', (txt / 1000).toFixed(2), '1.00'],
    ['Word (.docx), built', (docx / 1000).toFixed(2), (docx / txt).toFixed(1)],
    ['Word (.docx), asked again of an unchanged text', (cached / 1000).toFixed(3), (cached / txt).toFixed(2)],
  ];
}

// BENCH_ONLY=exports runs the exports table alone.
if (process.env.BENCH_ONLY === 'exports') {
  console.log(table(['export', 'ms', 'ratio'], await benchExports()));
  process.exit(0);
}

// BENCH_ONLY=proposals runs the amendments section alone.
if (process.env.BENCH_ONLY === 'proposals') {
  await runProposalsBench();
  process.exit(0);
}

console.log('Permission check per update, 300-paragraph document with 200 proposals (median µs per call)');
console.log('ratio = check / applying the same update to a replica of the document (the work the server does anyway)\n');
console.log(table(['update', 'bytes', 'check µs', 'apply µs', 'ratio', 'verdict'], benchUpdates()));
console.log('\nImport (median ms per call)\n');
console.log(table(['what', 'ms'], benchImport()));
console.log('\nExports of a 300-paragraph text (median ms per call; ratio to the plain text)\n');
console.log(table(['export', 'ms', 'ratio'], await benchExports()));

await runJudgingBench();
await runBrowserBench();
await runDeskBench();
await runConferenceBench();
await runProposalsBench();
