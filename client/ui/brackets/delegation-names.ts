/**
 * The delegations' names by code, read live from the document's `delegations` map with one observer per
 * document however many paragraphs show brackets, so a rename shows at once in every holder's tooltip.
 */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getDelegations } from '../../../shared/model/delegations.ts';

type Listener = () => void;

interface NamesSource {
  get: () => ReadonlyMap<string, string>;
  subscribe: (listener: Listener) => () => void;
}

const sources = new WeakMap<Y.Doc, NamesSource>();

/** The names of `doc`'s delegations by code; the same Map until one changes. */
export function useDelegationNames(doc: Y.Doc): ReadonlyMap<string, string> {
  const source = namesSource(doc);
  return useSyncExternalStore(source.subscribe, source.get);
}

/** The names of `doc`'s delegations by code, read now. */
export function readDelegationNames(doc: Y.Doc): ReadonlyMap<string, string> {
  return new Map([...getDelegations(doc).entries()].map(([code, value]) => [code, typeof value?.name === 'string' ? value.name : code]));
}

function namesSource(doc: Y.Doc): NamesSource {
  const known = sources.get(doc);
  if (known) return known;
  let current = readDelegationNames(doc);
  const listeners = new Set<Listener>();
  const onChange = () => {
    current = readDelegationNames(doc);
    listeners.forEach((listener) => listener());
  };
  const source: NamesSource = {
    get: () => current,
    subscribe: (listener) => {
      if (listeners.size === 0) {
        getDelegations(doc).observe(onChange);
        // A change between the last read and this subscription would otherwise be missed.
        current = readDelegationNames(doc);
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) getDelegations(doc).unobserve(onChange);
      };
    },
  };
  sources.set(doc, source);
  return source;
}
