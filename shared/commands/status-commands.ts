/**
 * Paragraph status (pending, agreed ad ref with a note, agreed) and the floor (the paragraph under
 * discussion). An agreed or ad ref paragraph takes no edits until a facilitator sets it back to pending;
 * the permission check enforces that on every raw update (shared/permissions/judge-touch.ts).
 */
import type * as Y from 'yjs';
import { getMeta, getParagraphs, LaterParagraphField, MetaField, ParagraphField, paragraphStatusOf, readFloor } from '../model/negotiation-doc.ts';
import { ParagraphStatus } from '../model/paragraph.ts';
import type { Command, CommandOf } from '../protocol/commands.ts';
import { accept, refuse, type DecideEnv, type Decision } from './decision.ts';
import { paragraphLabel } from './paragraph-facts.ts';

type StatusCommand = CommandOf<'set-status' | 'set-floor'>;

/** Words for each status, as the activity and refusals write them. */
export const statusWords: Record<ParagraphStatus, string> = {
  [ParagraphStatus.pending]: 'pending',
  [ParagraphStatus.agreedAdRef]: 'agreed ad ref',
  [ParagraphStatus.agreed]: 'agreed',
};

/** True for the commands this module decides. */
export function isStatusCommand(command: Command): command is StatusCommand {
  return command.type === 'set-status' || command.type === 'set-floor';
}

/** Decides a status or floor command (the role is checked already). */
export function decideStatusCommand(doc: Y.Doc, command: StatusCommand, _env: DecideEnv): Decision {
  return command.type === 'set-status' ? setStatus(doc, command) : setFloor(doc, command);
}

function setStatus(doc: Y.Doc, { paragraphId, status, note }: CommandOf<'set-status'>): Decision {
  const current = paragraphStatusOf(doc, paragraphId);
  if (current === undefined) return refuse('conflict', 'that paragraph no longer exists');
  const label = paragraphLabel(doc, paragraphId);
  const text = (note ?? '').trim();
  if (text !== '' && status !== ParagraphStatus.agreedAdRef) return refuse('invalid', 'only an agreed ad ref status carries a note');
  const map = getParagraphs(doc).get(paragraphId);
  if (current === status && (map?.get(LaterParagraphField.statusNote) ?? '') === text) return refuse('conflict', `${label} is ${statusWords[status]} already`);
  const verb = status === ParagraphStatus.pending && current !== ParagraphStatus.pending ? `reopened ${label}` : `marked ${label} ${statusWords[status]}`;
  return accept(
    (target) => {
      const paragraph = getParagraphs(target).get(paragraphId);
      paragraph?.set(ParagraphField.status, status);
      paragraph?.set(LaterParagraphField.statusNote, text);
    },
    { paragraphId, summary: text ? `${verb} (${text})` : verb },
  );
}

function setFloor(doc: Y.Doc, { paragraphId }: CommandOf<'set-floor'>): Decision {
  if (paragraphId !== null && !getParagraphs(doc).has(paragraphId)) return refuse('conflict', 'that paragraph no longer exists');
  if (readFloor(doc) === paragraphId) return refuse('conflict', paragraphId ? `${paragraphLabel(doc, paragraphId)} is on the floor already` : 'no paragraph is on the floor');
  return accept(
    (target) => getMeta(target).set(MetaField.floor, paragraphId),
    { paragraphId, summary: paragraphId ? `put ${paragraphLabel(doc, paragraphId)} on the floor` : 'cleared the floor' },
  );
}
