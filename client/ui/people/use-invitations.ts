/**
 * The negotiation's invitation links as the server lists them, refreshed on demand, whenever the set of
 * delegations changes (removing a delegation, here or by another facilitator, revokes its links), and
 * every half minute while the page is visible (another facilitator may be making links too).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Delegation } from '../../../shared/model/delegations.ts';
import type { InvitationInfo } from '../../../shared/protocol/api.ts';
import type { PeopleClient } from '../../sync/people-api.ts';
import { errorText } from './format.ts';

/** The links (null until the first answer), the last error, and ways to change the local copy. */
export interface InvitationsState {
  invitations: InvitationInfo[] | null;
  error: string | null;
  refreshing: boolean;
  /** Asks the server again. */
  refresh: () => void;
  /** Drops a revoked link at once, before the next answer confirms it. */
  forget: (invitationId: string) => void;
}

/** Loads the links with `api`, again when the delegations' codes change and every 30 s. */
export function useInvitations(api: PeopleClient, delegations: readonly Delegation[]): InvitationsState {
  const [invitations, setInvitations] = useState<InvitationInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const latest = useRef(0);

  const load = useCallback(
    (quiet: boolean) => {
      // Only the newest request may write: answers can arrive out of order.
      const request = ++latest.current;
      if (!quiet) setRefreshing(true);
      api.listInvitations().then(
        (list) => {
          if (request !== latest.current) return;
          setInvitations(list);
          setError(null);
          setRefreshing(false);
        },
        (caught: unknown) => {
          if (request !== latest.current) return;
          setError(errorText(caught));
          setRefreshing(false);
        },
      );
    },
    [api],
  );
  const refresh = useCallback(() => load(false), [load]);

  const codes = delegations.map((d) => d.code).join(' ');
  useEffect(() => {
    refresh();
  }, [refresh, codes]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load(true);
    }, 30_000);
    return () => {
      clearInterval(timer);
      latest.current += 1;
    };
  }, [load]);

  const forget = useCallback((invitationId: string) => {
    setInvitations((list) => list?.filter((i) => i.id !== invitationId) ?? null);
  }, []);

  return { invitations, error, refreshing, refresh, forget };
}
