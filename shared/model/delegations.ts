/**
 * The negotiation's delegations live in the `delegations` root map: code -> { name }. Codes are short
 * upper-case identifiers ("KEN", "EU", "G77"); names are what people read ("Kenya", "G77 and China").
 */
import type * as Y from 'yjs';
import { InvalidInputError } from '../errors.ts';
import { DocRoot } from './negotiation-doc.ts';

/** A delegation as plain data. */
export interface Delegation {
  code: string;
  name: string;
}

const codePattern = /^[A-Z0-9][A-Z0-9-]{1,15}$/;

/** The delegations map keyed by code. */
export function getDelegations(doc: Y.Doc): Y.Map<{ name: string }> {
  return doc.getMap<{ name: string }>(DocRoot.delegations);
}

/** The delegations sorted by name. */
export function readDelegations(doc: Y.Doc): Delegation[] {
  return [...getDelegations(doc).entries()]
    .map(([code, value]) => ({ code, name: typeof value?.name === 'string' ? value.name : code }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A checked delegation: code upper-case letters, digits or dashes (2–16), name 1–120 characters; throws InvalidInputError. */
export function validateDelegation(code: unknown, name: unknown): Delegation {
  if (typeof code !== 'string' || !codePattern.test(code)) {
    throw new InvalidInputError('A delegation code is 2 to 16 upper-case letters, digits or dashes, such as "KEN" or "G77".');
  }
  if (typeof name !== 'string' || name.trim() === '' || name.length > 120) {
    throw new InvalidInputError('A delegation needs a name of 1 to 120 characters, such as "Kenya".');
  }
  return { code, name: name.trim() };
}
