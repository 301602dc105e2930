/**
 * Which paragraphs are in or near the viewport, from one IntersectionObserver with a generous margin:
 * those get a live editor, the rest stay static HTML. A paragraph leaving the band keeps its editor a
 * little longer, so scrolling back and forth does not mount and unmount the same editors.
 */

type Listener = () => void;

/** How far beyond the viewport (in px) a paragraph still counts as near. */
export const nearMargin = 800;

const unmountDelay = 1_500;

/** Tracks paragraph elements by id; subscribe per id. */
export class ViewportTracker {
  private readonly near = new Set<string>();
  private readonly ids = new WeakMap<Element, string>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly leaving = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly observer: IntersectionObserver;

  /** Starts an observer on the viewport. */
  constructor() {
    this.observer = new IntersectionObserver((entries) => this.onEntries(entries), {
      rootMargin: `${nearMargin}px 0px ${nearMargin}px 0px`,
    });
  }

  /** Follows `element` as paragraph `id`; returns the function that stops following it. */
  observe(id: string, element: Element): () => void {
    this.ids.set(element, id);
    this.observer.observe(element);
    return () => {
      this.observer.unobserve(element);
      this.ids.delete(element);
    };
  }

  /** True while paragraph `id` is in or near the viewport. */
  isNear(id: string): boolean {
    return this.near.has(id);
  }

  /** Calls `listener` when paragraph `id` enters or leaves the band; returns the unsubscribe function. */
  subscribe(id: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /** Stops observing everything. */
  destroy(): void {
    this.observer.disconnect();
    this.leaving.forEach((timer) => clearTimeout(timer));
    this.leaving.clear();
    this.listeners.clear();
  }

  private onEntries(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const id = this.ids.get(entry.target);
      if (id === undefined) continue;
      const timer = this.leaving.get(id);
      if (entry.isIntersecting) {
        if (timer !== undefined) {
          clearTimeout(timer);
          this.leaving.delete(id);
        }
        this.set(id, true);
      } else if (this.near.has(id) && timer === undefined) {
        this.leaving.set(
          id,
          setTimeout(() => {
            this.leaving.delete(id);
            this.set(id, false);
          }, unmountDelay),
        );
      }
    }
  }

  private set(id: string, near: boolean): void {
    if (this.near.has(id) === near) return;
    if (near) this.near.add(id);
    else this.near.delete(id);
    this.listeners.get(id)?.forEach((listener) => listener());
  }
}
