/**
 * Runs only the proposals section of the benchmark: `node --import tsx test/bench/proposals-run.ts`.
 */
import { runProposalsBench } from './proposals-bench.ts';

await runProposalsBench();
