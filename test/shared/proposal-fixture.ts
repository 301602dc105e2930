/** Test helper for the proposal tests: the IMRF zero draft with delegations, people of each role, and commands decided and applied as them. */
import * as Y from 'yjs';
import { expect } from 'vitest';
import { formatBracketedText } from '../../shared/brackets/bracket-text.ts';
import { characterString, readBrackets } from '../../shared/brackets/read-brackets.ts';
import { decide } from '../../shared/commands/decide.ts';
import type { Accepted, CommandActor, DecideEnv, Decision } from '../../shared/commands/decision.ts';
import { getParagraphText } from '../../shared/model/negotiation-doc.ts';
import { readRuns } from '../../shared/model/paragraph-fragment.ts';
import { getProposal, getProposalText, readProposal, type ProposalSnapshot } from '../../shared/model/proposal.ts';
import type { MarkName, TextRun } from '../../shared/model/text-run.ts';
import { commandSchema, type Command } from '../../shared/protocol/commands.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { facilitator, imrfRoom, select } from './brackets-fixture.ts';

/** The people who act in the proposal tests. */
export const people = {
  chair: facilitator,
  eu: { role: Role.delegation, delegation: 'EU', name: 'European Union (Ana)' },
  g77: { role: Role.delegation, delegation: 'G77', name: 'G77 and China (Ravi)' },
  us: { role: Role.delegation, delegation: 'US', name: 'United States (Sam)' },
  ken: { role: Role.delegation, delegation: 'KEN', name: 'Kenya (Wanjiru)' },
  press: { role: Role.observer, delegation: null, name: 'Observer (press)' },
} satisfies Record<string, CommandActor>;

/** The IMRF room of the bracket tests, with proposals made and decided through commands as any of `people`. */
export function proposalRoom() {
  const room = imrfRoom();
  const { doc, para, text } = room;
  // Fresh ids that never meet the fixture's paragraph ids (p1, p2...).
  let fresh = 0;
  const env: DecideEnv = { now: room.env.now, newId: (prefix) => `${prefix}n${++fresh}` };
  /** Decides `command` as `actor` (after checking it against the wire schema), without applying it. */
  const judge = (actor: CommandActor, command: Command): Decision => decide(doc, actor, commandSchema.parse(command), env);
  /** Decides and applies in one transaction, as the server does; fails the test when refused. */
  const act = (actor: CommandActor, command: Command): Accepted => {
    const decision = judge(actor, command);
    if (!decision.ok) expect.fail(`${command.type} refused: ${decision.reason}`);
    doc.transact(() => decision.apply(doc));
    return decision;
  };
  /** The plain text of paragraph `number` now. */
  const words = (number: string): string => characterString(text(para(number)));
  /** `actor`'s replacement of paragraph `number` reading `proposed` (after the changes `edit` makes to its text now); its id. */
  const replace = (actor: CommandActor, number: string, edit: (now: string) => string): string =>
    act(actor, { type: 'propose', paragraphId: para(number), kind: 'replace-text', text: edit(words(number)) }).result.proposalId as string;
  /** The proposal as it reads now. */
  const proposal = (id: string): ProposalSnapshot => {
    const map = getProposal(doc, id);
    if (!map) throw new Error(`no proposal ${id}`);
    return readProposal(id, map);
  };
  /** Someone edits paragraph `number` in place: the first `from` becomes `to`, as typing would. */
  const type = (number: string, from: string, to: string): void => {
    const characters = text(para(number));
    const at = characterString(characters).indexOf(from);
    if (at < 0) throw new Error(`“${from}” is not in paragraph ${number}`);
    doc.transact(() => {
      characters.delete(at, from.length);
      characters.insert(at, to);
    });
  };
  /** Paragraph `number` with its brackets in the conventional format, holders included. */
  const bracketed = (number: string): string => formatBracketedText([{ text: words(number) }], readBrackets(doc, para(number)), { holders: true });
  /** Brackets `occurrence`-th `words` of paragraph `number` for `holders`; the bracket's id. */
  const bracket = (number: string, bracketWords: string, delegation = 'G77'): string =>
    act(people.chair, { type: 'add-bracket', paragraphId: para(number), ...select(text(para(number)), bracketWords), holders: [{ delegation, stance: 'propose' }] }).result.bracketId as string;
  return { ...room, env, judge, act, words, replace, proposal, type, bracketed, bracket };
}

/** Fails unless `decision` is a refusal of `kind` whose reason matches. */
export function expectRefused(decision: Decision, kind: 'forbidden' | 'conflict' | 'invalid', reason: RegExp): void {
  if (decision.ok) expect.fail(`accepted, but expected a ${kind} refusal matching ${reason}: ${decision.record.summary}`);
  expect(decision.kind).toBe(kind);
  expect(decision.reason).toMatch(reason);
}

/** `text` with the first `from` replaced by `to`; fails when it is absent. */
export function swap(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`“${from}” is not in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The Yjs id of each live character of `text`, in reading order. */
export function itemIds(text: Y.XmlText): string[] {
  const ids: string[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !item.countable) continue;
    for (let k = 0; k < item.length; k++) ids.push(`${item.id.client}:${item.id.clock + k}`);
  }
  return ids;
}

/** A proposal room, as proposalRoom returns it. */
export type ProposalRoom = ReturnType<typeof proposalRoom>;

/** The characters of proposal `id` (as its delegation's editor writes them). */
export function proposalCharacters(r: ProposalRoom, id: string): Y.XmlText {
  return ((getProposalText(r.doc, id) as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Formats the first `words` of `text` with `attributes` (a mark name to {} adds it, to null removes it), as an editor does. */
export function format(r: ProposalRoom, text: Y.XmlText, words: string, attributes: Record<string, object | null>): void {
  const at = characterString(text).indexOf(words);
  if (at < 0) throw new Error(`“${words}” is not in the text`);
  r.doc.transact(() => text.format(at, words.length, attributes));
}

/** Paragraph `number`'s runs now. */
export function runsOf(r: ProposalRoom, number: string): TextRun[] {
  return readRuns(getParagraphText(r.doc, r.para(number)) as Y.XmlFragment);
}

/** The texts of the runs carrying `mark`. */
export function marked(runs: readonly TextRun[], mark: MarkName): string[] {
  return runs.filter((run) => run.marks?.includes(mark)).map((run) => run.text);
}
