import { describe, expect, it } from 'vitest';
import { SimulationError } from '../errors.js';
import { parseScript } from './script.js';

describe('parseScript', () => {
  it('reads keys and words, trimmed, words case-insensitive', () => {
    expect(parseScript(' 1, * ,1002,4711# , Timeout,answer,busy,NOANSWER,unavailable,overflow,hangup')).toEqual([
      '1',
      '*',
      '1002',
      '4711#',
      'timeout',
      'answer',
      'busy',
      'noanswer',
      'unavailable',
      'overflow',
      'hangup',
    ]);
  });

  it('reads an empty script as no events', () => {
    expect(parseScript('')).toEqual([]);
    expect(parseScript('   ')).toEqual([]);
  });

  it('names the position of a bad token', () => {
    expect(() => parseScript('1, ring, 2')).toThrow(
      'event 2 ("ring") is not a key sequence of 0-9 * #; use keys like 1 or 4711# or one of timeout, answer, busy, noanswer, unavailable, overflow, hangup',
    );
    expect(() => parseScript('1,,2')).toThrow(expect.objectContaining({ code: 'bad-token', position: 2 }));
    expect(() => parseScript('1 2')).toThrow(SimulationError);
  });
});
