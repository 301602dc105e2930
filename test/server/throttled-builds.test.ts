/**
 * ThrottledBuilds (server/export/throttled-builds.ts): a build is reused while its source's version is
 * unchanged; a changed source waits for one shared build that reads the source when it starts; a change
 * made while a build runs gets a build of its own, never the running one; a failed build is the answer for
 * its version. Counts and contents only: no timing is asserted.
 */
import { describe, expect, it } from 'vitest';
import { ThrottledBuilds } from '../../server/export/throttled-builds.ts';

/** A source whose version the test moves, a builder that counts its builds (held open until released when asked), and the reads. */
function setup(intervalMs = 30) {
  const state = { version: 1, text: 'one' };
  const builds: string[] = [];
  let reads = 0;
  const held: (() => void)[] = [];
  let hold = false;
  const throttled = new ThrottledBuilds<string, string>(intervalMs);
  const version = async () => String(state.version);
  const read = async () => {
    reads += 1;
    return { version: String(state.version), source: state.text };
  };
  const build = async (source: string) => {
    builds.push(source);
    if (hold) await new Promise<void>((resolve) => held.push(resolve));
    return `built ${source}`;
  };
  return {
    state,
    builds,
    reads: () => reads,
    get: (key = 'n1') => throttled.get(key, version, read, build),
    holdBuilds: (on: boolean) => (hold = on),
    release: () => held.splice(0).forEach((resolve) => resolve()),
    throttled,
    version,
    read,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('throttled builds', () => {
  it('build once for an unchanged source, however many ask, at once or later; asking again reads no source', async () => {
    const { builds, get, reads } = setup();
    expect(await Promise.all([get(), get(), get()])).toEqual(['built one', 'built one', 'built one']);
    expect(await get()).toBe('built one');
    expect(builds).toEqual(['one']);
    expect(reads()).toBe(1);
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

  it('a change made while a build runs is not answered with that build', async () => {
    const { state, builds, get, holdBuilds, release } = setup();
    await get();
    Object.assign(state, { version: 2, text: 'two' });
    holdBuilds(true);
    const during = get();
    // Wait until the build of "two" runs, then change the text and ask.
    while (builds.length < 2) await settle();
    Object.assign(state, { version: 3, text: 'three' });
    const after = get();
    holdBuilds(false);
    release();
    expect(await during).toBe('built two');
    expect(await after).toBe('built three');
  });

  it('a failure that does not last (the builder was busy) is tried again for the same version', async () => {
    const { version, read } = setup();
    const throttled = new ThrottledBuilds<string, string>(1, (error) => !(error instanceof Error && error.message === 'busy'));
    let attempts = 0;
    const busyOnce = async (source: string) => {
      attempts += 1;
      if (attempts === 1) throw new Error('busy');
      return `built ${source}`;
    };
    await expect(throttled.get('n3', version, read, busyOnce)).rejects.toThrow('busy');
    expect(await throttled.get('n3', version, read, busyOnce)).toBe('built one');
    expect(attempts).toBe(2);
  });

  it('keys are apart; a failed build answers for its version, and a change builds again', async () => {
    const { state, builds, get, throttled, version, read } = setup();
    let failures = 0;
    const flaky = async (source: string) => {
      failures += 1;
      if (source === 'one') throw new Error('too large');
      return `built ${source}`;
    };
    await expect(throttled.get('n2', version, read, flaky)).rejects.toThrow('too large');
    await expect(throttled.get('n2', version, read, flaky)).rejects.toThrow('too large');
    expect(failures).toBe(1);
    Object.assign(state, { version: 2, text: 'two' });
    expect(await throttled.get('n2', version, read, flaky)).toBe('built two');
    expect(await get('n1')).toBe('built two');
    expect(builds).toEqual(['two']);
  });
});
