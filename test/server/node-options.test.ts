/**
 * `npm start` runs the server with the Node options of server/node-options.ts, the ones the tests and the
 * benchmarks start it with: what is measured is what runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serverNodeOptions } from '../../server/node-options.ts';

describe('the server process options', () => {
  it('npm start passes exactly serverNodeOptions before the script', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const start = manifest.scripts.start ?? '';
    const command = /(?:^|&& )node (.*?)--import tsx server\/main\.ts/.exec(start);
    expect(command, `npm start runs the server: ${start}`).not.toBeNull();
    expect((command?.[1] ?? '').trim().split(/\s+/).filter((option) => option !== '')).toEqual([...serverNodeOptions]);
  });
});
