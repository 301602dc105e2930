import { describe, expect, it } from 'vitest';
import { fromSuperscript, superscriptMarkers, toSuperscript } from '../../shared/superscript.ts';

describe('superscript footnote markers', () => {
  it('writes ASCII digits as superscript digits, keeping other characters', () => {
    expect(toSuperscript('0123456789')).toBe('⁰¹²³⁴⁵⁶⁷⁸⁹');
    expect(toSuperscript('12')).toBe('¹²');
    expect(toSuperscript('a1')).toBe('a¹');
    expect(toSuperscript('')).toBe('');
  });

  it('reads superscript digits back, keeping other characters', () => {
    expect(fromSuperscript('⁰¹²³⁴⁵⁶⁷⁸⁹')).toBe('0123456789');
    expect(fromSuperscript('x²')).toBe('x2');
    for (let n = 0; n < 200; n += 1) expect(fromSuperscript(toSuperscript(String(n)))).toBe(String(n));
  });

  it('lists the marker of each run of superscript digits in a text', () => {
    expect(superscriptMarkers('Round table 1 (objectives 2, 5)¹ and Network,⁵ we; note¹² end')).toEqual(['1', '5', '12']);
    expect(superscriptMarkers('no markers, 2 and 5')).toEqual([]);
  });
});
