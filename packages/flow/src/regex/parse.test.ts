import { describe, expect, it } from 'vitest';
import { parseRegex } from './parse.js';

const refused = (pattern: string) => {
  const parsed = parseRegex(pattern);
  if (parsed.ok) throw new Error(`accepted ${JSON.stringify(pattern)}`);
  return parsed.problem;
};

describe('parseRegex', () => {
  it.each([
    'abc', '\\+49[0-9]{6,}', '9\\d{6}', 'a.c', '[^a-c]', '[-a]', '[a-]', '[a-z-]', '[\\d.]', '(a|b)*c', 'a{0}', 'a{1,}', 'a{2,255}',
    '^a|b$', '(^|a)b', 'a$[0-9]', 'x\\ y', '#_@: -', '\\#\\_\\@\\:\\-', '(a*)*', '[:a]', '[A-Fa-f0-9]', '[0-9]{255}', 'a?b', '$[1]',
  ])('accepts %s', (pattern) => {
    expect(parseRegex(pattern).ok).toBe(true);
  });

  it.each([
    // [pattern, 1-based position, part of the English reason]
    ['', 1, 'the pattern is empty'],
    ['a\\1', 2, 'back-references'],
    ['\\w+', 1, '\\w means different things'],
    ['\\s', 1, '\\s means different things'],
    ['\\b', 1, '\\b means different things'],
    ['a\\', 2, 'escapes nothing'],
    ['a*?', 3, 'lazy quantifiers'],
    ['a{2}?', 5, 'lazy quantifiers'],
    ['a??', 3, 'lazy quantifiers'],
    ['(?:a)', 1, 'groups starting with (?'],
    ['(?=a)', 1, 'groups starting with (?'],
    ['(?<!a)b', 1, 'groups starting with (?'],
    ['a**', 3, 'cannot follow another'],
    ['a+*', 3, 'cannot follow another'],
    ['a{2}{3}', 5, 'cannot follow another'],
    ['*a', 1, '"*" has nothing to repeat; for the character itself write \\*'],
    ['a|+b', 3, '"+" has nothing to repeat'],
    ['(?', 1, 'groups starting with (?'],
    ['?', 1, '"?" has nothing to repeat'],
    ['{3}', 1, '"{3}" has nothing to repeat'],
    ['^*', 2, 'an anchor (^ or $) cannot be repeated'],
    ['a$+', 3, 'an anchor (^ or $) cannot be repeated'],
    ['()', 1, 'the group () is empty'],
    ['a()b', 2, 'the group () is empty'],
    ['a|', 2, 'an alternative is empty'],
    ['|a', 1, 'an alternative is empty'],
    ['(|a)', 2, 'an alternative is empty'],
    ['a||b', 3, 'an alternative is empty'],
    ['(a', 1, '"(" is never closed'],
    ['a)', 2, '")" has no "(" before it'],
    [')', 1, '")" has no "(" before it'],
    ['[a', 1, '"[" is never closed'],
    ['[]a]', 2, 'a "]" right after "[" or "[^"'],
    ['[^]a]', 3, 'a "]" right after "[" or "[^"'],
    ['[[:digit:]]', 2, '"[" inside [...]'],
    ['[\\w]', 2, 'inside [...] only \\d is allowed'],
    ['[\\-]', 2, 'inside [...] only \\d is allowed'],
    ['[a-c-e]', 5, 'a "-" in [...] makes a range'],
    ['[z-a]', 2, 'the range z-a runs backwards'],
    ['[9-0]', 2, 'the range 9-0 runs backwards'],
    ['[A-z]', 2, 'a range joins two digits'],
    ['[+-9]', 2, 'a range joins two digits'],
    ['a{,3}', 2, 'a count is written'],
    ['a{1, 3}', 2, 'a count is written'],
    ['a{x}', 2, 'a count is written'],
    ['a{256}', 2, 'a count is at most 255'],
    ['a{1,256}', 2, 'a count is at most 255'],
    ['a{3,2}', 2, 'n must not be greater than m'],
    ['(a{255}){4}', 1, 'too large with its counts written out (1020 positions'],
    ['ä', 1, '"ä" (U+00E4) never occurs in a checked value'],
    ['a/b', 2, '"/" never occurs'],
    ['a,b', 2, '"," never occurs'],
    ['"x"', 1, '""" never occurs'],
    ['a\\?', 3, '"?" never occurs'],
    ['\\(', 2, '"(" never occurs'],
    ['a\\$', 3, '"$" never occurs'],
    ['a\\\\', 3, '"\\" never occurs'],
    ['a;b', 2, '";" never occurs'],
    ['a}', 2, '"}" never occurs'],
    ['a]', 2, '"]" never occurs'],
    ['[a^]', 3, '"^" never occurs'],
    ['a\tb', 2, 'U+0009 never occurs'],
  ] as Array<[string, number, string]>)('refuses %j at character %i', (pattern, position, reason) => {
    const problem = refused(pattern);
    expect(problem.position).toBe(position);
    expect(problem.reason.en).toContain(reason);
    expect(problem.message.en).toBe(`character ${position}: ${problem.reason.en}`);
    expect(problem.message.de).toBe(`Zeichen ${position}: ${problem.reason.de}`);
    expect(problem.reason.de).not.toBe(problem.reason.en);
  });

  it('says what is wrong in German too', () => {
    expect(refused('a**').message.de).toBe(
      'Zeichen 3: Ein Quantor kann nicht direkt auf einen anderen folgen (wie a** oder a{2}{3}); setzen Sie den ersten in Klammern: (a*)*',
    );
    expect(refused('ä').message.de).toBe('Zeichen 1: „ä“ (U+00E4) kommt in einem geprüften Wert nie vor (erlaubt sind Buchstaben A–Z und a–z, Ziffern, Leerzeichen und + - * # . _ @ :)');
  });

  it('keeps the quantifier as written', () => {
    expect(parseRegex('a{0,1}')).toEqual({ ok: true, ast: { kind: 'repeat', body: { kind: 'char', char: 'a' }, min: 0, max: 1, form: 'count' } });
    expect(parseRegex('a?')).toEqual({ ok: true, ast: { kind: 'repeat', body: { kind: 'char', char: 'a' }, min: 0, max: 1, form: '?' } });
  });
});
