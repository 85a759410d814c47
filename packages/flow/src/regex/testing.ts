/**
 * Pattern/value pairs for tests only: every construct of the regex subset with values it matches
 * and values it does not, and seeded random patterns of the grammar. The unit tests compare the
 * matcher with JavaScript's RegExp on them; tests/asterisk/condition.test.ts runs them through
 * Asterisk's REGEX() as well.
 */
import type { RegexNode } from './ast.js';
import { parseValidRegex } from './parse.js';

export interface RegexCase {
  pattern: string;
  /** Values the whole pattern matches. */
  match: string[];
  /** Values it does not match. */
  miss: string[];
}

/** One or more cases per construct of the grammar, with the edge cases POSIX and JavaScript could read apart. */
export const REGEX_CASES: RegexCase[] = [
  // literals, escaped punctuation, plain punctuation of the alphabet
  { pattern: 'abc', match: ['abc'], miss: ['ab', 'abcd', 'ABC', ''] },
  { pattern: 'ABC', match: ['ABC'], miss: ['abc'] },
  { pattern: '\\+49', match: ['+49'], miss: ['49', '++49'] },
  { pattern: 'a\\.b', match: ['a.b'], miss: ['axb', 'ab'] },
  { pattern: 'a\\*', match: ['a*'], miss: ['a', 'aa'] },
  { pattern: '\\-1', match: ['-1'], miss: ['1'] },
  { pattern: 'a\\#\\_\\@\\:', match: ['a#_@:'], miss: ['a'] },
  { pattern: 'x\\ y', match: ['x y'], miss: ['xy'] },
  { pattern: 'a-b', match: ['a-b'], miss: ['ab', 'a'] },
  { pattern: '#_@:', match: ['#_@:'], miss: ['#'] },
  { pattern: 'a b', match: ['a b'], miss: ['ab', 'a  b'] },
  // the dot
  { pattern: 'a.c', match: ['abc', 'a.c', 'a c', 'a+c'], miss: ['ac', 'abbc'] },
  { pattern: '.', match: ['a', ' ', ':'], miss: ['', 'ab'] },
  { pattern: '.*', match: ['', 'anything at all', '+49 89'], miss: [] },
  { pattern: '.+', match: ['x'], miss: [''] },
  { pattern: '..', match: ['ab'], miss: ['a', 'abc'] },
  // bracket expressions
  { pattern: '[abc]', match: ['a', 'c'], miss: ['d', 'ab', ''] },
  { pattern: '[a-c]x', match: ['bx'], miss: ['dx', '-x'] },
  { pattern: '[^a-c]', match: ['d', '-', ' ', '9'], miss: ['a', 'b', ''] },
  { pattern: '[0-9]', match: ['0', '9'], miss: ['a', '10'] },
  { pattern: '[-a]', match: ['-', 'a'], miss: ['b'] },
  { pattern: '[a-]', match: ['-', 'a'], miss: ['b'] },
  { pattern: '[^-]', match: ['a'], miss: ['-'] },
  { pattern: '[.]', match: ['.'], miss: ['a'] },
  { pattern: '[*+]', match: ['*', '+'], miss: ['a'] },
  { pattern: '[ ]', match: [' '], miss: ['a'] },
  { pattern: '[#@_:]+', match: ['#@', ':_'], miss: ['a#'] },
  { pattern: '[:a]', match: [':', 'a'], miss: ['b'] },
  { pattern: '[a:]', match: [':', 'a'], miss: ['b'] },
  { pattern: '[.a]+', match: ['.a.'], miss: ['b'] },
  { pattern: '[A-Fa-f0-9]+', match: ['DEAD', 'beef42'], miss: ['xyz', 'G'] },
  { pattern: '[\\d]', match: ['5'], miss: ['a'] },
  { pattern: '[a\\d]+', match: ['a1a'], miss: ['b'] },
  { pattern: '[^0-9]*', match: ['', 'abc'], miss: ['a1'] },
  { pattern: '[a-aZ-Z]', match: ['a', 'Z'], miss: ['b'] },
  // groups and alternation
  { pattern: '(ab)', match: ['ab'], miss: ['a'] },
  { pattern: '(ab)+', match: ['ab', 'abab'], miss: ['', 'aba'] },
  { pattern: '(a|b)c', match: ['ac', 'bc'], miss: ['c', 'abc'] },
  { pattern: '((a))', match: ['a'], miss: ['aa'] },
  { pattern: '(a(b)c)', match: ['abc'], miss: ['ac'] },
  { pattern: 'a|b', match: ['a', 'b'], miss: ['ab', ''] },
  { pattern: 'ab|cd|ef', match: ['cd', 'ef'], miss: ['abcd', 'ace'] },
  { pattern: 'a|ab', match: ['a', 'ab'], miss: ['b'] },
  { pattern: 'ab|a', match: ['a', 'ab'], miss: ['b'] },
  { pattern: '(a|ab)(c|bcd)', match: ['abcd', 'ac', 'abc'], miss: ['abd'] },
  // quantifiers and counts
  { pattern: 'a*', match: ['', 'a', 'aaaa'], miss: ['b', 'ab'] },
  { pattern: 'a+', match: ['a', 'aa'], miss: [''] },
  { pattern: 'a?', match: ['', 'a'], miss: ['aa'] },
  { pattern: 'ab*c', match: ['ac', 'abbbc'], miss: ['abd'] },
  { pattern: '(ab)*', match: ['', 'abab'], miss: ['aab'] },
  { pattern: 'a{3}', match: ['aaa'], miss: ['aa', 'aaaa'] },
  { pattern: 'a{0}', match: [''], miss: ['a'] },
  { pattern: 'xa{0}y', match: ['xy'], miss: ['xay'] },
  { pattern: 'a{1,}', match: ['a', 'aaaaa'], miss: [''] },
  { pattern: 'a{2,3}', match: ['aa', 'aaa'], miss: ['a', 'aaaa'] },
  { pattern: 'a{0,0}b', match: ['b'], miss: ['ab'] },
  { pattern: 'a{0,1}', match: ['', 'a'], miss: ['aa'] },
  { pattern: '(ab){2}', match: ['abab'], miss: ['ab', 'ababab'] },
  { pattern: '[0-9]{3,5}', match: ['123', '12345'], miss: ['12', '123456'] },
  { pattern: '(a*)*', match: ['', 'aaa'], miss: ['b'] },
  { pattern: '(a*)+b', match: ['b', 'aab'], miss: ['aa'] },
  { pattern: '(a|b)*c', match: ['c', 'abbac'], miss: ['abba'] },
  { pattern: '(a?){3}', match: ['', 'aa', 'aaa'], miss: ['aaaa'] },
  { pattern: '.{2}', match: ['ab'], miss: ['a'] },
  { pattern: '(a{2}){2}', match: ['aaaa'], miss: ['aaa'] },
  { pattern: '[0-9]{255}', match: ['1'.repeat(255)], miss: ['1'.repeat(254), '1'.repeat(256)] },
  // anchors, also inside alternations and groups
  { pattern: '^abc', match: ['abc'], miss: ['xabc'] },
  { pattern: 'abc$', match: ['abc'], miss: ['abcx'] },
  { pattern: '^a|b$', match: ['a', 'b'], miss: ['ab'] },
  { pattern: '(^a|b)', match: ['a', 'b'], miss: ['ba'] },
  { pattern: 'a^b', match: [], miss: ['ab', 'a^b'] },
  { pattern: 'a$b', match: [], miss: ['ab'] },
  { pattern: '(a$)', match: ['a'], miss: ['aa'] },
  { pattern: '^', match: [''], miss: ['a'] },
  { pattern: '$', match: [''], miss: ['a'] },
  { pattern: '^$', match: [''], miss: [' '] },
  { pattern: '(a|$)', match: ['a', ''], miss: ['b'] },
  { pattern: '(^|a)b', match: ['b', 'ab'], miss: ['aab'] },
  { pattern: 'a$|b', match: ['a', 'b'], miss: ['ab'] },
  { pattern: 'a$[0-9]', match: [], miss: ['a1', 'a'] },
  { pattern: '(a|^b)c', match: ['ac', 'bc'], miss: ['abc'] },
  { pattern: '^^a$$', match: ['a'], miss: ['aa'] },
  { pattern: '(^)a', match: ['a'], miss: ['ba'] },
  // \d and the rules admins write
  { pattern: '\\d+', match: ['0', '0891234'], miss: ['', '12a'] },
  { pattern: '9\\d{6}', match: ['9123456'], miss: ['8123456', '912345', '91234567'] },
  { pattern: '0049.*|0[1-9]+', match: ['0049891234', '0391', '049'], miss: ['0', '0301234', '49'] },
  { pattern: '030[0-9]+|089', match: ['0301234', '089'], miss: ['0891', '49030123'] },
  { pattern: '9[0-9]+|1000', match: ['95', '1000'], miss: ['9', '10000'] },
  { pattern: '1[0-9]*', match: ['1', '1234'], miss: ['21'] },
  { pattern: '\\+49(89|30)[0-9]{5,8}', match: ['+498912345', '+4930123456'], miss: ['+49401234567', '004989123456'] },
  { pattern: '[0-9]{3}-[0-9]{4}', match: ['555-1234'], miss: ['5551234'] },
  { pattern: '[A-Z]{2}[0-9]{4}', match: ['DE1234'], miss: ['de1234'] },
  { pattern: 'vip|gold', match: ['vip', 'gold'], miss: ['VIP', 'vipgold'] },
  { pattern: '.*@example\\.com', match: ['anna@example.com'], miss: ['anna@exampleXcom'] },
  { pattern: '(\\+|00)49.*', match: ['+4989', '004989'], miss: ['4989'] },
  { pattern: 'anonymous|unknown', match: ['anonymous'], miss: ['Anonymous', ''] },
];

/** A small deterministic random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const ATOMS = ['a', 'b', '0', '-', ' ', ':', '\\.', '\\+', '.', '[ab]', '[^a]', '[a-c]', '[0-9]', '\\d', '[-b]', '[.+]'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{0}', '{1}', '{2}', '{0,1}', '{1,}', '{1,2}', '{0,2}'];

/** A random pattern of the grammar: groups, alternation, quantifiers and anchors, nested up to `depth`. */
export function randomPattern(random: () => number, depth = 2): string {
  const options = 1 + Math.floor(random() * (random() < 0.3 ? 3 : 1));
  return Array.from({ length: options }, () => {
    const length = 1 + Math.floor(random() * 3);
    return Array.from({ length }, () => {
      const roll = random();
      if (roll < 0.08) return '^';
      if (roll < 0.16) return '$';
      const atom = depth > 0 && roll < 0.35 ? `(${randomPattern(random, depth - 1)})` : pick(random, ATOMS);
      return atom + pick(random, QUANTIFIERS);
    }).join('');
  }).join('|');
}

/** A value the pattern could match (anchors aside): a random walk through its choices and repetitions. */
export function sampleValue(random: () => number, node: RegexNode): string {
  switch (node.kind) {
    case 'char':
      return node.char;
    case 'any':
      return pick(random, ['a', 'z', '5', ' ', '#']);
    case 'set': {
      if (node.negated) return pick(random, ['x', 'Z', '7', '@']);
      const range = pick(random, node.ranges);
      const span = range.to.charCodeAt(0) - range.from.charCodeAt(0);
      return String.fromCharCode(range.from.charCodeAt(0) + Math.floor(random() * (span + 1)));
    }
    case 'start':
    case 'end':
      return '';
    case 'group':
      return sampleValue(random, node.body);
    case 'sequence':
      return node.items.map((item) => sampleValue(random, item)).join('');
    case 'alternation':
      return sampleValue(random, pick(random, node.options));
    case 'repeat': {
      const count = node.min + Math.floor(random() * ((node.max ?? node.min + 2) - node.min + 1));
      return Array.from({ length: count }, () => sampleValue(random, node.body)).join('');
    }
  }
}

/** `count` random patterns, each with a value sampled from it, that value changed by one character, and a random value. */
export function randomRegexCases(seed: number, count: number): Array<{ pattern: string; values: string[] }> {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const pattern = randomPattern(random);
    const sample = sampleValue(random, parseValidRegex(pattern));
    const at = Math.floor(random() * (sample.length + 1));
    const changed = sample.slice(0, at) + pick(random, ['a', '0', '-', '']) + sample.slice(at + 1);
    const other = Array.from({ length: Math.floor(random() * 5) }, () => pick(random, ['a', 'b', '0', '-', ' ', '.', '+', ':'])).join('');
    return { pattern, values: [...new Set([sample, changed, other])] };
  });
}
