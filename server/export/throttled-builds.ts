/**
 * Costly documents (the .docx export) built at most once per interval for each key, whoever asks. A request
 * first reads only the source's version: when a build of that version exists (done, running or failed) it
 * gets that build. Otherwise it waits for the next build, which every request arriving before it starts
 * shares and which reads the source only when it starts, after the interval has passed since the last build
 * ended. A reader asking again and again costs at most one build per interval, however often the text
 * changes, and nobody gets a document older than the text was when they asked.
 */

/** A build's bookkeeping: the version it was made from, when it ended (Infinity while running), its result. */
interface Built<T> {
  version: string;
  endedAt: number;
  value: Promise<T>;
}

/** Builds per key, throttled; keeps the latest build of the `maxKeys` keys used last. */
export class ThrottledBuilds<S, T> {
  private readonly built = new Map<string, Built<T>>();
  private readonly next = new Map<string, Promise<T>>();

  /**
   * Builds at most once per `intervalMs` for each key; a failure is kept as the answer for its version when
   * `lasting(error)` says so (a build that failed because the builder was busy is tried again).
   */
  constructor(
    private readonly intervalMs: number,
    private readonly lasting: (error: unknown) => boolean = () => true,
    private readonly maxKeys = 32,
  ) {}

  /**
   * The build of `key` for the source's version now (`version`, cheap), made by `build` from `read`'s source
   * (read when the build starts, with its version). A lasting failure is the answer for its version too:
   * the same source would fail again.
   */
  async get(key: string, version: () => Promise<string>, read: () => Promise<{ version: string; source: S }>, build: (source: S) => Promise<T>): Promise<T> {
    const asked = await version();
    const last = this.built.get(key);
    if (last && last.version === asked) return this.keep(key, last).value;
    const scheduled = this.next.get(key);
    if (scheduled) return scheduled;
    const previous = last ? last.value.then(noop, noop) : Promise.resolve();
    const later = previous
      .then(() => sleep((last?.endedAt ?? -Infinity) + this.intervalMs - performance.now()))
      .then(async () => {
        // From here on a request must not join this build: it reads the source now, and a later change is not in it.
        this.next.delete(key);
        return this.start(key, await read(), build);
      });
    this.next.set(key, later);
    return later;
  }

  private start(key: string, from: { version: string; source: S }, build: (source: S) => Promise<T>): Promise<T> {
    const entry: Built<T> = { version: from.version, endedAt: Infinity, value: build(from.source) };
    entry.value.then(
      () => (entry.endedAt = performance.now()),
      (error: unknown) => {
        entry.endedAt = performance.now();
        if (!this.lasting(error) && this.built.get(key) === entry) this.built.delete(key);
      },
    );
    this.keep(key, entry);
    return entry.value;
  }

  // Most recently used last; the oldest key goes once there are too many.
  private keep(key: string, entry: Built<T>): Built<T> {
    this.built.delete(key);
    this.built.set(key, entry);
    if (this.built.size > this.maxKeys) this.built.delete(this.built.keys().next().value as string);
    return entry;
  }
}

function noop(): void {}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
