/**
 * Structure: insert, delete, move, split and merge paragraphs. (Being written.)
 */
import type * as Y from 'yjs';
import type { Command, CommandOf } from '../protocol/commands.ts';
import { refuse, type DecideEnv, type Decision } from './decision.ts';

type StructureCommand = CommandOf<'insert-paragraph' | 'delete-paragraph' | 'move-paragraph' | 'split-paragraph' | 'merge-paragraph'>;
const types = new Set<string>(['insert-paragraph', 'delete-paragraph', 'move-paragraph', 'split-paragraph', 'merge-paragraph']);

/** True for the commands this module decides. */
export function isStructureCommand(command: Command): command is StructureCommand {
  return types.has(command.type);
}

/** Decides a structure command (the role is checked already). */
export function decideStructureCommand(_doc: Y.Doc, command: StructureCommand, _env: DecideEnv): Decision {
  return refuse('invalid', `${command.type} is not available yet`);
}
