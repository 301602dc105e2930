/** Test helper for the bracket tests: the IMRF zero draft in a Y.Doc with delegations, and commands decided and applied on it. */
import * as Y from 'yjs';
import { expect } from 'vitest';
import { decide } from '../../shared/commands/decide.ts';
import type { Accepted, CommandActor, DecideEnv, Decision } from '../../shared/commands/decision.ts';
import { characterString } from '../../shared/brackets/read-brackets.ts';
import { importText } from '../../shared/import-text.ts';
import { paragraphCharacters } from '../../shared/model/bracket.ts';
import { getDelegations } from '../../shared/model/delegations.ts';
import { populateNegotiation, readNegotiation } from '../../shared/model/negotiation-doc.ts';
import { commandSchema, type Command } from '../../shared/protocol/commands.ts';
import type { RelativePositionJson } from '../../shared/protocol/presence.ts';
import { imrfText } from './snapshot-of.ts';

/** The facilitator every test decides as. */
export const facilitator: CommandActor = { role: 'facilitator', delegation: null, name: 'Co-facilitator' };

/** A deterministic environment: a fixed time and counted ids. */
export function testEnv(): DecideEnv {
  let n = 0;
  return { now: '2026-11-30T19:00:00.000Z', newId: (prefix) => `${prefix}${++n}` };
}

/** The IMRF zero draft in a fresh document with EU, G77, US and KEN; `para(n)` is the id of paragraph n. */
export function imrfRoom(doc = new Y.Doc()) {
  let n = 0;
  populateNegotiation(doc, importText(imrfText), () => `p${++n}`);
  doc.transact(() => {
    for (const [code, name] of [['EU', 'European Union'], ['G77', 'G77 and China'], ['US', 'United States'], ['KEN', 'Kenya']] as const) {
      getDelegations(doc).set(code, { name });
    }
  });
  const numbers = new Map(readNegotiation(doc).paragraphs.map((p) => [p.number, p.id]));
  const env = testEnv();
  return {
    doc,
    env,
    para: (number: string) => numbers.get(number) as string,
    text: (paragraphId: string, on: Y.Doc = doc) => paragraphCharacters(on, paragraphId) as Y.XmlText,
  };
}

/** A relative position as the page sends it (every key present). */
export function positionAt(text: Y.XmlText, index: number, assoc: 0 | -1): RelativePositionJson {
  const rel = Y.createRelativePositionFromTypeIndex(text, index, assoc);
  return {
    type: rel.type ? { client: rel.type.client, clock: rel.type.clock } : null,
    tname: rel.tname ?? null,
    item: rel.item ? { client: rel.item.client, clock: rel.item.clock } : null,
    assoc,
  };
}

/** The selection of the `occurrence`-th (0-based) appearance of `words` in the text, as start and end positions. */
export function select(text: Y.XmlText, words: string, occurrence = 0): { start: RelativePositionJson; end: RelativePositionJson } {
  const plain = characterString(text);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = plain.indexOf(words, at + 1);
  if (at < 0) throw new Error(`“${words}” is not in the text`);
  return { start: positionAt(text, at, 0), end: positionAt(text, at + words.length, -1) };
}

/** Decides `command` as the facilitator (after checking it against the wire schema) and applies it when accepted. */
export function run(doc: Y.Doc, env: DecideEnv, command: Command): Decision {
  commandSchema.parse(command);
  const decision = decide(doc, facilitator, command, env);
  if (decision.ok) doc.transact(() => decision.apply(doc));
  return decision;
}

/** Like run, but fails the test unless the command is accepted. */
export function runOk(doc: Y.Doc, env: DecideEnv, command: Command): Accepted {
  const decision = run(doc, env, command);
  if (!decision.ok) expect.fail(`${command.type} refused: ${decision.reason}`);
  return decision;
}
