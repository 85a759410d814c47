import { describe, expect, it } from 'vitest';
import { parseValidRegex } from './parse.js';
import { renderJavaScript, renderPosix } from './render.js';
import { REGEX_CASES, randomRegexCases } from './testing.js';

const both = (pattern: string) => {
  const ast = parseValidRegex(pattern);
  return [renderPosix(ast), renderJavaScript(ast)];
};

describe('renderPosix and renderJavaScript', () => {
  it.each([
    ['abc', 'abc', 'abc'],
    ['\\+49[0-9]{6,}', '[+]49[0-9]{6,}', '\\+49[0-9]{6,}'],
    ['a\\.b\\*', 'a[.]b[*]', 'a\\.b\\*'],
    ['\\-\\#\\_\\@\\:\\ ', '-#_@: ', '-#_@: '],
    ['9\\d{6}', '9[0-9]{6}', '9[0-9]{6}'],
    ['[a\\d-]', '[a0-9-]', '[a0-9\\-]'],
    ['[-a]', '[a-]', '[a\\-]'],
    ['[^.*+]', '[^.*+]', '[^.*+]'],
    ['(a|b)*c', '(a|b)*c', '(?:a|b)*c'],
    ['a{0,1}b?c{2}d{3,}', 'a{0,1}b?c{2}d{3,}', 'a{0,1}b?c{2}d{3,}'],
    ['^a|b$', '^a|b$', '^a|b$'],
    ['a$[0-9]', 'a($)[0-9]', 'a$[0-9]'],
    ['a$[0-9]*', 'a($)[0-9]*', 'a$[0-9]*'],
    ['$[1]|x$', '($)[1]|x$', '$[1]|x$'],
  ])('%s is %s in POSIX and %s in JavaScript', (pattern, posix, javascript) => {
    expect(both(pattern)).toEqual([posix, javascript]);
  });

  it('never writes what the dialplan would read: no backslash, quote, ;, $[ or ${, and parentheses and brackets pair up', () => {
    const patterns = [...REGEX_CASES.map((c) => c.pattern), ...randomRegexCases(7, 500).map((c) => c.pattern)];
    for (const pattern of patterns) {
      const posix = renderPosix(parseValidRegex(pattern));
      expect(posix, pattern).not.toMatch(/[\\";]|\$\[|\$\{/);
      expect(balanced(posix, '(', ')') && balanced(posix, '[', ']') && balanced(posix, '{', '}'), `${pattern} -> ${posix}`).toBe(true);
    }
  });
});

/** Whether the open and close characters pair up, counted the way Asterisk's parsers count them (ignoring meaning). */
function balanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === open) depth++;
    if (char === close && --depth < 0) return false;
  }
  return depth === 0;
}
