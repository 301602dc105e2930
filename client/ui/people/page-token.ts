/**
 * The invitation token this page was opened with, for the API calls the page makes in the person's name
 * (the facilitator's panel). NegotiationPage provides it; null outside a negotiation page.
 */
import { createContext, useContext } from 'react';

/** The page's invitation token, or null. */
export const PageTokenContext = createContext<string | null>(null);

/** The page's invitation token, or null when no NegotiationPage provides one. */
export function usePageToken(): string | null {
  return useContext(PageTokenContext);
}

/**
 * The invitation id inside a token (its `jti`), read without checking the signature: only to mark "the link
 * of this page" in a list the server gave; null when the token is not a readable JWT.
 */
export function invitationIdOf(token: string): string | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { jti?: unknown };
    return typeof claims.jti === 'string' ? claims.jti : null;
  } catch {
    return null;
  }
}
