/**
 * Proposals (amendments): propose, react, withdraw (delegations as themselves, facilitators on behalf of
 * one); accept, accept into brackets, reject, undo (facilitators). Each command's rules live in its own
 * module (proposal-create, -reactions, -accept, -brackets, -undo); this one dispatches.
 */
import type * as Y from 'yjs';
import type { Command, CommandOf } from '../protocol/commands.ts';
import type { CommandActor, DecideEnv, Decision } from './decision.ts';
import { decideAccept, decideReject } from './proposal-accept.ts';
import { decideAcceptIntoBrackets } from './proposal-brackets.ts';
import { decidePropose } from './proposal-create.ts';
import { decideReaction, decideWithdraw } from './proposal-reactions.ts';
import { decideUndo } from './proposal-undo.ts';

type ProposalCommand = CommandOf<
  'propose' | 'react-to-proposal' | 'withdraw-proposal' | 'accept-proposal' | 'accept-into-brackets' | 'reject-proposal' | 'undo-decision'
>;

const types = new Set<string>(['propose', 'react-to-proposal', 'withdraw-proposal', 'accept-proposal', 'accept-into-brackets', 'reject-proposal', 'undo-decision']);

/** True for the commands this module decides. */
export function isProposalCommand(command: Command): command is ProposalCommand {
  return types.has(command.type);
}

/** Decides a proposal command (the role is checked already; the actor's delegation is checked here). */
export function decideProposalCommand(doc: Y.Doc, actor: CommandActor, command: ProposalCommand, env: DecideEnv): Decision {
  switch (command.type) {
    case 'propose':
      return decidePropose(doc, actor, command, env);
    case 'react-to-proposal':
      return decideReaction(doc, actor, command);
    case 'withdraw-proposal':
      return decideWithdraw(doc, actor, command, env);
    case 'accept-proposal':
      return decideAccept(doc, actor, command, env);
    case 'accept-into-brackets':
      return decideAcceptIntoBrackets(doc, actor, command, env);
    case 'reject-proposal':
      return decideReject(doc, actor, command, env);
    case 'undo-decision':
      return decideUndo(doc, command, env);
  }
}
