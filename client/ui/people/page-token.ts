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
