/**
 * `npm start`: reads the configuration, starts the server, creates the demo negotiation on first start
 * and prints the links to open.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config.ts';
import { ensureDemo } from './demo/demo-negotiation.ts';
import { startServer } from './server.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = readConfig(process.env, projectRoot);
  const running = await startServer(config);
  const origin = config.publicUrl ?? `http://localhost:${running.port}`;
  console.log(`Draftroom is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${running.port}`);
  console.log(`Data folder: ${config.dataDir}`);
  console.log(`Admin token (${running.adminToken.source}): ${running.adminToken.value}`);
  console.log(`Admin page:  ${origin}/?admin=${encodeURIComponent(running.adminToken.value)}`);
  if (config.demo) {
    const demo = await ensureDemo(running.app, config.dataDir, origin);
    if (demo) {
      console.log(`\nDemo negotiation "${demo.title}" — invitation links:`);
      for (const invitation of demo.invitations) {
        const who = invitation.role === 'delegation' ? `delegation ${invitation.delegation}` : invitation.role;
        console.log(`  ${who.padEnd(18)} ${invitation.url}`);
      }
    }
  }
  const shutdown = (signal: string) => {
    console.log(`\n${signal}: saving and stopping…`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Draftroom could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
