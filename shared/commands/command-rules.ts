/**
 * Who may send each command: the one table of command permissions (the document's own rows are in
 * shared/permissions/field-rules.ts). A role missing from a command's row is refused before anything is read.
 */
import { Role } from '../protocol/presence.ts';
import type { CommandType } from '../protocol/commands.ts';

const facilitators: readonly Role[] = [Role.facilitator];
/** Facilitators act on behalf of a delegation; a delegation only as itself (checked by the command's module). */
const proposers: readonly Role[] = [Role.facilitator, Role.delegation];

/** The roles that may send each command. */
export const commandRoles: Record<CommandType, readonly Role[]> = {
  'set-status': facilitators,
  'set-floor': facilitators,
  'insert-paragraph': facilitators,
  'delete-paragraph': facilitators,
  'restore-paragraph': facilitators,
  'move-paragraph': facilitators,
  'split-paragraph': facilitators,
  'merge-paragraph': facilitators,
  'add-bracket': facilitators,
  'set-bracket-holders': facilitators,
  'group-alternatives': facilitators,
  'ungroup-bracket': facilitators,
  'lift-bracket': facilitators,
  'delete-bracket': facilitators,
  'choose-alternative': facilitators,
  'set-title-block': facilitators,
  'set-source': facilitators,
  'set-footnote': facilitators,
  propose: proposers,
  'react-to-proposal': proposers,
  'withdraw-proposal': proposers,
  'accept-proposal': facilitators,
  'accept-into-brackets': facilitators,
  'reject-proposal': facilitators,
  'undo-decision': facilitators,
};

/** Words for a command type in a refusal: "set-status" -> "set status". */
export function commandWords(type: CommandType): string {
  return type.replace(/-/g, ' ');
}

/** The roles in words for a refusal: "facilitators", "facilitators and delegations". */
export function rolesInWords(roles: readonly Role[]): string {
  return roles.map((role) => `${role}s`).join(' and ');
}
