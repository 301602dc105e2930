/**
 * `npm run bench`, judging part: the worst judging time per KB we could construct for each message shape
 * (issue 6), built as large as the 4 MiB message limit and the check's struct limit allow, on the real zero
 * draft with history (test/helpers/fuzz-world.ts), next to an honest keystroke's; then the server's memory
 * with 1,000 connected observers (observer-memory.ts).
 */
import * as Y from 'yjs';
import { getDelegations } from '../../shared/model/delegations.ts';
import { readOrder } from '../../shared/model/negotiation-doc.ts';
import { getProposals } from '../../shared/model/proposal.ts';
import { checkUpdate, type Actor } from '../../shared/permissions/check-update.ts';
import { defaultMaxStructs } from '../../shared/permissions/update-decoding.ts';
import { actAs, buildWorld, clientCopy, draftSource, fuzzActors, paragraphXmlText, type FuzzActor } from '../helpers/fuzz-world.ts';
import { captureUpdate } from '../helpers/raw-client.ts';
import { forgeUpdate, type ForgedGC, type ForgedItem, type ForgedRange } from '../helpers/update-forge.ts';
import { table } from './measure.ts';
import { runObserverMemoryBench } from './observer-memory.ts';

const limit = 4 * 1024 * 1024;
const [facilitator, kenya, , , observer] = fuzzActors as FuzzActor[] as [FuzzActor, FuzzActor, FuzzActor, FuzzActor, FuzzActor];

interface Shape {
  name: string;
  who: FuzzActor;
  doc: Y.Doc;
  update: Uint8Array;
}

/**
 * Median and worst ms of judging `update` (after one warm-up call), over `runs` runs; and, when it is
 * allowed with changes, ms to apply the verdict's update to a copy (what the server does next, in the same turn).
 */
function timeJudging(doc: Y.Doc, update: Uint8Array, actor: Actor, runs: number): { median: number; worst: number; verdict: string; apply: number | null } {
  let verdict = '';
  let allowed: Uint8Array | null = null;
  const judge = () => {
    const start = performance.now();
    try {
      const v = checkUpdate(doc, update, actor, () => true);
      verdict = v.allowed ? (v.changes ? 'allowed' : 'no change') : 'refused';
      allowed = v.allowed && v.changes ? v.update : null;
    } catch (error) {
      verdict = `throws ${(error as Error).name}`;
    }
    return performance.now() - start;
  };
  judge();
  const samples = Array.from({ length: runs }, judge).sort((a, b) => a - b);
  let apply: number | null = null;
  if (allowed) {
    const copy = clientCopy(doc, 0);
    const start = performance.now();
    Y.applyUpdate(copy, allowed);
    apply = performance.now() - start;
  }
  return { median: samples[Math.floor(samples.length / 2)] as number, worst: samples[samples.length - 1] as number, verdict, apply };
}

/** As many copies of `ranges` as fit in the message limit. */
function repeatRanges(ranges: ForgedRange[], bytesEach: number): ForgedRange[] {
  const times = Math.floor((limit - 64) / (ranges.length * bytesEach));
  return Array.from({ length: times }, () => ranges).flat();
}

function shapes(): Shape[] {
  const doc = buildWorld();
  const ids = readOrder(doc);
  const at = (client: number) => Y.getState(doc.store, client);
  const clients = [...doc.store.clients.keys()];
  const deleted: ForgedRange[] = [];
  for (const [client, structs] of doc.store.clients) for (const s of structs) if (s.deleted) for (let c = s.id.clock; c < s.id.clock + s.length; c += 2) deleted.push([client, c, 1]);
  const liveText = paragraphXmlText(doc, ids[10] as string)?._start?.id as Y.ID;
  const [a, b] = kenya.clientIds as [number, number];
  const half = defaultMaxStructs / 2;
  const item = (clock: number, origin: Y.ID): ForgedItem => ({ clock, origin, content: { any: ['x'] } });
  const reactionMap = getProposals(doc).get('reu1')?.get('reactions') as Y.Map<unknown>;
  const reactionParent = (reactionMap as unknown as { _item: Y.Item })._item.id;
  const list: Shape[] = [
    { name: 'honest keystroke (facilitator)', who: facilitator, doc, update: captureUpdate(clientCopy(doc, 1001), (d) => paragraphXmlText(d, ids[20] as string)?.insert(5, 'a')) },
    { name: 'one huge range repeated (observer)', who: observer, doc, update: forgeUpdate(new Map(), repeatRanges([[1, 0, 2 ** 31]], 6)) },
    { name: 'every range of the document repeated (observer)', who: observer, doc, update: forgeUpdate(new Map(), repeatRanges(clients.map((c): ForgedRange => [c, 0, at(c)]), 8)) },
    { name: 'many small ranges over deleted text (observer)', who: observer, doc, update: forgeUpdate(new Map(), repeatRanges(deleted, 8)) },
    { name: 'many small ranges over live text (delegation)', who: kenya, doc, update: forgeUpdate(new Map(), Array.from({ length: Math.floor(limit / 9) }, (_, i): ForgedRange => [liveText.client, liveText.clock + 2 * (i % 20_000), 1])) },
    {
      name: `deep origin chains, ${defaultMaxStructs} structs (delegation)`, who: kenya, doc,
      update: forgeUpdate(new Map([
        [a, Array.from({ length: half }, (_, i) => item(at(a) + i, Y.createID(b, at(b) + i + 1 < at(b) + half ? at(b) + i + 1 : at(b))))],
        [b, Array.from({ length: half }, (_, i) => item(at(b) + i, Y.createID(a, at(a) + i)))],
      ])),
    },
    {
      name: `origin cycles, ${half} pairs (delegation)`, who: kenya, doc,
      update: forgeUpdate(new Map([
        [a, Array.from({ length: half }, (_, i) => item(at(a) + i, Y.createID(b, at(b) + i)))],
        [b, Array.from({ length: half }, (_, i) => item(at(b) + i, Y.createID(a, at(a) + i)))],
      ])),
    },
    {
      name: `many map keys, ${defaultMaxStructs} reactions (delegation)`, who: kenya, doc,
      update: forgeUpdate(new Map([[a, Array.from({ length: defaultMaxStructs }, (_, i) => ({ clock: at(a) + i, parent: reactionParent, parentSub: `K${i}`, content: { any: ['support'] } }))]])),
    },
    {
      name: `many map keys, ${defaultMaxStructs} delegations (facilitator)`, who: facilitator, doc,
      update: captureUpdate(clientCopy(doc, 1001), (d) => { for (let i = 0; i < defaultMaxStructs; i++) getDelegations(d).set(`D${i}`, { name: `Delegation ${i}` }); }),
    },
    { name: `GC only, ${defaultMaxStructs} structs (facilitator)`, who: facilitator, doc, update: forgeUpdate(new Map([[1001, Array.from({ length: defaultMaxStructs }, (_, i): ForgedGC => ({ clock: at(1001) + i, gc: 1 }))]])) },
    {
      name: 'own reaction (commands only) + a range over deleted history repeated (delegation)', who: kenya, doc,
      update: forgeUpdate(new Map([[a, [{ clock: at(a), parent: reactionParent, parentSub: 'KEN', content: { any: ['support'] } }]]]), repeatRanges([[2002, 0, 2]], 2)),
    },
    { name: 'large honest insert, 3.9 MB of text (facilitator)', who: facilitator, doc, update: captureUpdate(clientCopy(doc, 1001), (d) => paragraphXmlText(d, ids[30] as string)?.insert(3, 'negotiated words '.repeat(230_000))) },
    { name: 'full sync step 2 of the document (observer)', who: observer, doc, update: Y.encodeStateAsUpdate(doc) },
  ];
  list.push(largeDelete());
  return list;
}

/** A facilitator deleting a paragraph of 150,000 separate items (typed one by one, back to front). */
function largeDelete(): Shape {
  const doc = buildWorld();
  const id = readOrder(doc)[12] as string;
  actAs(doc, 1002, (d) => {
    const text = paragraphXmlText(d, id) as Y.XmlText;
    for (let i = 0; i < 150_000; i++) text.insert(0, i % 2 ? 'a' : 'b');
  });
  const update = captureUpdate(clientCopy(doc, 1001), (d) => {
    const text = paragraphXmlText(d, id) as Y.XmlText;
    text.delete(0, text.length);
  });
  return { name: 'large honest delete, 150,000 items (facilitator)', who: facilitator, doc, update };
}

/** Prints the table of judging costs per message shape, and the server's memory with 1,000 observers. */
export async function runJudgingBench(): Promise<void> {
  const list = shapes();
  const rows = list.map((shape) => {
    const judge = () => checkUpdate(shape.doc, Y.encodeStateAsUpdate(new Y.Doc()), shape.who.actor, () => true);
    judge(); // builds the document's indexes, as a loaded room has them
    const time = timeJudging(shape.doc, shape.update, shape.who.actor, shape.update.length > 100_000 ? 3 : 21);
    return { shape, ...time, perKb: (time.median * 1000) / (shape.update.length / 1024) };
  });
  const keystroke = rows[0]?.perKb ?? 1;
  console.log(`\nJudging time per message shape, ${draftSource.name} with proposals and history (median of runs; µs per KB of message)\n`);
  console.log(table(['message', 'bytes', 'median ms', 'worst ms', 'µs per KB', 'ratio to keystroke', 'verdict', 'then apply ms'], rows.map((r) => [
    r.shape.name, String(r.shape.update.length), r.median.toFixed(2), r.worst.toFixed(2), r.perKb.toFixed(1), (r.perKb / keystroke).toFixed(3), r.verdict,
    r.apply === null ? '' : r.apply.toFixed(1),
  ])));
  const worst = rows.reduce((w, r) => (r.worst + (r.apply ?? 0) > w.worst + (w.apply ?? 0) ? r : w));
  console.log(`\nWorst single message: ${worst.shape.name}, ${worst.shape.update.length} bytes, judged in ${worst.worst.toFixed(1)} ms` +
    `${worst.apply === null ? '' : ` and applied in ${worst.apply.toFixed(1)} ms`} (target: under 100 ms within the 4 MiB limit)`);
  await runObserverMemoryBench();
}
