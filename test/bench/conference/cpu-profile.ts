/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by function and by source file, to show
 * where a server's time went.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time of one function or file, as a share of all samples. */
export interface ProfileEntry {
  name: string;
  share: number;
}

const projectRoot = resolve(import.meta.dirname, '../../..');

function place(url: string): string {
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  if (path === '') return '(native)';
  if (path.startsWith('node:')) return path;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return inModules ? inModules[1] as string : relative(projectRoot, path);
}

/** The busiest .cpuprofile in `dir` (the main thread, not tsx's loader thread), summed: the `top` functions and files by self time, as shares of the time not idle. */
export function summarizeProfile(dir: string, top = 15): { functions: ProfileEntry[]; files: ProfileEntry[]; file: string; busyShare: number } | null {
  const profiles = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => {
      const nodes = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { nodes: ProfileNode[] }).nodes;
      const idle = nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((n, node) => n + (node.hitCount ?? 0), 0);
      const total = nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);
      return { file: join(dir, f), nodes, busy: total - idle, total };
    })
    .sort((a, b) => b.busy - a.busy);
  const busiest = profiles[0];
  if (!busiest) return null;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const node of busiest.nodes) {
    const hits = node.hitCount ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    const where = place(url);
    const fn = `${functionName || '(anonymous)'} ${url ? `${where}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    const file = url ? where : functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + hits);
  }
  const rank = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, hits]) => ({ name, share: hits / Math.max(1, busiest.busy) }));
  return { functions: rank(byFunction), files: rank(byFile), file: busiest.file, busyShare: busiest.busy / Math.max(1, busiest.total) };
}
