/**
 * Brackets: add, hold, group as alternatives, lift, delete, choose. A bracket is a record anchored to its
 * words (shared/model/bracket.ts); the words never move, so lifting keeps their identity, and new anchors are
 * chosen in item order (shared/brackets/anchor-order.ts) so that brackets nest in every state concurrent
 * typing can reach.
 */
import type * as Y from 'yjs';
import { getBrackets, resolveAnchor, type BracketRecord } from '../model/bracket.ts';
import type { Command, CommandOf } from '../protocol/commands.ts';
import { chooseAnchors, gapRange, gapsDisjoint, textLayout, type GapRange, type TextLayout } from '../brackets/anchor-order.ts';
import {
  checkHolders,
  holdersSummary,
  namedBracket,
  openParagraph,
  quoteWords,
  sameHolders,
  spansApart,
  spansCross,
  type NamedBracket,
} from '../brackets/bracket-facts.ts';
import { bracketsWithin, deleteBracketedWords, dissolveLoneGroups, rangesToDelete, setGroups, withoutRanges } from '../brackets/bracket-edits.ts';
import type { BracketSnapshot } from '../brackets/bracket-snapshot.ts';
import { characterString, readBrackets } from '../brackets/read-brackets.ts';
import { accept, refuse, type DecideEnv, type Decision } from './decision.ts';
import { paragraphPlainText } from './paragraph-facts.ts';

type BracketCommand = CommandOf<'add-bracket' | 'set-bracket-holders' | 'group-alternatives' | 'ungroup-bracket' | 'lift-bracket' | 'delete-bracket' | 'choose-alternative'>;
const types = new Set<string>(['add-bracket', 'set-bracket-holders', 'group-alternatives', 'ungroup-bracket', 'lift-bracket', 'delete-bracket', 'choose-alternative']);

/** True for the commands this module decides. */
export function isBracketCommand(command: Command): command is BracketCommand {
  return types.has(command.type);
}

/** Decides a bracket command (the role is checked already). */
export function decideBracketCommand(doc: Y.Doc, command: BracketCommand, env: DecideEnv): Decision {
  switch (command.type) {
    case 'add-bracket':
      return addBracket(doc, command, env);
    case 'set-bracket-holders':
      return setHolders(doc, command);
    case 'group-alternatives':
      return groupAlternatives(doc, command, env);
    case 'ungroup-bracket':
      return ungroup(doc, command);
    case 'lift-bracket':
      return lift(doc, command);
    case 'delete-bracket':
      return deleteBracket(doc, command);
    case 'choose-alternative':
      return chooseAlternative(doc, command);
  }
}

function addBracket(doc: Y.Doc, command: CommandOf<'add-bracket'>, env: DecideEnv): Decision {
  const { paragraphId, holders, alternativeTo } = command;
  const open = openParagraph(doc, paragraphId);
  if ('ok' in open) return open;
  const { text, label } = open;
  const from = safeResolve(doc, text, command.start);
  const to = safeResolve(doc, text, command.end);
  if (from === null || to === null) return refuse('invalid', `the selection is not in ${label}`);
  if (from >= to) return refuse('invalid', 'select at least one character to bracket');
  const holderRefusal = checkHolders(doc, holders);
  if (holderRefusal) return holderRefusal;
  const words = characterString(text).slice(from, to);
  const span = { start: from, end: to };
  const brackets = readBrackets(doc, paragraphId);
  const crossing = brackets.find((b) => spansCross(b.span, span));
  if (crossing) return refuse('invalid', `${quoteWords(words)} would cross the bracket ${quoteWords(crossing.text)}: brackets nest or stand apart`);

  let partner: NamedBracket | null = null;
  let siblings: BracketSnapshot[] = [];
  if (alternativeTo !== undefined) {
    const named = namedBracket(doc, alternativeTo);
    if ('ok' in named) return named;
    if (named.record.paragraphId !== paragraphId) return refuse('invalid', `an alternative stands in the same paragraph as ${quoteWords(named.snapshot.text)}`);
    partner = named;
    siblings = named.record.group === null ? [named.snapshot] : brackets.filter((b) => b.group === named.record.group);
    const overlapping = siblings.find((b) => !spansApart(b.span, span));
    if (overlapping) return refuse('invalid', `an alternative stands apart from the others: ${quoteWords(words)} overlaps ${quoteWords(overlapping.text)}`);
  }

  const layout = textLayout(text);
  const gaps = (ids: Set<string>) => [...gapsOf(doc, layout, paragraphId, ids).values()];
  const anchors = chooseAnchors(layout, from, to, gaps(new Set(brackets.map((b) => b.id))), gaps(new Set(siblings.map((b) => b.id))));
  if (!anchors) return refuse('invalid', `${quoteWords(words)} meets the edge of another bracket where its words were deleted: select a little more or less`);

  const id = env.newId('b');
  const group = partner ? (partner.record.group ?? env.newId('g')) : null;
  const record: BracketRecord = { paragraphId, start: anchors.start, end: anchors.end, holders: holders.map((h) => ({ ...h })), group, createdAt: env.now };
  const alternative = partner ? ` as an alternative to ${quoteWords(partner.snapshot.text)}` : '';
  return accept(
    (target) => {
      getBrackets(target).set(id, record);
      if (partner && group) setGroups(target, [partner.id], group);
    },
    { paragraphId, summary: `bracketed ${quoteWords(words)} in ${label} for ${holdersSummary(holders)}${alternative}` },
    group ? { bracketId: id, groupId: group } : { bracketId: id },
  );
}

function setHolders(doc: Y.Doc, { bracketId, holders }: CommandOf<'set-bracket-holders'>): Decision {
  const named = namedBracket(doc, bracketId);
  if ('ok' in named) return named;
  const refusal = checkHolders(doc, holders);
  if (refusal) return refusal;
  const words = quoteWords(named.snapshot.text);
  if (sameHolders(named.record.holders, holders)) return refuse('conflict', `${words} is held by ${holdersSummary(holders)} already`);
  return accept(
    (target) => {
      const record = getBrackets(target).get(bracketId);
      if (record) getBrackets(target).set(bracketId, { ...record, holders: holders.map((h) => ({ ...h })) });
    },
    { paragraphId: named.record.paragraphId, summary: `set the holders of ${words} in ${named.label} to ${holdersSummary(holders)}` },
    { bracketId },
  );
}

function groupAlternatives(doc: Y.Doc, { bracketIds }: CommandOf<'group-alternatives'>, env: DecideEnv): Decision {
  if (new Set(bracketIds).size !== bracketIds.length) return refuse('invalid', 'the same bracket is named twice');
  const named: NamedBracket[] = [];
  for (const id of bracketIds) {
    const one = namedBracket(doc, id);
    if ('ok' in one) return one;
    named.push(one);
  }
  const first = named[0] as NamedBracket;
  const paragraphId = first.record.paragraphId;
  if (named.some((n) => n.record.paragraphId !== paragraphId)) return refuse('invalid', 'alternatives stand in one paragraph');
  const groups = new Set(named.map((n) => n.record.group).filter((g): g is string => g !== null));
  const members = first.brackets.filter((b) => bracketIds.includes(b.id) || (b.group !== null && groups.has(b.group)));
  if (groups.size === 1 && members.every((b) => b.group !== null)) return refuse('conflict', 'those brackets are alternatives already');
  const layout = textLayout(first.text);
  const gaps = gapsOf(doc, layout, paragraphId, new Set(members.map((b) => b.id)));
  for (const [i, a] of members.entries()) {
    for (const b of members.slice(i + 1)) {
      const [ga, gb] = [gaps.get(a.id), gaps.get(b.id)];
      if (!spansApart(a.span, b.span) || (ga && gb && !gapsDisjoint(ga, gb))) {
        return refuse('invalid', `${quoteWords(a.text)} and ${quoteWords(b.text)} overlap: alternatives stand side by side`);
      }
    }
  }
  const group = env.newId('g');
  const ids = members.map((b) => b.id);
  return accept(
    (target) => setGroups(target, ids, group),
    { paragraphId, summary: `grouped ${members.map((b) => quoteWords(b.text)).join(', ')} in ${first.label} as alternatives` },
    { groupId: group },
  );
}

function ungroup(doc: Y.Doc, { bracketId }: CommandOf<'ungroup-bracket'>): Decision {
  const named = namedBracket(doc, bracketId);
  if ('ok' in named) return named;
  const group = named.record.group;
  const words = quoteWords(named.snapshot.text);
  if (group === null) return refuse('invalid', `${words} is not one of a set of alternatives`);
  return accept(
    (target) => {
      setGroups(target, [bracketId], null);
      dissolveLoneGroups(target, [group]);
    },
    { paragraphId: named.record.paragraphId, summary: `took ${words} in ${named.label} out of its alternatives` },
    { bracketId },
  );
}

function lift(doc: Y.Doc, { bracketId }: CommandOf<'lift-bracket'>): Decision {
  const named = namedBracket(doc, bracketId);
  if ('ok' in named) return named;
  const { paragraphId } = named.record;
  return accept(
    (target) => deleteBracketedWords(target, paragraphId, [], bracketId),
    { paragraphId, summary: `lifted the bracket around ${quoteWords(named.snapshot.text)} in ${named.label}` },
    { bracketId },
  );
}

function deleteBracket(doc: Y.Doc, { bracketId }: CommandOf<'delete-bracket'>): Decision {
  const named = namedBracket(doc, bracketId);
  if ('ok' in named) return named;
  const { paragraphId } = named.record;
  const before = paragraphPlainText(doc, paragraphId);
  const inner = bracketsWithin(named.brackets, named.snapshot).length;
  const nested = inner === 0 ? '' : ` (and ${inner === 1 ? 'the bracket' : `the ${inner} brackets`} inside it)`;
  return accept(
    (target) => deleteBracketedWords(target, paragraphId, [bracketId], null),
    {
      paragraphId,
      summary: `deleted the bracketed words ${quoteWords(named.snapshot.text)}${nested} from ${named.label}`,
      before,
      after: withoutRanges(before, rangesToDelete([named.snapshot.span])),
    },
    { bracketId },
  );
}

function chooseAlternative(doc: Y.Doc, { bracketId }: CommandOf<'choose-alternative'>): Decision {
  const named = namedBracket(doc, bracketId);
  if ('ok' in named) return named;
  const { snapshot } = named;
  const siblings = named.brackets.filter((b) => b.id !== bracketId && b.group !== null && b.group === snapshot.group);
  if (snapshot.alternative === null || siblings.length === 0) return refuse('invalid', `${quoteWords(snapshot.text)} is not one of a set of alternatives`);
  const { paragraphId } = named.record;
  const before = paragraphPlainText(doc, paragraphId);
  const siblingIds = siblings.map((b) => b.id);
  return accept(
    (target) => deleteBracketedWords(target, paragraphId, siblingIds, bracketId),
    {
      paragraphId,
      summary: `chose ${quoteWords(snapshot.text)} over ${siblings.map((b) => quoteWords(b.text)).join(', ')} in ${named.label}`,
      before,
      after: withoutRanges(before, rangesToDelete(siblings.map((b) => b.span), snapshot.span)),
    },
    { bracketId },
  );
}

// A position the command names, as an index into the paragraph's characters, or null when it is not there.
function safeResolve(doc: Y.Doc, text: Y.XmlText, position: CommandOf<'add-bracket'>['start']): number | null {
  try {
    return resolveAnchor(doc, text, position);
  } catch {
    return null;
  }
}

// The item-order ranges of the paragraph's records among `ids`.
function gapsOf(doc: Y.Doc, layout: TextLayout, paragraphId: string, ids: Set<string>): Map<string, GapRange> {
  const out = new Map<string, GapRange>();
  for (const [id, record] of getBrackets(doc).entries()) {
    if (!ids.has(id) || record.paragraphId !== paragraphId) continue;
    const range = gapRange(layout, record.start, record.end);
    if (range) out.set(id, range);
  }
  return out;
}
