/**
 * The negotiation's delegations read live from the document's `delegations` map, so a change made by
 * another facilitator (or by this one through the API) shows as soon as the server relays it.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getDelegations, readDelegations, type Delegation } from '../../../shared/model/delegations.ts';

/** The delegations of `doc`, sorted by name; a new array after each change, the same one otherwise. */
export function useDelegations(doc: Y.Doc): Delegation[] {
  const source = useMemo(() => {
    let current = readDelegations(doc);
    return {
      subscribe(listener: () => void): () => void {
        const map = getDelegations(doc);
        const onChange = () => {
          current = readDelegations(doc);
          listener();
        };
        map.observe(onChange);
        // A change between the first read and the subscription would otherwise be missed.
        onChange();
        return () => map.unobserve(onChange);
      },
      get: (): Delegation[] => current,
    };
  }, [doc]);
  return useSyncExternalStore(source.subscribe, source.get);
}
