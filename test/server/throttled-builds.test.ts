/**
 * ThrottledBuilds (server/export/throttled-builds.ts): a build is reused while its source is unchanged, a
 * changed source within the interval waits for one shared build that reads the source when it starts, and a
 * failed build is not kept. Counts and contents only: no timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { ThrottledBuilds } from '../../server/export/throttled-builds.ts';

/** A source whose version the test moves, and a builder that counts its builds. */
function setup(intervalMs = 40) {
  const state = { version: 1, text: 'one' };
  const builds: string[] = [];
  const throttled = new ThrottledBuilds<string, string>(intervalMs);
  const read = async () => ({ version: String(state.version), source: state.text });
  const build = async (source: string) => {
    builds.push(source);
    return `built ${source}`;
  };
  return { state, builds, get: (key = 'n1') => throttled.get(key, read, build), throttled, read };
}

describe('throttled builds', () => {
  it('build once for an unchanged source, however many ask, at once or later', async () => {
    const { builds, get } = setup();
    expect(await Promise.all([get(), get(), get()])).toEqual(['built one', 'built one', 'built one']);
    expect(await get()).toBe('built one');
    expect(builds).toEqual(['one']);
  });

  it('a change soon after a build waits for the next one, shared by all who ask meanwhile, made from the source as it then reads', async () => {
    const { state, builds, get } = setup();
    await get();
    Object.assign(state, { version: 2, text: 'two' });
    const first = get();
    const second = get();
    // A change after they asked, before the build starts, is in it.
    Object.assign(state, { version: 3, text: 'three' });
    expect(await Promise.all([first, second])).toEqual(['built three', 'built three']);
    expect(builds).toEqual(['one', 'three']);
    expect(await get()).toBe('built three');
    expect(builds).toEqual(['one', 'three']);
  });

  it('keys are apart, and a failed build is not kept', async () => {
    const { builds, get, throttled, read } = setup();
    let fail = true;
    const flaky = async (source: string) => {
      if (fail) throw new Error('disk full');
      return `built ${source}`;
    };
    await expect(throttled.get('n2', read, flaky)).rejects.toThrow('disk full');
    fail = false;
    expect(await throttled.get('n2', read, flaky)).toBe('built one');
    expect(await get('n1')).toBe('built one');
    expect(builds).toEqual(['one']);
  });
});
