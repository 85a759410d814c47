import { describe, expect, it } from 'vitest';
import { SimulationError } from '../errors.js';
import { tokenEvent } from './simulate.js';
import { parseScript, scriptToken } from './script.js';

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

  it('reads answer:<target>, a dial answered by that target, and writes it back the same', () => {
    expect(parseScript('Answer:1002, answer')).toEqual(['answer:1002', 'answer']);
    const event = tokenEvent('answer:1002', 'dial');
    expect(event).toEqual({ type: 'dialResult', result: 'answer', answeredBy: '1002' });
    expect(scriptToken(event!)).toBe('answer:1002');
    expect(tokenEvent('answer:1002', 'input')).toBeUndefined();
  });

  it('reads an empty script as no events', () => {
    expect(parseScript('')).toEqual([]);
    expect(parseScript('   ')).toEqual([]);
  });

  it('names the position of a bad token', () => {
    expect(() => parseScript('1, ring, 2')).toThrow(
      'event 2 ("ring") is not a key sequence of 0-9 * #; use keys like 1 or 4711#, one of timeout, answer, busy, noanswer, unavailable, overflow, hangup, answer:1002, or http:200, http:200:{"field":"value"}, http:timeout, http:failure',
    );
    expect(() => parseScript('1,,2')).toThrow(expect.objectContaining({ code: 'bad-token', position: 2 }));
    expect(() => parseScript('1 2')).toThrow(SimulationError);
  });

  it('reads HTTP results, with commas inside a JSON body kept together', () => {
    expect(parseScript('1, http:200:{"a":{"b":"x,y"},"c":[1,2]}, HTTP:Timeout, http:failure, http:404')).toEqual([
      '1',
      'http:200:{"a":{"b":"x,y"},"c":[1,2]}',
      'http:timeout',
      'http:failure',
      'http:404',
    ]);
    expect(() => parseScript('http:200:{nope}')).toThrow('event 1 ("http:200:{nope}") has a body that is not JSON');
    expect(() => parseScript('http:99')).toThrow(expect.objectContaining({ code: 'bad-token', position: 1 }));
  });
});
