/**
 * Costly documents (the .docx export) built at most once per interval for each key, whoever asks: a
 * request for a document whose source has not changed since the last build gets that build; one that
 * finds the last build too recent waits for the next, which every request arriving meanwhile shares and
 * which reads the source only when it starts. A reader asking again and again costs at most one build per
 * interval, however often the text changes.
 */

/** What a build is made from: a version that changes whenever the source does, and the source itself. */
export interface BuildSource<S> {
  version: string;
  source: S;
}

interface Built<T> {
  version: string;
  at: number;
  value: Promise<T>;
}

/** Builds per key, throttled; keeps the latest build of the `maxKeys` keys used last. */
export class ThrottledBuilds<S, T> {
  private readonly built = new Map<string, Built<T>>();
  private readonly next = new Map<string, Promise<T>>();

  /** Builds at most once per `intervalMs` for each key. */
  constructor(
    private readonly intervalMs: number,
    private readonly maxKeys = 32,
  ) {}

  /** The build of `key` for its source as `read` gives it now (or when the next build starts), made by `build`. */
  async get(key: string, read: () => Promise<BuildSource<S>>, build: (source: S) => Promise<T>): Promise<T> {
    const now = await read();
    // Looked up after the read: a build started meanwhile (a request just before this one) is shared.
    const last = this.built.get(key);
    if (last && last.version === now.version) return this.keep(key, last).value;
    const scheduled = this.next.get(key);
    if (scheduled) return scheduled;
    const wait = last ? last.at + this.intervalMs - performance.now() : 0;
    if (wait <= 0) return this.start(key, now, build);
    const later = new Promise<void>((resolve) => setTimeout(resolve, wait))
      .then(read)
      .then((fresh) => this.start(key, fresh, build))
      .finally(() => this.next.delete(key));
    this.next.set(key, later);
    return later;
  }

  private start(key: string, from: BuildSource<S>, build: (source: S) => Promise<T>): Promise<T> {
    const value = build(from.source);
    const entry: Built<T> = { version: from.version, at: performance.now(), value };
    this.keep(key, entry);
    // A failed build is not kept: the next request tries again.
    value.catch(() => {
      if (this.built.get(key) === entry) this.built.delete(key);
    });
    return value;
  }

  // Most recently used last; the oldest key goes once there are too many.
  private keep(key: string, entry: Built<T>): Built<T> {
    this.built.delete(key);
    this.built.set(key, entry);
    if (this.built.size > this.maxKeys) this.built.delete(this.built.keys().next().value as string);
    return entry;
  }
}
