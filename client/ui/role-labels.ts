/**
 * What each role is called on the page and what it may do here, in the words of the people using it.
 */
import { Role } from '../../shared/protocol/presence.ts';

/** The role's name on badges ("Facilitator", "Delegation", "Observer"). */
export function roleLabel(role: Role): string {
  switch (role) {
    case Role.facilitator:
      return 'Facilitator';
    case Role.delegation:
      return 'Delegation';
    case Role.observer:
      return 'Observer';
  }
}

/** True when the role may type in the paragraph text (the server enforces the same rule). */
export function mayEditText(role: Role): boolean {
  return role === Role.facilitator;
}

/** A short sentence on the role's rights, shown beside the person's name. */
export function roleRights(role: Role): string {
  switch (role) {
    case Role.facilitator:
      return 'Facilitator — edit the text and decide';
    case Role.delegation:
      return 'Delegation — propose changes; facilitators edit the text';
    case Role.observer:
      return 'Observer — read only';
  }
}

/** The role's name for a group of people ("Facilitators", "Delegations", "Observers"), or one of them when `count` is 1. */
export function roleGroupLabel(role: Role, count = 2): string {
  const one = roleLabel(role);
  return count === 1 ? one : `${one}s`;
}
