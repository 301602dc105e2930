/**
 * The lifecycle browser test files share: one real server and one Chromium for the whole file, and after
 * the file every honest Node client destroyed, every person's browser context closed, Chromium and the
 * server stopped.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, type Person } from './browser.ts';
import { startServer, type ServerOptions, type TestServer } from './server.ts';
import type { YClient } from './yjs-client.ts';

/** What the calling file adds to, to be closed after it. */
export interface BrowserFile {
  people: Person[];
  clients: YClient[];
}

/** Starts a server and Chromium before the calling file's tests (handed to `onStart`), closes all after them. */
export function browserPerFile(onStart: (server: TestServer, browser: Browser) => void, options: ServerOptions = {}): BrowserFile {
  const file: BrowserFile = { people: [], clients: [] };
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
    onStart(server, browser);
  });
  afterAll(async () => {
    file.clients.forEach((client) => client.destroy());
    await Promise.all(file.people.map(({ context }) => context.close()));
    await browser?.close();
    await server?.stop();
  });
  return file;
}
