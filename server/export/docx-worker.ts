/**
 * The worker thread that writes .docx files (server/export/docx-builder.ts starts it): a long text takes
 * seconds to write, and here that time is not taken from the event loop that serves everyone.
 */
import { parentPort } from 'node:worker_threads';
import type { NegotiationSnapshot } from '../../shared/model/paragraph.ts';
import { exportDocx } from './docx-export.ts';
import type { BracketTextOptions } from '../../shared/brackets/bracket-text.ts';

/** A build asked of the worker. */
export interface DocxRequest {
  id: number;
  snapshot: NegotiationSnapshot;
  options: BracketTextOptions;
}

/** The worker's answer: the file's bytes, or why it could not be written. */
export type DocxAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (request: DocxRequest) => {
  exportDocx(request.snapshot, request.options).then(
    (buffer) => {
      const bytes = new Uint8Array(buffer);
      parentPort?.postMessage({ id: request.id, bytes } satisfies DocxAnswer, [bytes.buffer]);
    },
    (error: unknown) => parentPort?.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies DocxAnswer),
  );
});
