/**
 * Measures what an attack costs a real server: how long its event loop stops answering (the longest wait for
 * /api/health while probing), and how much CPU time its process spends (from /proc). Also builds the cheap
 * hostile payloads of attack-round2: delete sets and state vectors naming many client ids nobody has.
 */
import { readFileSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import type { TestServer } from './server.ts';

/** CPU time (user + system) the server process has used so far, in milliseconds. */
export function serverCpuMs(server: TestServer): number {
  const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted after the command name; clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Asks /api/health one request after another for `windowMs` and resolves with the longest answer time in
 * milliseconds: how long the server's event loop was blocked at worst.
 */
export async function longestHealthWait(server: TestServer, windowMs: number): Promise<number> {
  const end = Date.now() + windowMs;
  let longest = 0;
  while (Date.now() < end) {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    await response.text();
    longest = Math.max(longest, performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  return longest;
}

/** A version 1 update with no structs and a delete set of one one-clock range under each of `clients` new client ids. */
export function deleteSetOverManyClients(clients: number, firstClient = 900_000_000): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, clients);
  for (let i = 0; i < clients; i++) {
    encoding.writeVarUint(encoder, firstClient + i);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
  }
  return encoding.toUint8Array(encoder);
}

/** A version 1 update with no structs and `ranges` separate one-clock ranges of one client id nobody has. */
export function deleteSetOfManyRanges(ranges: number, client = 77): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, ranges);
  for (let i = 0; i < ranges; i++) {
    encoding.writeVarUint(encoder, 2 * i);
    encoding.writeVarUint(encoder, 1);
  }
  return encoding.toUint8Array(encoder);
}

/** A state vector (sync step 1 payload) claiming clock 0 for `clients` client ids nobody has. */
export function hugeStateVector(clients: number, firstClient = 1_000): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clients);
  for (let i = 0; i < clients; i++) {
    encoding.writeVarUint(encoder, firstClient + i);
    encoding.writeVarUint(encoder, 0);
  }
  return encoding.toUint8Array(encoder);
}
