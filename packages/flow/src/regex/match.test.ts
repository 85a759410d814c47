import { describe, expect, it } from 'vitest';
import { RegexMatcher } from './match.js';
import { parseValidRegex } from './parse.js';
import { renderJavaScript } from './render.js';
import { REGEX_CASES, randomRegexCases } from './testing.js';

const matcher = (pattern: string) => new RegexMatcher(parseValidRegex(pattern));
const javascript = (pattern: string) => new RegExp(`^(?:${renderJavaScript(parseValidRegex(pattern))})$`);

describe('RegexMatcher', () => {
  it.each(REGEX_CASES)('$pattern matches what it should and nothing else, as RegExp does', ({ pattern, match, miss }) => {
    const compiled = matcher(pattern);
    const regexp = javascript(pattern);
    for (const value of match) expect([value, compiled.matchesWhole(value), regexp.test(value)]).toEqual([value, true, true]);
    for (const value of miss) expect([value, compiled.matchesWhole(value), regexp.test(value)]).toEqual([value, false, false]);
  });

  it('agrees with RegExp on 1,000 random patterns of the grammar', () => {
    let pairs = 0;
    let matches = 0;
    for (const { pattern, values } of randomRegexCases(20261126, 1000)) {
      const compiled = matcher(pattern);
      const regexp = javascript(pattern);
      for (const value of values) {
        const expected = regexp.test(value);
        expect(compiled.matchesWhole(value), `${pattern} on ${JSON.stringify(value)}`).toBe(expected);
        pairs++;
        if (expected) matches++;
      }
    }
    // Enough of both answers to mean something.
    expect(matches).toBeGreaterThan(pairs / 4);
    expect(pairs - matches).toBeGreaterThan(pairs / 4);
  }, 60_000);

  it('stays linear where a backtracking RegExp would not return: (a*)*b on 5,000 a', () => {
    expect(matcher('(a*)*b').matchesWhole('a'.repeat(5000))).toBe(false);
    expect(matcher('(a|a)*(a|a)*(a|a)*c').matchesWhole('a'.repeat(5000))).toBe(false);
  });

  describe('sample', () => {
    const DTMF = '0123456789*';
    it.each([
      ['7\\d{4}', 5, '70000'],
      ['[1-9][0-9]*', 3, '100'],
      ['(0|\\*)+9', 3, '009'],
      ['.*', 2, '00'],
      ['^49$|^1.', 2, '10'],
    ])('%s of length %i: %s', (pattern, length, expected) => {
      const value = matcher(pattern).sample(DTMF, length);
      expect(value).toBe(expected);
      expect(javascript(pattern).test(value!)).toBe(true);
    });

    it.each([
      ['7\\d{4}', 4],
      ['[a-z]+', 3],
      ['a^b', 2],
    ])('%s has no value of length %i in the keys', (pattern, length) => {
      expect(matcher(pattern).sample(DTMF, length)).toBeUndefined();
    });

    it('finds a value for each random pattern that has one of its sampled length, as RegExp agrees', () => {
      let found = 0;
      for (const { pattern, values } of randomRegexCases(20261207, 300)) {
        const alphabet = 'ab0- .+:';
        for (const value of values) {
          const sample = matcher(pattern).sample(alphabet, value.length);
          const inAlphabet = [...value].every((c) => alphabet.includes(c));
          if (inAlphabet && javascript(pattern).test(value)) expect(sample, pattern).toBeDefined();
          if (sample !== undefined) {
            expect([pattern, sample.length, javascript(pattern).test(sample)]).toEqual([pattern, value.length, true]);
            found++;
          }
        }
      }
      expect(found).toBeGreaterThan(100);
    });
  });
});
