/**
 * Seeded randomized test: a server document and three clients exchange updates in random order (each
 * connection in order, as a websocket delivers; the connections interleaved at random) while the
 * clients type and delete at bracket edges and the server brackets, lifts, deletes, groups and chooses
 * through decide. Every document must converge to the same text, the same brackets and the same export, and
 * brackets must nest properly in every document at every step. BRACKET_SEED replays a run.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { spansApart, spansCross } from '../../shared/brackets/bracket-facts.ts';
import { nestBrackets } from '../../shared/brackets/nesting.ts';
import { characterString, readBrackets } from '../../shared/brackets/read-brackets.ts';
import { exportText } from '../../shared/export-text.ts';
import { bracketSpan, getBrackets, paragraphCharacters } from '../../shared/model/bracket.ts';
import { readNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { Command } from '../../shared/protocol/commands.ts';
import { Rng } from '../helpers/fuzz-random.ts';
import { imrfRoom, positionAt, run } from './brackets-fixture.ts';
import { hasImrfFixture } from './snapshot-of.ts';

const seed = process.env.BRACKET_SEED ? Number(process.env.BRACKET_SEED) : Math.floor(Math.random() * 2 ** 31);
const cases = Number(process.env.BRACKET_CASES ?? 6);
const steps = Number(process.env.BRACKET_STEPS ?? 150);
const net = Symbol('net');
/** The latest steps of the running case, printed when it fails. */
const trace: string[] = [];
const codes = ['EU', 'G77', 'US', 'KEN'];
const stances = ['propose', 'retain', 'delete'] as const;

function world(rng: Rng) {
  const room = imrfRoom();
  const docs = [room.doc, ...[1, 2, 3].map(() => new Y.Doc())];
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc), net);
  const queues: Uint8Array[][][] = docs.map(() => docs.map(() => []));
  docs.forEach((doc, from) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === net) return;
      docs.forEach((_, to) => to !== from && (queues[from]?.[to] as Uint8Array[]).push(update));
    }),
  );
  const deliverOne = (): boolean => {
    const open: [number, number][] = [];
    queues.forEach((row, from) => row.forEach((queue, to) => queue.length > 0 && open.push([from, to])));
    if (open.length === 0) return false;
    const [from, to] = rng.pick(open);
    const queue = queues[from]?.[to] as Uint8Array[];
    // Each connection keeps its order, as a websocket does; connections interleave at random.
    const update = queue.shift();
    Y.applyUpdate(docs[to] as Y.Doc, update as Uint8Array, net);
    return true;
  };
  return { ...room, docs, deliverOne, paragraphs: [room.para('5'), room.para('6'), room.para('7')] };
}

/** Brackets nest in `doc`: no two raw spans of a paragraph cross, alternatives stand apart, and nothing had to be cut to draw them. */
function checkWellFormed(doc: Y.Doc, paragraphId: string): void {
  const raw = [...getBrackets(doc).entries()].flatMap(([id, record]) => {
    const span = record.paragraphId === paragraphId ? bracketSpan(doc, record) : null;
    return span ? [{ id, span, group: record.group }] : [];
  });
  for (const [i, a] of raw.entries()) {
    for (const b of raw.slice(i + 1)) {
      expect(spansCross(a.span, b.span), `${a.id} ${JSON.stringify(a.span)} crosses ${b.id} ${JSON.stringify(b.span)}`).toBe(false);
      if (a.group !== null && a.group === b.group) expect(spansApart(a.span, b.span), `alternatives ${a.id} and ${b.id} overlap`).toBe(true);
    }
  }
  for (const placed of nestBrackets(raw)) expect(placed.span).toEqual(placed.item.span);
}

function edgeOrRandom(rng: Rng, doc: Y.Doc, paragraphId: string, length: number): number {
  const brackets = readBrackets(doc, paragraphId);
  if (brackets.length > 0 && rng.chance(0.7)) {
    const b = rng.pick(brackets);
    const edge = rng.chance(0.5) ? b.span.start : b.span.end;
    return Math.max(0, Math.min(length, edge + rng.int(-1, 1)));
  }
  return rng.int(0, length);
}

function serverCommand(rng: Rng, w: ReturnType<typeof world>): Command | null {
  const paragraphId = rng.pick(w.paragraphs);
  const brackets = readBrackets(w.doc, paragraphId);
  const kind = rng.weighted<string>([[6, 'add'], [2, 'lift'], [2, 'delete'], [1, 'choose'], [1, 'group'], [1, 'ungroup'], [1, 'holders']]);
  const holders = rng.chance(0.5) ? [{ delegation: rng.pick(codes), stance: rng.pick(stances) }] : [{ delegation: 'EU', stance: 'propose' as const }, { delegation: 'G77', stance: rng.pick(stances) }];
  if (kind === 'add' || brackets.length === 0) {
    const text = paragraphCharacters(w.doc, paragraphId) as Y.XmlText;
    if (text.length < 2) return null;
    const from = edgeOrRandom(rng, w.doc, paragraphId, text.length - 1);
    const to = Math.min(text.length, from + rng.int(1, 25));
    const alternativeTo = brackets.length > 0 && rng.chance(0.25) ? rng.pick(brackets).id : undefined;
    return { type: 'add-bracket', paragraphId, start: positionAt(text, from, 0), end: positionAt(text, to, -1), holders, ...(alternativeTo ? { alternativeTo } : {}) };
  }
  const bracketId = rng.pick(brackets).id;
  if (kind === 'lift') return { type: 'lift-bracket', bracketId };
  if (kind === 'delete') return { type: 'delete-bracket', bracketId };
  if (kind === 'choose') return { type: 'choose-alternative', bracketId };
  if (kind === 'ungroup') return { type: 'ungroup-bracket', bracketId };
  if (kind === 'holders') return { type: 'set-bracket-holders', bracketId, holders };
  const other = rng.pick(brackets).id;
  return other === bracketId ? null : { type: 'group-alternatives', bracketIds: [bracketId, other] };
}

function step(rng: Rng, w: ReturnType<typeof world>, counts: Record<string, number>): void {
  const action = rng.weighted<string>([[5, 'type'], [2, 'erase'], [3, 'command'], [6, 'deliver']]);
  if (action === 'deliver') {
    for (let i = rng.int(1, 6); i > 0 && w.deliverOne(); i--);
    return;
  }
  if (action === 'command') {
    const command = serverCommand(rng, w);
    if (!command) return;
    const decision = run(w.doc, w.env, command);
    trace.push(`${command.type} ${'bracketId' in command ? command.bracketId : ''} -> ${decision.ok ? JSON.stringify(decision.result) : decision.reason}`);
    const key = `${command.type} ${decision.ok ? 'accepted' : 'refused'}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return;
  }
  const doc = rng.pick(w.docs);
  const paragraphId = rng.pick(w.paragraphs);
  const text = paragraphCharacters(doc, paragraphId);
  if (!text) return;
  const at = edgeOrRandom(rng, doc, paragraphId, text.length);
  trace.push(`${action} doc${w.docs.indexOf(doc)} ${paragraphId} at ${at} len ${text.length}`);
  if (action === 'type') doc.transact(() => text.insert(at, rng.chance(0.5) ? rng.word(1, 4) : ` ${rng.word()} `));
  else if (at < text.length) doc.transact(() => text.delete(at, Math.min(rng.int(1, 6), text.length - at)));
}

describe.skipIf(!hasImrfFixture)(`brackets converge under random concurrent edits (BRACKET_SEED=${seed})`, () => {
  it('every document reads the same well-formed brackets and exports the same text', () => {
    const counts: Record<string, number> = {};
    for (let c = 0; c < cases; c++) {
      const rng = new Rng(seed + c);
      trace.length = 0;
      try {
        const w = world(rng);
        for (let s = 0; s < steps; s++) {
          step(rng, w, counts);
          for (const doc of w.docs) for (const p of w.paragraphs) checkWellFormed(doc, p);
        }
        while (w.deliverOne());
        const [first, ...rest] = w.docs as [Y.Doc, ...Y.Doc[]];
        for (const p of w.paragraphs) {
          const expected = { text: characterString(paragraphCharacters(first, p) as Y.XmlText), brackets: readBrackets(first, p) };
          for (const doc of rest) expect({ text: characterString(paragraphCharacters(doc, p) as Y.XmlText), brackets: readBrackets(doc, p) }).toEqual(expected);
        }
        const exported = exportText(readNegotiation(first), { holders: true });
        for (const doc of rest) expect(exportText(readNegotiation(doc), { holders: true })).toBe(exported);
      } catch (error) {
        console.error(`bracket fuzz failed: BRACKET_SEED=${seed} (case ${c}, rng seed ${seed + c}); last steps:\n${trace.slice(-30).join('\n')}`);
        throw error;
      }
    }
    if (process.env.BRACKET_VERBOSE) console.log(counts);
    expect(counts['add-bracket accepted'] ?? 0).toBeGreaterThan(cases * 5);
    expect((counts['lift-bracket accepted'] ?? 0) + (counts['delete-bracket accepted'] ?? 0)).toBeGreaterThan(cases);
  });
});
