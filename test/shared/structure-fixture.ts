/** Test helper for the structure tests: the IMRF zero draft with its paragraph ids p0, p1..., and commands decided and applied as a facilitator. */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { decide } from '../../shared/commands/decide.ts';
import type { Accepted, CommandActor, Decision, DecideEnv } from '../../shared/commands/decision.ts';
import { importText } from '../../shared/import-text.ts';
import { anchorRange, bracketSpan, getBrackets, paragraphCharacters, type BracketRecord } from '../../shared/model/bracket.ts';
import { populateNegotiation, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import type { ParagraphSnapshot } from '../../shared/model/paragraph.ts';
import { plainText } from '../../shared/model/text-run.ts';
import { commandSchema, type Command } from '../../shared/protocol/commands.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { imrfText } from './snapshot-of.ts';

/** The facilitator who sends the commands, and a delegation that may not. */
export const facilitator: CommandActor = { role: Role.facilitator, delegation: null, name: 'Co-facilitator' };
export const kenya: CommandActor = { role: Role.delegation, delegation: 'KEN', name: 'Kenya' };

/** A negotiation holding the IMRF zero draft, with ids p0, p1... in order and fresh ids n1, n2... */
export function room() {
  const doc = new Y.Doc();
  let next = 0;
  const ids = populateNegotiation(doc, importText(imrfText), () => `p${next++}`);
  let fresh = 0;
  const env: DecideEnv = { now: '2026-11-30T19:40:00.000Z', newId: (prefix) => `${prefix}n${++fresh}` };
  /** The id of the paragraph numbered `number` now. */
  const byNumber = (number: string): string => {
    const found = readNegotiation(doc).paragraphs.find((p) => p.number === number);
    if (!found) throw new Error(`no paragraph ${number}`);
    return found.id;
  };
  const judge = (command: Command, actor = facilitator): Decision => decide(doc, actor, commandSchema.parse(command), env);
  /** Decides and applies in one transaction, as the server does; fails the test when refused. */
  const run = (command: Command): Accepted => {
    const decision = judge(command);
    if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
    doc.transact(() => decision.apply(doc));
    return decision;
  };
  const paragraph = (id: string): ParagraphSnapshot => {
    const found = readNegotiation(doc).paragraphs.find((p) => p.id === id);
    if (!found) throw new Error(`no paragraph ${id}`);
    return found;
  };
  const text = (id: string): string => plainText(paragraph(id).runs);
  /** Where in `id`'s characters, as the page sends it: a relative position with every field present. */
  const at = (id: string, offset: number) => {
    const characters = paragraphCharacters(doc, id);
    if (!characters) throw new Error(`no text in ${id}`);
    return { type: null, tname: null, item: null, assoc: 0, ...Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(characters, offset)) };
  };
  /** A bracket record on the words [from, to) of `id`, written as the bracket commands write one. */
  const bracket = (bracketId: string, id: string, from: number, to: number, group: string | null = null): void => {
    const characters = paragraphCharacters(doc, id);
    if (!characters) throw new Error(`no text in ${id}`);
    const record: BracketRecord = { paragraphId: id, ...anchorRange(characters, from, to), holders: [{ delegation: 'EU', stance: 'propose' }], group, createdAt: env.now };
    doc.transact(() => getBrackets(doc).set(bracketId, record));
  };
  /** The words a bracket spans now and the paragraph it stands in. */
  const bracketed = (bracketId: string): { paragraphId: string; words: string } | null => {
    const record = getBrackets(doc).get(bracketId);
    const span = record ? bracketSpan(doc, record) : null;
    return record && span ? { paragraphId: record.paragraphId, words: text(record.paragraphId).slice(span.start, span.end) } : null;
  };
  const setStatus = (id: string, status: 'agreed' | 'agreed-ad-ref' | 'pending') => run({ type: 'set-status', paragraphId: id, status });
  return { doc, ids, env, byNumber, judge, run, paragraph, text, at, bracket, bracketed, setStatus };
}

/** The paragraphs' numbers in order. */
export const numbers = (doc: Y.Doc): (string | null)[] => readNegotiation(doc).paragraphs.map((p) => p.number);

/** Fails unless `decision` is a refusal of `kind` whose reason matches. */
export function expectRefused(decision: Decision, kind: string, reason: RegExp): void {
  expect(decision.ok).toBe(false);
  if (!decision.ok) {
    expect(decision.kind).toBe(kind);
    expect(decision.reason).toMatch(reason);
  }
}
