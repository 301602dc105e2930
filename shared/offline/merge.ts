/**
 * Merging refused local copies back, round after round, without ever looping. A page whose copy the
 * server refused (or kept failing on) sets it aside, loads the true state, and calls merge(): the work is
 * read as intents, judged one by one, and what is allowed is replayed. If the server refuses again, the
 * refused copy holds the replayed intents it did not accept: the server applies a connection's updates in
 * order and stops at the first it refuses, so the earliest of them is the culprit (unless the true state now
 * explains the refusal: then the rules drop it with that reason). It is dropped with the server's words
 * and never sent again; those after it were never judged and are replayed once more. Each round thus drops
 * at least one intent, and the rounds end. The page replays right after a sync, while its socket is open,
 * so each replayed intent travels as its own message.
 */
import * as Y from 'yjs';
import type { Actor } from '../permissions/check-update.ts';
import { extractIntents, type Intent } from './intents.ts';
import { replayIntents } from './replay.ts';
import { Wording } from './wording.ts';

/** What became of a refused copy's work. */
export interface MergeReport {
  /** Applied to the fresh copy (so sent), or already true there. */
  kept: Intent[];
  /** Not applied, each with why in plain words ("it was accepted by the facilitators meanwhile"). */
  dropped: { intent: Intent; reason: string }[];
}

/** One per page (per connection): remembers what its last round replayed. */
export class OfflineMerger {
  /** Keys of the intents the last round applied, in the order they were sent. */
  private lastReplayed = new Map<string, number>();

  /**
   * Reads the work in `refused` that `fresh` (synced from the server) lacks, and replays what may be kept
   * on `fresh` with `origin`. `serverWords` says why the server refused the copy ("the server refused it:
   * …"): the reason given to an intent already replayed once. With `resend` false (the server kept failing
   * on the work, rather than refusing it) nothing is sent again: every intent is listed with that reason.
   */
  merge(refused: Y.Doc, fresh: Y.Doc, actor: Actor, serverWords: string, origin?: unknown, resend = true): MergeReport {
    const intents = extractIntents(refused, fresh, actor);
    if (!resend) return { kept: [], dropped: intents.map((intent) => ({ intent, reason: serverWords })) };
    const wording = new Wording(refused, fresh, actor);
    const culprit = this.culprit(intents, fresh, actor, wording);
    const outcomes = replayIntents(fresh, intents.filter((intent) => intent !== culprit), { actor, wording, origin });
    const report: MergeReport = { kept: [], dropped: culprit ? [{ intent: culprit, reason: serverWords }] : [] };
    this.lastReplayed = new Map();
    for (const outcome of outcomes) {
      if (!outcome.kept) {
        report.dropped.push({ intent: outcome.intent, reason: outcome.reason });
        continue;
      }
      report.kept.push(outcome.intent);
      if (outcome.applied) this.lastReplayed.set(outcome.intent.key, this.lastReplayed.size);
    }
    return report;
  }

  /**
   * The replayed intent the server refused: the earliest one it did not accept, unless the true state now
   * explains the refusal (a replayed intent the rules refuse on the fresh copy is dropped with that reason).
   */
  private culprit(intents: Intent[], fresh: Y.Doc, actor: Actor, wording: Wording): Intent | undefined {
    const replayedAgain = intents.filter((intent) => this.lastReplayed.has(intent.key));
    if (replayedAgain.length === 0) return undefined;
    const trial = copyOf(fresh);
    const explained = replayIntents(trial, intents, { actor, wording }).some((outcome) => !outcome.kept && this.lastReplayed.has(outcome.intent.key));
    trial.destroy();
    if (explained) return undefined;
    return replayedAgain.sort((a, b) => (this.lastReplayed.get(a.key) ?? 0) - (this.lastReplayed.get(b.key) ?? 0))[0];
  }
}

/** A copy of `doc` writing under the same client id, for a trial replay. */
function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  copy.clientID = doc.clientID;
  return copy;
}

/** One sentence per intent for the person: "Your new proposal on paragraph 4 was kept." */
export function reportLines(report: MergeReport): string[] {
  const verb = (label: string) => (/^Your (edits|changes) /.test(label) ? 'were' : 'was');
  return [
    ...report.dropped.map(({ intent, reason }) => `${intent.label} ${verb(intent.label)} not kept: ${reason}.`),
    ...report.kept.map((intent) => `${intent.label} ${verb(intent.label)} kept.`),
  ];
}
