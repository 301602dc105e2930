/**
 * What one keystroke in a proposal costs outside the browser: the word diff of the redline
 * (shared/amendments/word-diff.ts) for paragraph-sized texts, next to applying the keystroke's Yjs update;
 * and a remote keystroke arriving in a copy that the page's proposal store (client/sync/proposal-store.ts)
 * follows, with 2,000 proposals next to a handful.
 */
import * as Y from 'yjs';
import { wordDiff } from '../../shared/amendments/word-diff.ts';
import { importText } from '../../shared/import-text.ts';
import { populateNegotiation } from '../../shared/model/negotiation-doc.ts';
import { getProposal, ProposalKind, readProposal, readProposals } from '../../shared/model/proposal.ts';
import { ProposalStore } from '../../client/sync/proposal-store.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { numberedParagraphs, paragraphPlain, proposalXmlText, writeProposals } from '../helpers/proposal-seed.ts';
import { median } from './browser-bench.ts';
import { microsPerCall } from './measure.ts';
import { repeatedFixtureText } from './proposals-text.ts';

/** Delegations the benchmark's proposals are spread over. */
export const benchDelegations = ['EU', 'G77', 'USA', 'KEN', 'CHE', 'NOR', 'AGN', 'CARICOM'] as const;

/** A 300-paragraph text from the fixture with `proposals` proposals written locally (seeded, so every run alike). */
export function proposalsDocument(proposals: number): Y.Doc {
  const doc = new Y.Doc();
  populateNegotiation(doc, importText(repeatedFixtureText(300)));
  doc.transact(() => writeProposals(doc, proposals, benchDelegations, new Rng(9)));
  return doc;
}

/** The updates of `count` one-letter keystrokes typed in a replica of `doc` by `type` (the document is not changed). */
function keystrokes(doc: Y.Doc, count: number, type: (replica: Y.Doc, i: number) => void): Uint8Array[] {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) type(replica, i);
  replica.destroy();
  return updates;
}

/** Median µs to apply each update in turn to a copy of `doc` that a ProposalStore follows (or none). */
function microsPerRemoteKeystroke(doc: Y.Doc, updates: readonly Uint8Array[], withStore: boolean): number {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const store = withStore ? new ProposalStore(copy) : null;
  let notified = 0;
  const unsubscribe = store?.subscribe(() => (notified += 1));
  const samples: number[] = [];
  for (const update of updates) {
    const start = process.hrtime.bigint();
    Y.applyUpdate(copy, update);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  if (store && notified === 0) throw new Error('the proposal store saw none of the keystrokes');
  unsubscribe?.();
  store?.destroy();
  copy.destroy();
  return median(samples.slice(10));
}

/** Rows: the word diff of the redline (median and p95 over the replacements), and reading the typed proposal, next to applying the keystroke. */
export function redlineRows(): string[][] {
  const doc = proposalsDocument(2_000);
  const ids = numberedParagraphs(doc);
  const byLength = [...ids].sort((a, b) => paragraphPlain(doc, a).length - paragraphPlain(doc, b).length);
  const medianId = byLength[Math.floor(byLength.length / 2)] as string;
  const longestId = byLength[byLength.length - 1] as string;
  const proposalId = 'bench' + String(ids.indexOf(medianId));
  const updates = keystrokes(doc, 60, (replica, i) => proposalXmlText(replica, proposalId).insert(20 + i, 'a'));
  const applyKeystroke = microsPerRemoteKeystroke(doc, updates, false);
  // Every replacement's redline against its paragraph: the cost depends on the stretch between the first and the last change.
  const diffs = readProposals(doc).filter((p) => p.kind === ProposalKind.replaceText).slice(0, 300).map((p) => microsPerCall(() => wordDiff(p.basedOn, p.text), 5, 5));
  const rows: string[][] = [];
  for (const [label, micros] of [['median', quantile(diffs, 0.5)], ['p95', quantile(diffs, 0.95)]] as const) {
    rows.push([`word diff of a replacement against its ¶, ${label} of ${diffs.length} proposals`, micros.toFixed(1), applyKeystroke.toFixed(1), (micros / applyKeystroke).toFixed(2)]);
  }
  const paragraph = paragraphPlain(doc, longestId);
  const rewritten = paragraph.split(' ').reverse().join(' ');
  const worst = microsPerCall(() => wordDiff(paragraph, rewritten), 10);
  rows.push([`word diff, longest ¶ with its words reversed (worst case)`, worst.toFixed(1), applyKeystroke.toFixed(1), (worst / applyKeystroke).toFixed(2)]);
  // Past node-diff3's budget (a long ¶: common words pair quadratically) Myers' diff aligns the words, within its own budget.
  const long = ids.map((id) => paragraphPlain(doc, id)).join(' ').split(' ').slice(0, 1500);
  const longEdited = [...long];
  longEdited[10] = 'edited';
  longEdited[1490] = 'edited';
  const longMicros = microsPerCall(() => wordDiff(long.join(' '), longEdited.join(' ')), 10);
  rows.push(['word diff, a ¶ of 1,500 words edited near both ends (Myers)', longMicros.toFixed(1), applyKeystroke.toFixed(1), (longMicros / applyKeystroke).toFixed(2)]);
  let seed = 7;
  const shuffled = () => Array.from({ length: 3000 }, () => ['a', 'b', 'c'][(seed = (seed * 48271) % 2147483647) % 3]).join(' ');
  const [left, right] = [shuffled(), shuffled()];
  const stall = microsPerCall(() => wordDiff(left, right), 5);
  rows.push(['word diff, 3,000 words of a/b/c shuffled (both budgets spent: replaced whole)', stall.toFixed(1), applyKeystroke.toFixed(1), (stall / applyKeystroke).toFixed(2)]);
  // A facilitator's keystroke in a paragraph changes the text every proposal on it is drawn against.
  const onParagraph = readProposals(doc).filter((p) => p.paragraphId === medianId && p.kind === ProposalKind.replaceText);
  const current = paragraphPlain(doc, medianId);
  const all = microsPerCall(() => onParagraph.forEach((p) => wordDiff(current, p.text)), 20);
  rows.push([`keystroke in a ¶: the redlines of its ${onParagraph.length} replacements again`, all.toFixed(1), applyKeystroke.toFixed(1), (all / applyKeystroke).toFixed(2)]);
  const map = getProposal(doc, proposalId) as Y.Map<unknown>;
  const read = microsPerCall(() => readProposal(proposalId, map), 200);
  rows.push(['readProposal of the typed proposal (its snapshot)', read.toFixed(1), applyKeystroke.toFixed(1), (read / applyKeystroke).toFixed(2)]);
  doc.destroy();
  return rows;
}

/** Rows: a remote keystroke in one proposal applied to a copy followed by the proposal store, a handful of proposals next to 2,000. */
export function storeRows(few: number): string[][] {
  const measure = (count: number) => {
    const doc = proposalsDocument(count);
    const updates = keystrokes(doc, 200, (replica, i) => proposalXmlText(replica, 'bench0').insert(10 + (i % 50), 'a'));
    const bare = microsPerRemoteKeystroke(doc, updates, false);
    const followed = microsPerRemoteKeystroke(doc, updates, true);
    doc.destroy();
    return { bare, followed };
  };
  const small = measure(few);
  const large = measure(2_000);
  return [
    ['apply the keystroke (no store)', small.bare.toFixed(1), large.bare.toFixed(1), (large.bare / small.bare).toFixed(2)],
    ['apply it with the ProposalStore following', small.followed.toFixed(1), large.followed.toFixed(1), (large.followed / small.followed).toFixed(2)],
    ['the store\'s share (difference)', (small.followed - small.bare).toFixed(1), (large.followed - large.bare).toFixed(1), ((large.followed - large.bare) / Math.max(0.1, small.followed - small.bare)).toFixed(2)],
  ];
}

/** The `q` quantile of `values` (nearest rank). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
