/**
 * `npm run bench`, conference part (issue 7): 500 people in one 300-paragraph negotiation, 200 of them typing
 * with their carets moving, measured side by side on Draftroom, Hocuspocus 4 and the y-websocket 1.5
 * reference server, all three holding the same Yjs bytes and driven by the same clients; one table with
 * the ratios Draftroom ÷ each peer. Runs alone too:
 *
 *   node --import tsx test/bench/conference-bench.ts
 *   CONF_CLIENTS=50 CONF_WRITERS=10 CONF_SECONDS=5 CONF_SERVERS=draftroom,hocuspocus node --import tsx test/bench/conference-bench.ts
 *
 * Knobs (conference/config.ts): CONF_SERVERS, CONF_CLIENTS, CONF_WRITERS, CONF_SECONDS, CONF_RATES (1,3),
 * CONF_SAMPLE (20), CONF_LOAD_PROCESSES (2), CONF_IDLE_SECONDS (15), CONF_DRAIN_SECONDS (10),
 * CONF_JOIN_RATE (1: edits/s per writer while the observers join again; 0 skips), CONF_LOG_UPDATES (20000; 0 skips), CONF_CPU_PROF=<folder> (profiles Draftroom, prints its top functions),
 * CONF_DRAFTROOM_NODE_ARGS (extra node options for Draftroom's server).
 */
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import * as Y from 'yjs';
import { readConfig } from './conference/config.ts';
import { summarizeProfile } from './conference/cpu-profile.ts';
import { launchDraftroom, type DraftroomRun } from './conference/draftroom-server.ts';
import { launchHocuspocus } from './conference/hocuspocus-server.ts';
import { measureLogReplay, type LogReplayResult } from './conference/log-replay.ts';
import { isEntry, type BenchServer } from './conference/peer-process.ts';
import { ServerName } from './conference/protocol.ts';
import { memProbeNodeArgs } from './conference/proc-stats.ts';
import { printReport } from './conference/report.ts';
import { runScenario, type ServerResult } from './conference/scenario.ts';
import { digestDoc, localSeedBytes } from './conference/seed.ts';
import { launchYWebsocket } from './conference/ywebsocket-server.ts';

/** Runs the conference bench with the CONF_* knobs and prints its table. */
export async function runConferenceBench(): Promise<void> {
  const config = readConfig();
  const loadAtStart = loadavg();
  const started = performance.now();
  const profileDir = config.cpuProfileDir ? resolve(config.cpuProfileDir, `draftroom-${Date.now()}`) : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  let draftroom: DraftroomRun | null = null;
  if (config.servers.includes(ServerName.draftroom)) {
    draftroom = await launchDraftroom({ nodeArgs: [...memProbeNodeArgs, ...config.draftroomNodeArgs, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])] });
  }
  const seed = draftroom?.seed ?? localSeedBytes();
  const seedDoc = new Y.Doc();
  Y.applyUpdate(seedDoc, seed);
  const seedTextLength = digestDoc(seedDoc).textLength;
  const results: ServerResult[] = [];
  for (const name of config.servers) {
    let server: BenchServer | null = null;
    try {
      server = name === ServerName.draftroom ? (draftroom as DraftroomRun).server : name === ServerName.hocuspocus ? await launchHocuspocus(seed) : await launchYWebsocket(seed);
      results.push(await runScenario(server, config, seedTextLength));
    } catch (error) {
      console.log(`WARNING conference bench on ${name} failed: ${(error as Error).message}`);
      if (server) process.stderr.write(server.output().slice(-2000));
    } finally {
      await server?.stop();
    }
  }
  let replay: LogReplayResult | null = null;
  if (draftroom && config.logUpdates > 0) {
    process.stderr.write(`  [conference draftroom] first sync from a log of ${config.logUpdates} updates, and from a snapshot\n`);
    replay = await measureLogReplay(config.logUpdates).catch((error: unknown) => {
      console.log(`WARNING first-sync measurement failed: ${(error as Error).message}`);
      return null;
    });
  }
  printReport(config, results, replay, loadAtStart);
  console.log(`conference bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const profile = profileDir ? summarizeProfile(profileDir) : null;
  if (profile) {
    console.log(`\nDraftroom server profile (${profile.file}), busy ${(profile.busyShare * 100).toFixed(0)}% of its life; self time as a share of the busy time:`);
    for (const f of profile.functions) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
    console.log('by file or package:');
    for (const f of profile.files) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`);
  }
}

if (isEntry(import.meta.url)) {
  await runConferenceBench();
  // Run alone, nothing is left to do: do not wait for a socket or timer some library left behind.
  process.exit(0);
}
