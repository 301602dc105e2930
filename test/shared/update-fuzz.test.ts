/**
 * A seeded, structure-aware fuzzer of checkUpdate (issue 6). Honest changes of every role are made on a
 * client's copy of the real zero draft with history, then mutated into forbidden or tricky shapes
 * (test/helpers/update-mutators.ts) and judged. Oracle, independent of the check: whatever is allowed is
 * applied to a copy, and nothing outside the sender's scope may differ (test/helpers/scope-oracle.ts);
 * applying never throws; checkUpdate throws nothing but InvalidInputError; honest changes pass; and judging
 * time stays within 5 ms + `msPerKb` per KB of message.
 *
 * FUZZ_SEED=<n> replays a run (the seed is printed on failure), FUZZ_QUICK=1 runs for 8 s instead of 50 s,
 * FUZZ_CASE=<i> runs only case i of the seed.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getMeta, getParagraphs, readOrder } from '../../shared/model/negotiation-doc.ts';
import { ParagraphStatus } from '../../shared/model/paragraph.ts';
import { getProposals, ProposalStatus } from '../../shared/model/proposal.ts';
import { checkUpdate } from '../../shared/permissions/check-update.ts';
import { collectTargets } from '../helpers/doc-targets.ts';
import { runCase, timeBound, type FuzzBase, type FuzzFailure } from '../helpers/fuzz-case.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { buildWorld, clientCopy, draftSource, fuzzActors, mayWriteAsFor } from '../helpers/fuzz-world.ts';
import { honestChange } from '../helpers/honest-changes.ts';
import { schemaProblems } from '../helpers/doc-schema.ts';
import { canonical } from '../helpers/scope-oracle.ts';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1e9);
const quick = process.env.FUZZ_QUICK === '1';
const onlyCase = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);
const budgetMs = quick ? 8_000 : 50_000;
/**
 * Judging may take 20 ms plus 4 ms per KB of CPU time (cpuMs: other processes on the cores do not count). Measured by `npm run bench` on this document, an
 * honest large paste costs about 1 µs per KB, a whole-document sync step 2 about 20, and the worst linear
 * hostile shapes (4 MiB of delete ranges, 10,000 map keys) 40–200 µs per KB: the bound leaves a wide margin for
 * a noisy two-core machine, while cost that grows with message × document, or faster than linearly in the
 * message (origin cycles cost 20 ms per KB when found), passes it within a few KB. The 20 ms absorb
 * garbage collection and the per-message work proportional to this (small) document. The absolute target
 * (under 100 ms for any message within the 4 MiB limit) is the bench's, and update-fuzz-findings' to hold.
 */
const msPerKb = 4;
const evolveEvery = 60;

/** Case i's randomness: independent of every other case, so a failing case replays alone. */
function caseRng(i: number): Rng {
  return new Rng(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35));
}

function baseOf(doc: Y.Doc): FuzzBase {
  const base = { doc, state: Y.encodeStateAsUpdate(doc), targets: collectTargets(doc), canonical: canonical(doc) };
  // Builds the check's per-document indexes once, as a loaded room does before its first message.
  checkUpdate(doc, Y.encodeStateAsUpdate(new Y.Doc()), fuzzActors[0]!.actor, () => true);
  return base;
}

/**
 * Moves the document on by one allowed honest change (a facilitator's or a delegation's), and every third
 * time by a decision the server applies itself (a paragraph agreed, agreed ad ref or reopened; the floor),
 * so that which paragraphs are locked changes during a run.
 */
function evolve(base: FuzzBase, i: number): FuzzBase {
  const rng = new Rng(seed + 7 * i);
  if ((i / evolveEvery) % 3 === 2) {
    const ids = readOrder(base.doc);
    const id = rng.pick(ids);
    base.doc.transact(() => {
      const proposals = [...getProposals(base.doc).keys()];
      if (rng.chance(0.3) && proposals.length > 0) {
        // A decision on a proposal (or undoing one): its words and rationale freeze, or open again.
        getProposals(base.doc).get(rng.pick(proposals))?.set('status', rng.pick(Object.values(ProposalStatus)));
      } else if (rng.chance(0.8)) {
        const status = rng.pick(Object.values(ParagraphStatus));
        getParagraphs(base.doc).get(id)?.set('status', status);
        getParagraphs(base.doc).get(id)?.set('statusNote', status === ParagraphStatus.agreedAdRef ? 'pending confirmation from capital' : '');
      } else getMeta(base.doc).set('floor', id);
    });
    return baseOf(base.doc);
  }
  const who = rng.pick(fuzzActors.filter((a) => a.actor.role !== 'observer'));
  const change = honestChange(base.doc, base.state, who, rng);
  const verdict = checkUpdate(base.doc, change.update, who.actor, mayWriteAsFor(base.doc, who));
  if (!verdict.allowed || !verdict.changes) return base;
  Y.applyUpdate(base.doc, verdict.update);
  return baseOf(base.doc);
}

/** A failure's class: its kind and the first problem, with ids, numbers and values left out. */
function classOf(failure: FuzzFailure): string {
  const first = failure.detail.split('; ')[0] ?? '';
  const shape = failure.kind === 'slow' ? '' : first.replace(/\/(r|p)[A-Za-z0-9_-]{4,}/g, '/<id>').replace(/ (reads|to|from) .*$/, ' $1 …').replace(/\d+/g, 'N');
  return `${failure.kind}${shape ? `: ${shape}` : ''}`;
}

function describeFailures(failures: FuzzFailure[]): string {
  const byKind = new Map<string, FuzzFailure[]>();
  for (const f of failures) byKind.set(classOf(f), [...(byKind.get(classOf(f)) ?? []), f]);
  return [...byKind].map(([kind, list]) => [
    `${kind}: ${list.length} case(s)`,
    ...[...list].sort((a, b) => a.bytes - b.bytes).slice(0, 2).map((f) => `  [${f.role}] ${f.what}\n    ${f.detail}\n    ${f.bytes} bytes${f.update ? `: ${f.update.slice(0, 600)}` : ''}`),
  ].join('\n')).join('\n');
}

describe(`update fuzzer on ${draftSource.name}`, () => {
  it('starts from a document that fits the schema, and a client copy the oracle sees as unchanged', () => {
    const doc = buildWorld();
    expect(schemaProblems(doc)).toEqual([]);
    expect(canonical(clientCopy(doc, 0))).toEqual(canonical(doc));
  });

  it(`judges mutated updates without letting anything out of scope (FUZZ_SEED=${seed}${quick ? ', quick' : ''})`, () => {
    const started = performance.now();
    const counts = { cases: 0, allowed: 0, refused: 0, threw: 0 };
    const failures: FuzzFailure[] = [];
    const notes: string[] = [];
    let worst = { ratio: 0, ms: 0, bytes: 0, what: '' };
    let i = 0;
    try {
      let base = baseOf(buildWorld());
      for (; performance.now() - started < budgetMs; i++) {
        if (i > 0 && i % evolveEvery === 0) base = evolve(base, i);
        if (onlyCase !== null && i !== onlyCase) {
          if (i > onlyCase) break;
          continue;
        }
        const result = runCase(base, caseRng(i), msPerKb);
        counts.cases++;
        counts[result.verdict]++;
        const ratio = result.ms / timeBound(result.bytes, msPerKb);
        if (ratio > worst.ratio) worst = { ratio, ms: result.ms, bytes: result.bytes, what: result.what };
        for (const f of result.failures) failures.push({ ...f, what: `case ${i}: ${f.what}` });
        for (const note of result.notes) notes.push(`case ${i}: ${note}`);
      }
      console.log(
        `update fuzzer FUZZ_SEED=${seed}: ${counts.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
          `(${counts.allowed} allowed, ${counts.refused} refused, ${counts.threw} malformed); slowest against its bound: ` +
          `${worst.ms.toFixed(2)} ms for ${worst.bytes} bytes (${(worst.ratio * 100).toFixed(0)}% of the bound) in ${worst.what.slice(0, 160)}`,
      );
      if (notes.length > 0) console.log(`notes (${notes.length}, not failures):\n${notes.slice(0, 8).map((n) => n.slice(0, 600)).join('\n')}`);
      expect(counts.cases).toBeGreaterThan(0);
      if (failures.length > 0) throw new Error(`${failures.length} failing case(s)\n${describeFailures(failures)}`);
    } catch (error) {
      console.log(`update fuzzer failed: FUZZ_SEED=${seed} (replay with FUZZ_SEED=${seed}; FUZZ_CASE=<i> for one case)`);
      throw new Error(`FUZZ_SEED=${seed}: ${(error as Error).message}`, { cause: error });
    }
  }, budgetMs + 120_000);
});
