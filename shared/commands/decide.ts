/**
 * decide(doc, actor, command): the one entry point of every decision. Checks the sender's role against
 * command-rules.ts, then hands the command to the module of its kind. Pure: reads the document, never
 * changes it; the answer's `apply` makes the change.
 */
import type * as Y from 'yjs';
import type { Command } from '../protocol/commands.ts';
import { decideBracketCommand, isBracketCommand } from './bracket-commands.ts';
import { commandRoles, commandWords, rolesInWords } from './command-rules.ts';
import { refuse, type CommandActor, type DecideEnv, type Decision } from './decision.ts';
import { decideDocumentCommand, isDocumentCommand } from './document-commands.ts';
import { decideProposalCommand, isProposalCommand } from './proposal-commands.ts';
import { decideStatusCommand, isStatusCommand } from './status-commands.ts';
import { decideStructureCommand, isStructureCommand } from './structure-commands.ts';

/** Judges `command` from `actor` against `doc` as it is now: the change to make, or why not. */
export function decide(doc: Y.Doc, actor: CommandActor, command: Command, env: DecideEnv): Decision {
  const roles = commandRoles[command.type];
  if (!roles.includes(actor.role)) {
    return refuse('forbidden', `${actor.name} may not ${commandWords(command.type)}: only ${rolesInWords(roles)} may`);
  }
  if (isStatusCommand(command)) return decideStatusCommand(doc, command, env);
  if (isStructureCommand(command)) return decideStructureCommand(doc, actor, command, env);
  if (isBracketCommand(command)) return decideBracketCommand(doc, command, env);
  if (isDocumentCommand(command)) return decideDocumentCommand(doc, command, env);
  if (isProposalCommand(command)) return decideProposalCommand(doc, actor, command, env);
  return refuse('invalid', `unknown command "${(command as { type: string }).type}"`);
}
