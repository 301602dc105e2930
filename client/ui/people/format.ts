/**
 * Words and dates for the people panel: what a link is called, when it was made and when it stops working.
 */
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { InvitationInfo } from '../../../shared/protocol/api.ts';

/** "today 14:05", "yesterday 09:10", "tomorrow 14:05", else "12 Mar 14:05" (with the year when not this year); the input itself when it is not a date. */
export function shortDate(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const days = Math.round((startOfDay(date) - startOfDay(now)) / 86_400_000);
  if (days === 0) return `today ${time}`;
  if (days === -1) return `yesterday ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  const day = date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${day} ${time}`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** True when the link's expiry has passed. */
export function isExpired(invitation: InvitationInfo, now = Date.now()): boolean {
  return invitation.expiresAt !== null && Date.parse(invitation.expiresAt) <= now;
}

/** The delegation's name for a code, or the code itself when the list no longer has it. */
export function delegationName(code: string, delegations: readonly Delegation[]): string {
  return delegations.find((d) => d.code === code)?.name ?? code;
}

/** What a link is called in lists: its label, else "Shared link" for a delegation, else the role's link. */
export function linkTitle(invitation: InvitationInfo): string {
  if (invitation.label) return invitation.label;
  if (invitation.role === 'delegation') return 'Shared link (whole delegation)';
  return invitation.role === 'facilitator' ? 'Facilitator link' : 'Observer link';
}

/** Whom a link lets in, in a few words: "Kenya", "Kenya — Amina Diallo", "Facilitator — Secretariat", "Observer". */
export function linkAudience(invitation: InvitationInfo, delegations: readonly Delegation[]): string {
  const base =
    invitation.role === 'delegation'
      ? delegationName(invitation.delegation ?? '', delegations)
      : invitation.role === 'facilitator'
        ? 'Facilitator'
        : 'Observer';
  return invitation.label ? `${base} — ${invitation.label}` : base;
}

/** The choices for a link's lifetime, in hours (null: it does not expire). */
export const expiryChoices: readonly { label: string; hours: number | null }[] = [
  { label: 'Does not expire', hours: null },
  { label: '8 hours', hours: 8 },
  { label: '24 hours', hours: 24 },
  { label: '3 days', hours: 72 },
  { label: '1 week', hours: 168 },
  { label: '30 days', hours: 720 },
];

/** The sentence to show for a failed call: the server's own words, with what to do when this page's link stopped working. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401) return `${message} This page's own link no longer works: open a current facilitator link.`;
  return message;
}
