/**
 * Brackets: add, hold, group as alternatives, lift, delete, choose. (Being written.)
 */
import type * as Y from 'yjs';
import type { Command, CommandOf } from '../protocol/commands.ts';
import { refuse, type DecideEnv, type Decision } from './decision.ts';

type BracketCommand = CommandOf<'add-bracket' | 'set-bracket-holders' | 'group-alternatives' | 'ungroup-bracket' | 'lift-bracket' | 'delete-bracket' | 'choose-alternative'>;
const types = new Set<string>(['add-bracket', 'set-bracket-holders', 'group-alternatives', 'ungroup-bracket', 'lift-bracket', 'delete-bracket', 'choose-alternative']);

/** True for the commands this module decides. */
export function isBracketCommand(command: Command): command is BracketCommand {
  return types.has(command.type);
}

/** Decides a bracket command (the role is checked already). */
export function decideBracketCommand(_doc: Y.Doc, command: BracketCommand, _env: DecideEnv): Decision {
  return refuse('invalid', `${command.type} is not available yet`);
}
