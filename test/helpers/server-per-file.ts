/**
 * The lifecycle most server test files share: one real server for the whole file, and cleanups (clients,
 * sockets) run after each test, newest first.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startServer, type ServerOptions, type TestServer } from './server.ts';

/** Something to undo after a test. */
export type Cleanup = () => void | Promise<void>;

/**
 * Starts one server before the calling file's tests (handing it to `onStart`) and stops it after them;
 * returns the list whose cleanups run after each test, newest first.
 */
export function serverPerFile(onStart: (server: TestServer) => void, options: ServerOptions = {}): Cleanup[] {
  const cleanups: Cleanup[] = [];
  let server: TestServer | null = null;
  beforeAll(async () => {
    server = await startServer(options);
    onStart(server);
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
