/**
 * Structure: insert, delete (keeping a copy to put back), restore, move, split and merge paragraphs. Order,
 * paragraph creation and removal are command-only, so every structural change is one of these, applied by
 * the server in one transaction.
 * Paragraphs added during round r are stored with addedInRound r + 1, which numbers them "5 bis".
 */
import type * as Y from 'yjs';
import { addParagraphMap, readOrder } from '../model/negotiation-doc.ts';
import { ParagraphKind } from '../model/paragraph.ts';
import type { Command, CommandOf } from '../protocol/commands.ts';
import { keepRemoved } from '../model/removed-paragraph.ts';
import { accept, refuse, type CommandActor, type DecideEnv, type Decision } from './decision.ts';
import { keepParagraph } from './kept-paragraph.ts';
import { paragraphLabel, paragraphPlainText } from './paragraph-facts.ts';
import { placeAfter, removeFromOrder, removeParagraph } from './structure-edits.ts';
import { lockedRefusal, newParagraphLabel, roundOf } from './structure-facts.ts';
import { decideMerge } from './structure-merge.ts';
import { decideRestore } from './structure-restore.ts';
import { decideSplit } from './structure-split.ts';

type StructureCommand = CommandOf<'insert-paragraph' | 'delete-paragraph' | 'restore-paragraph' | 'move-paragraph' | 'split-paragraph' | 'merge-paragraph'>;
const types = new Set<string>(['insert-paragraph', 'delete-paragraph', 'restore-paragraph', 'move-paragraph', 'split-paragraph', 'merge-paragraph']);
const gone = 'that paragraph no longer exists';

/** True for the commands this module decides. */
export function isStructureCommand(command: Command): command is StructureCommand {
  return types.has(command.type);
}

/** Decides a structure command (the role is checked already). */
export function decideStructureCommand(doc: Y.Doc, actor: CommandActor, command: StructureCommand, env: DecideEnv): Decision {
  switch (command.type) {
    case 'insert-paragraph':
      return insertParagraph(doc, command, env);
    case 'delete-paragraph':
      return deleteParagraph(doc, command, actor, env);
    case 'restore-paragraph':
      return decideRestore(doc, command);
    case 'move-paragraph':
      return moveParagraph(doc, command);
    case 'split-paragraph':
      return decideSplit(doc, command, env);
    case 'merge-paragraph':
      return decideMerge(doc, command);
  }
}

function insertParagraph(doc: Y.Doc, { afterId, kind, text }: CommandOf<'insert-paragraph'>, env: DecideEnv): Decision {
  const order = readOrder(doc);
  const at = afterId === null ? 0 : order.indexOf(afterId) + 1;
  if (afterId !== null && at === 0) return refuse('conflict', `${gone}: the new ${kind === ParagraphKind.heading ? 'heading' : 'paragraph'} has nowhere to go`);
  const words = text ?? '';
  if (/[\r\n]/.test(words)) return refuse('invalid', 'a paragraph’s text has no line breaks: insert one paragraph per line');
  const round = roundOf(doc);
  const id = env.newId('p');
  const where = afterId === null ? 'at the top' : `after ${paragraphLabel(doc, afterId)}`;
  return accept(
    (target) => {
      addParagraphMap(target, id, { kind, runs: words === '' ? [] : [{ text: words }], source: '', footnotes: [] }, round + 1);
      placeAfter(target, id, afterId);
    },
    { paragraphId: id, summary: `inserted ${newParagraphLabel(doc, at, kind, words)} ${where}`, ...(words !== '' ? { after: words } : {}) },
    { paragraphId: id },
  );
}

// The paragraph is kept (when not too large) so that restore-paragraph can put it back.
function deleteParagraph(doc: Y.Doc, { paragraphId }: CommandOf<'delete-paragraph'>, actor: CommandActor, env: DecideEnv): Decision {
  if (!readOrder(doc).includes(paragraphId)) return refuse('conflict', gone);
  const locked = lockedRefusal(doc, paragraphId, 'delete it');
  if (locked) return locked;
  const kept = keepParagraph(doc, paragraphId);
  return accept(
    (target) => {
      removeParagraph(target, paragraphId);
      if (kept) keepRemoved(target, paragraphId, { paragraph: kept, by: actor.name, at: env.now });
    },
    { paragraphId, summary: `deleted ${paragraphLabel(doc, paragraphId)}`, before: paragraphPlainText(doc, paragraphId), after: '' },
  );
}

function moveParagraph(doc: Y.Doc, { paragraphId, afterId }: CommandOf<'move-paragraph'>): Decision {
  const order = readOrder(doc);
  const index = order.indexOf(paragraphId);
  if (index < 0) return refuse('conflict', gone);
  const label = paragraphLabel(doc, paragraphId);
  if (afterId === paragraphId) return refuse('invalid', `${label} cannot move after itself`);
  if (afterId !== null && !order.includes(afterId)) return refuse('conflict', `the paragraph to move ${label} after no longer exists`);
  if ((order[index - 1] ?? null) === afterId) return refuse('conflict', `${label} is there already`);
  const where = afterId === null ? 'to the top' : `after ${paragraphLabel(doc, afterId)}`;
  return accept(
    (target) => {
      removeFromOrder(target, paragraphId);
      placeAfter(target, paragraphId, afterId);
    },
    { paragraphId, summary: `moved ${label} ${where}` },
  );
}
