/**
 * Writes .docx files on a worker thread (server/export/docx-worker.ts), one at a time, so a long text's
 * seconds of work never hold up the event loop that relays everyone's edits. A few builds may wait their
 * turn; past that the server says it is busy (429) instead of queueing without end. A worker that fails or
 * runs out of memory fails the builds it holds, and the next build starts a fresh one. A worker idle for
 * half a minute is stopped, so the memory a long text took is given back.
 */
import { Worker } from 'node:worker_threads';
import type { BracketTextOptions } from '../../shared/brackets/bracket-text.ts';
import { RateLimitedError } from '../../shared/errors.ts';
import type { NegotiationSnapshot } from '../../shared/model/paragraph.ts';
import type { DocxAnswer, DocxRequest } from './docx-worker.ts';

/** How many builds may wait for the one being written. */
const maxWaiting = 8;

/** Enough for the longest text the import accepts; a build that needs more fails alone. */
const workerMemoryMb = 2048;

/** How long an idle worker is kept for the next build. */
const idleMs = 30_000;

const tsxApi = import.meta.resolve('tsx/esm/api');
const workerUrl = new URL('./docx-worker.ts', import.meta.url).href;

interface Job {
  request: DocxRequest;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

/** One worker, one build at a time, a short queue. */
export class DocxBuilder {
  private worker: Worker | null = null;
  private running: Job | null = null;
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /** The .docx of `snapshot` (throws RateLimitedError when too many builds wait, Error when the build fails). */
  build(snapshot: NegotiationSnapshot, options: BracketTextOptions): Promise<Buffer> {
    if (this.waiting.length >= maxWaiting) {
      return Promise.reject(new RateLimitedError('The server is writing other Word documents; try again in a minute.'));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, snapshot, options }, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker; builds not done fail. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('The server is shutting down.'));
    await worker?.terminate();
  }

  private pump(): void {
    if (this.running) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const job = this.waiting.shift();
    if (!job) {
      if (this.worker) this.idleTimer = setTimeout(() => this.stopIdle(), idleMs).unref();
      return;
    }
    this.running = job;
    this.ensureWorker().postMessage(job.request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // The worker runs TypeScript as the server does: tsx's hooks are per thread, so it registers them first.
    const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`;
    const worker = new Worker(boot, { eval: true, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb } });
    // An idle worker does not keep the server's process alive.
    worker.unref();
    worker.on('message', (answer: DocxAnswer) => {
      const job = this.running;
      if (!job || job.request.id !== answer.id) return;
      this.running = null;
      if ('error' in answer) job.reject(new Error(`The Word document could not be written: ${answer.error}`));
      else job.resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength));
      this.pump();
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const job = this.running;
      this.running = null;
      job?.reject(new Error(`The Word document could not be written: ${why}`));
      this.pump();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`the writer stopped (exit code ${code}); the text may be too large`));
    this.worker = worker;
    return worker;
  }

  private stopIdle(): void {
    const worker = this.worker;
    if (!worker || this.running || this.waiting.length > 0) return;
    this.worker = null;
    void worker.terminate();
  }

  private failAll(error: Error): void {
    const jobs = [...(this.running ? [this.running] : []), ...this.waiting.splice(0)];
    this.running = null;
    for (const job of jobs) job.reject(error);
  }
}
