/**
 * A part of the client loaded on demand in its own chunk (the editors' code), kept once it has arrived. A
 * failed load is not kept: the loader tries again after a pause that doubles from 1 s up to 30 s (a file
 * that is gone is not asked for in a loop), and at once when the page comes back online or into view,
 * until the code arrives; once the page's files are known to be gone, only the page coming back tries again. What stands in the way is published for the notice that asks to reload
 * (client/ui/code-trouble-notice.tsx): "updated" as soon as the script this page started from is gone from
 * the server (the client was replaced while the page was open), "failing" after three failed tries.
 */

/** Why the editors' code is not there: the page's files were replaced on the server, or loading keeps failing. */
export type CodeTrouble = 'updated' | 'failing';

/** A value loaded on demand: `load` asks for it (tried again until it arrives), `get` reads it, `subscribe` hears it arrive. */
export interface ChunkLoader<T> {
  /** Starts loading unless a try is running or due; resolves once the value has arrived, never rejects. */
  load(): Promise<T>;
  /** The value, or null until it has arrived (for useSyncExternalStore). */
  get(): T | null;
  /** Calls `listener` once the value has arrived; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

const firstPauseMs = 1_000;
const longestPauseMs = 30_000;
const triesBeforeNotice = 3;
/** How long the question "is this page's script still there?" may take before it counts as no answer. */
const askTimeoutMs = 5_000;

const troubles = new Map<object, CodeTrouble>();
const troubleListeners = new Set<() => void>();
let worstTrouble: CodeTrouble | null = null;

/** The worst trouble of any loader now, or null when none has any (for useSyncExternalStore). */
export function getCodeTrouble(): CodeTrouble | null {
  return worstTrouble;
}

/** Calls `listener` when the trouble changes; returns the unsubscribe function. */
export function subscribeCodeTrouble(listener: () => void): () => void {
  troubleListeners.add(listener);
  return () => troubleListeners.delete(listener);
}

/** A loader over `importer` (a dynamic import and what to take from it); nothing is fetched before the first `load`. */
export function createChunkLoader<T>(what: string, importer: () => Promise<T>): ChunkLoader<T> {
  const key = {};
  const listeners = new Set<() => void>();
  let value: T | null = null;
  let arrived: Promise<T> | null = null;
  let deliver: (loaded: T) => void = () => {};
  let running = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const attempt = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    running = true;
    importer().then(succeed, (error: unknown) => void fail(error));
  };
  const succeed = (loaded: T) => {
    running = false;
    value = loaded;
    watchPage(false);
    setTrouble(key, null);
    deliver(loaded);
    listeners.forEach((listener) => listener());
  };
  const fail = async (error: unknown) => {
    failures += 1;
    console.error(`Draftroom: loading ${what} failed (try ${failures}); trying again.`, error);
    const gone = await pageFilesGone();
    running = false;
    const next = gone || troubles.get(key) === 'updated' ? 'updated' : failures >= triesBeforeNotice ? 'failing' : null;
    setTrouble(key, next);
    // Files that are gone stay gone: the notice asks for a reload, and only the page coming back tries again.
    // Otherwise the pause is spread (±25%), so the pages open during a server's restart do not all ask at once.
    if (next !== 'updated') timer = setTimeout(attempt, Math.min(firstPauseMs * 2 ** (failures - 1), longestPauseMs) * (0.75 + Math.random() / 2));
    watchPage(true);
  };
  // Back online or back in view: the cause may be gone, so the pause is not waited out.
  const retryNow = () => {
    if (value === null && !running && document.visibilityState === 'visible' && navigator.onLine) attempt();
  };
  const watchPage = (on: boolean) => {
    if (on) {
      window.addEventListener('online', retryNow);
      document.addEventListener('visibilitychange', retryNow);
    } else {
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', retryNow);
    }
  };

  return {
    load() {
      if (value !== null) return Promise.resolve(value);
      arrived ??= new Promise<T>((resolve) => (deliver = resolve));
      if (!running && timer === null) attempt();
      return arrived;
    },
    get: () => value,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function setTrouble(key: object, trouble: CodeTrouble | null): void {
  if (trouble === null) troubles.delete(key);
  else troubles.set(key, trouble);
  const all = [...troubles.values()];
  const worst = all.includes('updated') ? 'updated' : all.length > 0 ? 'failing' : null;
  if (worst === worstTrouble) return;
  worstTrouble = worst;
  troubleListeners.forEach((listener) => listener());
}

/**
 * True when the server no longer has the script this page started from: the client was rebuilt and
 * replaced since the page loaded (every file's name carries its hash), so none of its chunks will come.
 */
async function pageFilesGone(): Promise<boolean> {
  const entry = document.querySelector<HTMLScriptElement>('script[type="module"][src]');
  if (!entry) return false;
  try {
    const answer = await fetch(entry.src, { method: 'HEAD', cache: 'no-store', signal: AbortSignal.timeout(askTimeoutMs) });
    return answer.status === 404 || answer.status === 410;
  } catch (error) {
    // No answer says nothing about an update: the failed tries are counted instead.
    console.error('Draftroom: could not ask the server whether the client was updated.', error);
    return false;
  }
}
