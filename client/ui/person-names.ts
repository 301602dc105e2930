/**
 * Short forms of the names the server gives people ("Kenya", "Facilitator (Co-facilitator)"), for
 * places with little room. Two facilitators must stay distinguishable, so a label in parentheses wins.
 */
import type { PresenceUser } from '../../shared/protocol/presence.ts';
import { roleLabel } from './role-labels.ts';

/** The invitation's label in "Facilitator (Co-facilitator)", or null. */
function labelOf(name: string): string | null {
  return /\(([^()]+)\)\s*$/.exec(name)?.[1]?.trim() || null;
}

/** For chips: the delegation's name, else the label, else the name ("Kenya", "Co-facilitator", "Observer"). */
export function chipName(user: PresenceUser): string {
  if (user.delegation) return user.name;
  return labelOf(user.name) ?? user.name;
}

/** For markers beside paragraphs: the delegation's code, else the label, else the name ("KEN", "Secretariat"). */
export function markerName(user: PresenceUser): string {
  return user.delegation ?? labelOf(user.name) ?? user.name;
}

/** True when the name already says the role ("Facilitator (Secretariat)"), so no role badge is needed. */
export function nameStatesRole(user: PresenceUser): boolean {
  return user.name.startsWith(roleLabel(user.role));
}
