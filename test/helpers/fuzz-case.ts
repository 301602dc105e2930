/**
 * One case of the update fuzzer: make an honest change of some role, perhaps judge it as another role,
 * mutate it (structure-aware, sometimes byte-level), judge it, time the judging, and hold the verdict to the
 * oracle (test/helpers/scope-oracle.ts) by applying what was allowed to a copy of the document.
 */
import * as Y from 'yjs';
import { InvalidInputError, TooLargeError } from '../../shared/errors.ts';
import { checkUpdate, type UpdateVerdict } from '../../shared/permissions/check-update.ts';
import type { DocTargets } from './doc-targets.ts';
import { mutateBytes, type Rng } from './fuzz-random.ts';
import { clientCopy, fuzzActors, mayWriteAsFor, serverClientId, type FuzzActor } from './fuzz-world.ts';
import { honestChange } from './honest-changes.ts';
import { canonical, scopeViolations } from './scope-oracle.ts';
import { mutate } from './update-mutators.ts';
import { readForged, writeForged } from './update-model.ts';

/** The document a case is judged against: the server's copy, its encoded state and its targets. */
export interface FuzzBase {
  doc: Y.Doc;
  state: Uint8Array;
  targets: DocTargets;
  /** canonical(doc), for the oracle. */
  canonical: Record<string, string>;
}

/** Something the oracle (or the timing bound) objects to. */
export interface FuzzFailure {
  kind: 'threw' | 'apply threw' | 'left pending' | 'out of scope' | 'slow' | 'honest refused';
  detail: string;
  role: string;
  what: string;
  bytes: number;
  /** The update, base64, when it is small enough to quote. */
  update: string | null;
}

/** What a case did. */
export interface CaseResult {
  verdict: 'allowed' | 'refused' | 'threw';
  bytes: number;
  /** Judging time (the minimum of repeats when the first run was over the bound). */
  ms: number;
  what: string;
  failures: FuzzFailure[];
  /** Findings that are not failures: honest changes refused, "no change" verdicts Yjs would apply with effect. */
  notes: string[];
}

/** Judging time allowed for a message of `bytes`: a constant plus `msPerKb` per 1,000 bytes. */
export function timeBound(bytes: number, msPerKb: number): number {
  return 20 + (bytes / 1000) * msPerKb;
}

/**
 * Runs `work` and returns the milliseconds of CPU this process spent on it: unlike wall time, it does not
 * grow when other processes share the cores (this runs in its own test process).
 */
export function cpuMs<T>(work: () => T): { value: T; ms: number } {
  const before = process.cpuUsage();
  const value = work();
  const spent = process.cpuUsage(before);
  return { value, ms: (spent.user + spent.system) / 1000 };
}

const weights = (): (readonly [number, FuzzActor])[] =>
  fuzzActors.map((a) => [a.actor.role === 'facilitator' ? 35 : a.actor.role === 'observer' ? 20 : 15, a] as const);

/** Runs one case against `base` (never changed). */
export function runCase(base: FuzzBase, rng: Rng, msPerKb: number): CaseResult {
  const who = rng.weighted(weights());
  const others = fuzzActors.filter((a) => a !== who && a.actor.role !== 'observer');
  const source = rng.chance(0.2) ? rng.pick(others) : who;
  const honest = honestChange(base.doc, base.state, source, rng);
  const parts = [source === who ? honest.name : `${honest.name}, sent by ${who.label}`];
  let update = honest.update;
  let mutated = source !== who ? rng.chance(0.5) : rng.chance(0.75);
  if (mutated) {
    const model = readForged(update);
    const foreignIds = [serverClientId, ...fuzzActors.filter((a) => a !== who).flatMap((a) => a.clientIds)];
    parts.push(...mutate(model, { rng, targets: base.targets, ownIds: who.clientIds, foreignIds }));
    update = writeForged(model);
  }
  if (rng.chance(0.08)) {
    const flipped = mutateBytes(update, rng);
    update = flipped.bytes;
    mutated = true;
    parts.push(`bytes ${flipped.what}`);
  }
  const what = parts.join(' → ');
  const mayWriteAs = mayWriteAsFor(base.doc, who);
  const failures: FuzzFailure[] = [];
  const notes: string[] = [];
  const fail = (kind: FuzzFailure['kind'], detail: string) =>
    failures.push({ kind, detail, role: who.label, what, bytes: update.length, update: update.length <= 4000 ? Buffer.from(update).toString('base64') : null });
  const judge = (): { verdict: UpdateVerdict | null; error: unknown; ms: number } => {
    const { value, ms } = cpuMs(() => {
      try {
        return { verdict: checkUpdate(base.doc, update, who.actor, mayWriteAs), error: null as unknown };
      } catch (error) {
        return { verdict: null, error };
      }
    });
    return { ...value, ms };
  };
  let { verdict, error, ms } = judge();
  if (ms > timeBound(update.length, msPerKb)) {
    for (let i = 0; i < 3; i++) ms = Math.min(ms, judge().ms);
    if (ms > timeBound(update.length, msPerKb)) fail('slow', `${ms.toFixed(1)} ms for ${update.length} bytes (bound ${timeBound(update.length, msPerKb).toFixed(1)} ms)`);
  }
  if (error) {
    // Bytes that are not one well-formed update, or hold more structs than allowed: the documented throws.
    if (!(error instanceof InvalidInputError || error instanceof TooLargeError)) fail('threw', `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300));
    return { verdict: 'threw', bytes: update.length, ms, what, failures, notes };
  }
  if (!verdict?.allowed) {
    // An honest page's change refused is a failure: the generators make only what a page makes (typing,
    // and the words and rationale of pending proposals), so the rule must take all of it. One refusal is
    // by design: words typed and deleted again in one update under a client id the document has never seen
    // bring nothing but deleted content, which a new client id may not (it would cost memory for nothing);
    // the page loses nothing by it, and it is kept as a note.
    if (!mutated && source === who && who.actor.role !== 'observer') {
      const reason = verdict?.reason ?? '';
      if (/with nothing in it but deleted content/.test(reason)) notes.push(`${who.label}: ${what}: ${reason}`);
      else fail('honest refused', `${who.label}: ${what}: ${reason}`);
    }
    return { verdict: 'refused', bytes: update.length, ms, what, failures, notes };
  }
  checkAllowed(base, update, verdict, who, mayWriteAs, fail, notes, what);
  return { verdict: 'allowed', bytes: update.length, ms, what, failures, notes };
}

function checkAllowed(
  base: FuzzBase,
  update: Uint8Array,
  verdict: UpdateVerdict & { allowed: true },
  who: FuzzActor,
  mayWriteAs: (clientId: number) => boolean,
  fail: (kind: FuzzFailure['kind'], detail: string) => void,
  notes: string[],
  what: string,
): void {
  // Id 3 is nobody's, and no mutation writes under it: Yjs renames a document that receives its own id.
  const copy = clientCopy(base.doc, 3, base.state);
  if (!verdict.changes) {
    // The server applies nothing; but "changes nothing" must be true of the update as sent, or an honest
    // page's edit would be dropped in silence. (Bytes Yjs cannot apply, or that wait for content, change
    // nothing here: the server never applies them.)
    try {
      Y.applyUpdate(copy, update);
    } catch {
      return;
    }
    const [a, b] = [base.canonical, canonical(copy)];
    const changed = Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);
    // Not applied by the server, so harmless; reported as a note (an honest page's edit would be lost).
    if (changed.length > 0) notes.push(`${who.label}: ${what.slice(0, 200)}: judged as changing nothing, but it changes ${changed.slice(0, 3).join(', ')} (${update.length} bytes${update.length <= 2000 ? `: ${Buffer.from(update).toString('base64')}` : ''})`);
    return;
  }
  try {
    Y.applyUpdate(copy, verdict.update);
  } catch (e) {
    fail('apply threw', `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300));
    return;
  }
  if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) fail('left pending', 'applying it left structs or deletions waiting for content the document lacks');
  // A page that receives the relayed update decodes these same bytes: `copy` is what it sees.
  const problems = scopeViolations(base.doc, copy, who.actor, mayWriteAs, base.canonical);
  if (problems.length > 0) fail('out of scope', problems.slice(0, 4).join('; '));
}
