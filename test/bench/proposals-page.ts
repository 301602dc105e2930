/**
 * The negotiation page in Chromium for the proposals benchmark: the bytes a joining page downloads (HTTP and
 * websocket), and typing latency (keystroke to the next paint, p95) in an editor while a Node Yjs client
 * writes 50 remote edits a second elsewhere in the same document, with the main thread's busy time.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { median } from './browser-bench.ts';

const viewport = { width: 1280, height: 900 };
/** Remote edits a second while someone types. */
export const remoteEditsPerSecond = 50;

/** What one cold load measured, in ms since navigation start (heap in bytes). */
export interface PageLoad {
  firstContentfulPaint: number;
  titlePainted: number;
  /** Synced, and every paragraph element in the DOM: the later of the two. */
  allParagraphs: number;
  firstEditor: number;
  /** The last DOM change before the page stayed quiet for a second. */
  settled: number;
  editors: number;
  heapBytes: number;
}

// The probe of browser-bench.ts (every paragraph element in the DOM, the first mounted editor, the title's text
// painted, the last DOM change), as a string so tsx adds no helper to it; `__expected` is set before it runs.
const loadProbe = `
window.__load = { all: -1, editor: -1, title: -1, last: 0 };
new MutationObserver(function () {
  var probe = window.__load, now = performance.now();
  probe.last = now;
  if (probe.all < 0 && document.querySelectorAll('[data-paragraph-id]').length === window.__expected) probe.all = now;
  if (probe.editor < 0 && document.querySelector('.ProseMirror[contenteditable]')) probe.editor = now;
}).observe(document, { childList: true, subtree: true });
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (entry.identifier === 'document-text' && window.__load.title < 0) window.__load.title = entry.renderTime || entry.startTime;
  });
}).observe({ type: 'element', buffered: true });
`;

/**
 * One cold load of `url` in a fresh context, measured as browser-bench.ts measures it, but waiting up to
 * `timeoutMs` (a page with thousands of proposals may take far longer than the plain text) and then for the
 * DOM to stay quiet for a second before reading the heap after a GC.
 */
export async function loadPage(browser: Browser, url: string, elements: number, timeoutMs = 180_000): Promise<PageLoad> {
  const context = await browser.newContext({ viewport });
  try {
    await context.addInitScript({ content: `window.__expected = ${elements};${loadProbe}` });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const probe = (window as unknown as { __load: { all: number; editor: number; title: number } }).__load;
        return probe.all >= 0 && probe.editor >= 0 && probe.title >= 0 && performance.getEntriesByName('draftroom:synced').length > 0;
      },
      undefined,
      { timeout: timeoutMs, polling: 50 },
    );
    await page.waitForFunction(() => performance.now() - (window as unknown as { __load: { last: number } }).__load.last > 1_000, undefined, { timeout: timeoutMs, polling: 100 });
    const timings = await page.evaluate(() => {
      const probe = (window as unknown as { __load: { all: number; editor: number; title: number; last: number } }).__load;
      return {
        firstContentfulPaint: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? -1,
        synced: performance.getEntriesByName('draftroom:synced')[0]?.startTime ?? -1,
        allParagraphs: probe.all,
        titlePainted: probe.title,
        firstEditor: probe.editor,
        settled: probe.last,
        editors: document.querySelectorAll('.ProseMirror[contenteditable]').length,
      };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return { ...timings, allParagraphs: Math.max(timings.allParagraphs, timings.synced), heapBytes: usedSize };
  } finally {
    await context.close();
  }
}

/** What a joining page downloaded, in bytes. */
export interface JoinBytes {
  /** Every HTTP response (headers and body, as on the wire). */
  http: number;
  /** Websocket frames the page received (payloads), and sent. */
  wsReceived: number;
  wsSent: number;
}

/** Waits until the page says it synced and every paragraph element is in the DOM. */
async function waitSynced(page: Page, elements: number): Promise<void> {
  await page.waitForFunction(
    (expected) => performance.getEntriesByName('draftroom:synced').length > 0 && document.querySelectorAll('[data-paragraph-id]').length === expected,
    elements,
    { timeout: 180_000, polling: 20 },
  );
}

/** The bytes a fresh page downloads to show `url` (synced, every paragraph in the DOM, then 1 s for what follows). */
export async function joinBytes(browser: Browser, url: string, elements: number): Promise<JoinBytes> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const bytes: JoinBytes = { http: 0, wsReceived: 0, wsSent: 0 };
    const payload = (frame: { opcode: number; payloadData: string }) => (frame.opcode === 2 ? Buffer.from(frame.payloadData, 'base64').byteLength : Buffer.byteLength(frame.payloadData));
    cdp.on('Network.loadingFinished', (event) => (bytes.http += event.encodedDataLength));
    cdp.on('Network.webSocketFrameReceived', (event) => (bytes.wsReceived += payload(event.response)));
    cdp.on('Network.webSocketFrameSent', (event) => (bytes.wsSent += payload(event.response)));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(url);
    await waitSynced(page, elements);
    await page.waitForTimeout(1_000);
    await cdp.detach();
    return bytes;
  } finally {
    await context.close();
  }
}

/** A page's editor to type into: where to open, and how to find and focus the editor once loaded. */
export interface TypingTarget {
  url: string;
  elements: number;
  /** The editable element (a `.ProseMirror[contenteditable]`), once the page is loaded; may click what opens it. */
  editor(page: Page): Promise<Locator>;
}

/** What a typing run measured: keystroke to next paint (ms), main-thread busy share, the remote edits sent. */
export interface TypingResult {
  p50: number;
  p95: number;
  /** Main-thread task time per second of typing (ms/s), from CDP Performance.getMetrics. */
  busyMsPerSecond: number;
  scriptMsPerSecond: number;
  remoteEditsPerSecond: number;
  /** Characters that reached the editor, out of those typed. */
  landed: number;
  typed: number;
}

// Keystroke to paint: from the keydown's timestamp (when the browser received it) to a message posted from the
// next animation frame, which runs once that frame has been painted. A string, so tsx adds no helper to it.
const keyProbe = `
window.__keys = [];
document.addEventListener('keydown', function (event) {
  var t0 = event.timeStamp;
  requestAnimationFrame(function () {
    var channel = new MessageChannel();
    channel.port1.onmessage = function () { window.__keys.push(performance.now() - t0); };
    channel.port2.postMessage(0);
  });
}, true);
`;

/**
 * Types `keys` letters at the end of the target editor, one every `gapMs`, while `remote` is called
 * remoteEditsPerSecond times a second (each call one remote edit, sent by a Node client); returns the latencies and the main thread's load.
 */
export async function typingLatency(browser: Browser, target: TypingTarget, remote: (i: number) => void, keys = 80, gapMs = 100): Promise<TypingResult> {
  const context = await browser.newContext({ viewport });
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    await context.addInitScript({ content: keyProbe });
    const page = await context.newPage();
    // A page of thousands of proposals may take long to mount its editors: the load is not what is timed here.
    page.setDefaultTimeout(180_000);
    await page.goto(target.url);
    await waitSynced(page, target.elements);
    const editor = await target.editor(page);
    await editor.click();
    await page.keyboard.press('Control+End');
    const before = ((await editor.textContent()) ?? '').length;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let sent = 0;
    const started = performance.now();
    // 50 a second by the clock: a late timer (a busy machine) catches up instead of lowering the rate.
    timer = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * remoteEditsPerSecond);
      while (sent < due) remote(sent++);
    }, 10);
    // Let the remote stream settle in before the first measured key.
    await page.waitForTimeout(500);
    const metric = async (name: string) => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    const [task0, script0] = [await metric('TaskDuration'), await metric('ScriptDuration')];
    const typingStart = performance.now();
    await page.evaluate(() => ((window as unknown as { __keys: number[] }).__keys.length = 0));
    const letters = 'abcdefghij';
    for (let i = 0; i < keys; i++) {
      await page.keyboard.press(letters[i % letters.length] as string);
      await page.waitForTimeout(gapMs);
    }
    const seconds = (performance.now() - typingStart) / 1000;
    const [task1, script1] = [await metric('TaskDuration'), await metric('ScriptDuration')];
    clearInterval(timer);
    const elapsed = (performance.now() - started) / 1000;
    const samples = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys.slice());
    const after = ((await editor.textContent()) ?? '').length;
    await cdp.detach();
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      p50: median(sorted),
      p95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? -1,
      busyMsPerSecond: (task1 - task0) / seconds,
      scriptMsPerSecond: (script1 - script0) / seconds,
      remoteEditsPerSecond: sent / elapsed,
      landed: after - before,
      typed: keys,
    };
  } finally {
    clearInterval(timer);
    await context.close();
  }
}
