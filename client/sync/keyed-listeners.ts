/**
 * Listeners subscribed per key (a paragraph id), for stores read with useSyncExternalStore: a key's set
 * exists only while someone listens to it.
 */

type Listener = () => void;

/** Listener sets by key. */
export class KeyedListeners {
  private readonly byKey = new Map<string, Set<Listener>>();

  /** Calls `listener` on each notify(key); returns the unsubscribe function. */
  subscribe(key: string, listener: Listener): () => void {
    let listeners = this.byKey.get(key);
    if (!listeners) this.byKey.set(key, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.byKey.delete(key);
    };
  }

  /** Calls the listeners of `key` (those subscribed when it starts). */
  notify(key: string): void {
    for (const listener of [...(this.byKey.get(key) ?? [])]) listener();
  }

  /** Forgets every listener. */
  clear(): void {
    this.byKey.clear();
  }
}
