/**
 * Keeps the reading position when the live copy is replaced: the document disappears while the fresh
 * copy loads, and the window would otherwise jump back to the top.
 */
import { useEffect } from 'react';
import type { NegotiationConnection } from '../sync/connection.ts';

/** Restores the last scroll position of a rendered document once a replacement copy has synced. */
export function useScrollKeeper(connection: NegotiationConnection): void {
  useEffect(() => {
    let saved = window.scrollY;
    let wasSynced = connection.getSnapshot().synced;
    const onScroll = () => {
      // Only positions of a rendered document count; the jump when it unmounts does not.
      if (connection.getSnapshot().synced) saved = window.scrollY;
    };
    const onChange = () => {
      const { synced, generation } = connection.getSnapshot();
      if (synced && !wasSynced && generation > 0) {
        const target = saved;
        requestAnimationFrame(() => window.scrollTo(0, target));
      }
      wasSynced = synced;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    const unsubscribe = connection.subscribe(onChange);
    return () => {
      window.removeEventListener('scroll', onScroll);
      unsubscribe();
    };
  }, [connection]);
}
