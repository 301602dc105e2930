/**
 * The browser section of `npm run bench`: cold loads of a negotiation page in Debian's Chromium on the real
 * server, the real IMRF zero draft (57 ¶) next to a synthetic 300-paragraph draft, with the ratio between
 * the two (the figures depend on the machine; the ratio is the reading). Also the latency of a remote
 * edit, from a Node y-websocket client's insert to the word appearing in the page's DOM.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as Y from 'yjs';
import { getParagraphs, getParagraphText, ParagraphField, readOrder } from '../../shared/model/negotiation-doc.ts';
import { Role } from '../../shared/protocol/presence.ts';
import { importDraft, invite } from '../helpers/api.ts';
import { chromiumPath, launchBrowser } from '../helpers/browser.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { connectClient, type YClient } from '../helpers/yjs-client.ts';
import { table } from './measure.ts';

const fixture = new URL('../../../shared/fixtures/imrf-progress-declaration-zero-draft-2022-03-17.txt', import.meta.url);
const builtClient = fileURLToPath(new URL('../../dist/client/index.html', import.meta.url));

/** Cold loads per document (interleaved between the two documents), after one discarded warm-up each. */
const loads = 9;
/** Remote edits per document. */
const edits = 20;
const viewport = { width: 1280, height: 900 };
/** A load counts as settled once the DOM has not changed for this long (then the heap is read). */
const quietMs = 250;

/** What one cold load measured, in ms since navigation start (heap in bytes). */
export interface LoadSample {
  firstPaint: number;
  firstContentfulPaint: number;
  session: number;
  synced: number;
  allParagraphs: number;
  titlePainted: number;
  firstEditor: number;
  editors: number;
  heapBytes: number;
}

/** A document under test: its label, and once imported its page URL and expected paragraph elements. */
export interface BenchDocument {
  label: string;
  /** Why it is not measured (fixture missing), or null. */
  missing: string | null;
  text: string;
  id?: string;
  url?: string;
  /** Elements with data-paragraph-id: numbered paragraphs and headings. */
  elements?: number;
}

/** State the init script keeps in the page. */
interface Probe {
  allParagraphs: number;
  firstEditor: number;
  titlePainted: number;
  lastMutation: number;
}

/**
 * Runs in the page before its own scripts: records (performance.now(), ms since navigation start) when
 * every paragraph element is in the DOM and when the first TipTap editor is mounted, and when the title's
 * text is painted (Element Timing). Static paragraphs carry the editor's `tiptap ProseMirror` classes too;
 * only a mounted editor's element has a contenteditable attribute.
 */
function installProbe(expected: number): void {
  const probe: Probe = { allParagraphs: -1, firstEditor: -1, titlePainted: -1, lastMutation: 0 };
  (window as unknown as { __bench: Probe }).__bench = probe;
  new MutationObserver(() => {
    const now = performance.now();
    probe.lastMutation = now;
    if (probe.allParagraphs < 0 && document.querySelectorAll('[data-paragraph-id]').length === expected) probe.allParagraphs = now;
    if (probe.firstEditor < 0 && document.querySelector('.ProseMirror[contenteditable]')) probe.firstEditor = now;
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
      if (entry.identifier === 'document-text' && probe.titlePainted < 0) probe.titlePainted = entry.renderTime || entry.startTime;
    }
  }).observe({ type: 'element', buffered: true });
}

/** A synthetic zero draft: a title block, then `count` numbered paragraphs of about 400 characters each. */
export function syntheticText(count: number): string {
  const words = (
    'we reaffirm our commitment to sustainable development and international cooperation recognizing the ' +
    'importance of inclusive growth resilient institutions and the full participation of all stakeholders in ' +
    'implementing the agreed outcomes at the national regional and global levels'
  ).split(' ');
  const paragraphs = Array.from({ length: count }, (_, i) => {
    const picked: string[] = [];
    for (let w = 0; picked.join(' ').length < 395; w++) picked.push(words[(i * 7 + w) % words.length] as string);
    const text = picked.join(' ');
    return `${i + 1}. ${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  });
  return ['Benchmark Declaration on Synthetic Cooperation', 'Zero draft', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
}

/** The median of `values`. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** One cold load in a fresh context; the context is closed before returning. */
export async function loadOnce(browser: Browser, doc: BenchDocument): Promise<LoadSample> {
  const context = await browser.newContext({ viewport });
  try {
    await context.addInitScript(installProbe, doc.elements as number);
    const page = await context.newPage();
    await page.goto(doc.url as string);
    await waitLoaded(page);
    const timings = await page.evaluate(() => {
      const probe = (window as unknown as { __bench: Probe }).__bench;
      // No named inner functions here: tsx would wrap them in a __name() helper the page does not have.
      const paints = performance.getEntriesByType('paint');
      return {
        firstPaint: paints.find((e) => e.name === 'first-paint')?.startTime ?? -1,
        firstContentfulPaint: paints.find((e) => e.name === 'first-contentful-paint')?.startTime ?? -1,
        session: performance.getEntriesByName('draftroom:session')[0]?.startTime ?? -1,
        synced: performance.getEntriesByName('draftroom:synced')[0]?.startTime ?? -1,
        allParagraphs: probe.allParagraphs,
        titlePainted: probe.titlePainted,
        firstEditor: probe.firstEditor,
        editors: document.querySelectorAll('.ProseMirror[contenteditable]').length,
      };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    // Text synced and every paragraph element present: the later of the two.
    return { ...timings, allParagraphs: Math.max(timings.allParagraphs, timings.synced), heapBytes: usedSize };
  } finally {
    await context.close();
  }
}

/** Waits for every paragraph element, the first editor and the title paint, then for the DOM to go quiet. */
async function waitLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const probe = (window as unknown as { __bench?: Probe }).__bench;
      return !!probe && probe.allParagraphs >= 0 && probe.firstEditor >= 0 && probe.titlePainted >= 0;
    },
    undefined,
    { timeout: 30_000, polling: 20 },
  );
  await page
    .waitForFunction(
      (quiet) => performance.now() - (window as unknown as { __bench: Probe }).__bench.lastMutation > quiet,
      quietMs,
      { timeout: 5_000, polling: 50 },
    )
    .catch(() => undefined);
}

/** Median ms from a Node client's insert in the first numbered paragraph to the word in the page's DOM. */
async function remoteEditLatency(server: TestServer, browser: Browser, doc: BenchDocument): Promise<number> {
  const invitation = await invite(server, doc.id as string, { role: Role.facilitator, label: 'bench editor' });
  let client: YClient | null = null;
  let context: BrowserContext | null = null;
  try {
    client = connectClient(server, doc.id as string, invitation.token);
    await client.synced;
    const ydoc = client.doc;
    const paragraphs = getParagraphs(ydoc);
    const target = readOrder(ydoc).find((id) => paragraphs.get(id)?.get(ParagraphField.kind) === 'paragraph');
    const element = target ? getParagraphText(ydoc, target)?.get(0) : undefined;
    const text = element instanceof Y.XmlElement ? element.toArray().find((node) => node instanceof Y.XmlText) : undefined;
    if (!target || !(text instanceof Y.XmlText)) throw new Error(`no text to edit in ${doc.label}`);

    context = await browser.newContext({ viewport });
    await context.addInitScript(installProbe, doc.elements as number);
    const page = await context.newPage();
    await page.goto(doc.url as string);
    await waitLoaded(page);
    await page.waitForSelector(`[data-paragraph-id="${target}"][data-mounted="editor"] .ProseMirror[contenteditable]`);

    const nonce = Math.random().toString(36).slice(2, 7);
    const samples: number[] = [];
    for (let i = 0; i < edits; i++) {
      const word = `zq${nonce}x${i}x`;
      // Observe first, then insert: both sides stamp with Date.now() on the same machine clock.
      await page.evaluate(
        ({ id, word }) => {
          const paragraph = document.querySelector(`[data-paragraph-id="${id}"]`) as Element;
          (window as unknown as { __edit: Promise<number> }).__edit = new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`"${word}" did not appear in 5 s`)), 5_000);
            const observer = new MutationObserver(() => {
              if (!paragraph.textContent?.includes(word)) return;
              observer.disconnect();
              clearTimeout(timer);
              resolve(Date.now());
            });
            observer.observe(paragraph, { childList: true, subtree: true, characterData: true });
          });
        },
        { id: target, word },
      );
      const inserted = Date.now();
      text.insert(0, `${word} `);
      const seen = await page.evaluate(() => (window as unknown as { __edit: Promise<number> }).__edit);
      samples.push(seen - inserted);
      await new Promise((r) => setTimeout(r, 30));
    }
    return median(samples);
  } finally {
    // The provider leaves its awareness (and that awareness's interval timer) alive: end both.
    client?.destroy();
    client?.provider.awareness.destroy();
    client?.doc.destroy();
    await context?.close();
  }
}

/** Formats ms: one decimal under 100, whole numbers above; n/a for a mark the page did not record (-1). */
export function ms(value: number): string {
  if (value < 0) return 'n/a';
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** Prints the browser section (or a line saying why it is skipped). */
export async function runBrowserBench(): Promise<void> {
  console.log(`\nNegotiation page in Chromium, ${viewport.width}×${viewport.height}, cold loads (fresh context each)`);
  if (!existsSync(builtClient)) {
    console.log('skipped: dist/client/index.html is missing; run `npm run build` first');
    return;
  }
  if (!existsSync(chromiumPath)) {
    console.log(`skipped: ${chromiumPath} is missing (apt-get install chromium)`);
    return;
  }
  const started = Date.now();
  const imrf: BenchDocument = existsSync(fixture)
    ? { label: 'IMRF zero draft', missing: null, text: readFileSync(fixture, 'utf8') }
    : { label: 'IMRF zero draft', missing: 'fixture missing', text: '' };
  const synthetic: BenchDocument = { label: 'synthetic', missing: null, text: syntheticText(300) };
  const documents = [imrf, synthetic];

  let server: TestServer | null = null;
  let browser: Browser | null = null;
  try {
    // Rooms stay loaded between loads (the server's default keeps them 10 s), so each load measures the client.
    [server, browser] = await Promise.all([startServer({ env: { DRAFTROOM_IDLE_UNLOAD_MS: '60000' } }), launchBrowser()]);
    for (const doc of documents) {
      if (doc.missing) continue;
      const created = await importDraft(server, doc.text);
      Object.assign(doc, { id: created.id, url: created.url, elements: created.paragraphs + created.headings });
      doc.label = `${doc.label} (${created.paragraphs} ¶)`;
    }
    const measured = documents.filter((doc) => !doc.missing);
    const samples = new Map<BenchDocument, LoadSample[]>(measured.map((doc) => [doc, []]));
    for (const doc of measured) await loadOnce(browser, doc); // warm-up: server, disk cache, Chromium's startup
    for (let i = 0; i < loads; i++) {
      // Alternate which document goes first, so neither always follows the other.
      for (const doc of i % 2 ? [...measured].reverse() : measured) samples.get(doc)?.push(await loadOnce(browser, doc));
    }
    const latency = new Map<BenchDocument, number>();
    for (const doc of measured) latency.set(doc, await remoteEditLatency(server, browser, doc));

    const rows: [string, (doc: BenchDocument) => number, (value: number) => string][] = [
      ['first paint ms', (d) => median(samples.get(d)!.map((s) => s.firstPaint)), ms],
      ['first contentful paint ms', (d) => median(samples.get(d)!.map((s) => s.firstContentfulPaint)), ms],
      ['session known (draftroom:session) ms', (d) => median(samples.get(d)!.map((s) => s.session)), ms],
      ['text synced (draftroom:synced) ms', (d) => median(samples.get(d)!.map((s) => s.synced)), ms],
      ['synced + every [data-paragraph-id] in DOM ms', (d) => median(samples.get(d)!.map((s) => s.allParagraphs)), ms],
      ['title text painted (element timing) ms', (d) => median(samples.get(d)!.map((s) => s.titlePainted)), ms],
      ['first TipTap editor mounted ms', (d) => median(samples.get(d)!.map((s) => s.firstEditor)), ms],
      ['editors mounted once settled', (d) => median(samples.get(d)!.map((s) => s.editors)), (v) => v.toFixed(0)],
      ['JS heap after load, after GC, MB', (d) => median(samples.get(d)!.map((s) => s.heapBytes)) / 1024 / 1024, (v) => v.toFixed(1)],
      [`remote edit → word in DOM ms (median of ${edits})`, (d) => latency.get(d) as number, ms],
    ];
    const body = rows.map(([name, value, format]) => {
      const [a, b] = documents.map((doc) => (doc.missing ? null : value(doc)));
      return [
        name,
        a === null || a === undefined ? (imrf.missing as string) : format(a),
        b === null || b === undefined ? '' : format(b),
        a === null || a === undefined || b === null || b === undefined || a === 0 ? '—' : (b / a).toFixed(2),
      ];
    });
    console.log(`median of ${loads} loads per document (interleaved, alternating order, after one warm-up each); times in ms since navigation start`);
    console.log('ratio = synthetic 300 ¶ / IMRF 57 ¶ (read the ratio: absolute figures depend on the machine)\n');
    console.log(table(['measure', documents[0]?.label ?? '', documents[1]?.label ?? '', 'ratio'], body));
    console.log(`\n(browser section took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }
}
