/**
 * Caller IDs, caller names and web-service answers a hostile caller or server might send: the
 * dialplan's syntax (quotes, `|`, `&`, `$[...]`, `${...}`, function calls, `,` `;` `(` `)` `:`),
 * JSON syntax, backslashes, a long value, UTF-8, empty and `anonymous`. Some carry a canary: a
 * command that would create `/tmp/<canary>x<n>` if Asterisk ever ran it. Used by
 * tests/asterisk/http-request.test.ts and the parity suite's hostile scenario.
 */

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A file name no other run uses, of letters and digits only (`swfcanary<pid>t<time>`): Asterisk's
 * expression parser would split a name at `-`.
 */
export function canaryName(): string {
  return `swfcanary${process.pid}t${Date.now()}`;
}

/**
 * The values, each at most 300 characters. `canary` names the files the canary values would
 * create. The fourth canary (`" = "" | SHELL(...) | "`) is the form that did create its file on
 * Asterisk 22 through `$["x${CALLERID(num)}" = "x..."]` while func_shell was loaded (the shell has no
 * space: the expression parser splits arguments at spaces, so it goes up from the working
 * directory with `cd$IFS..`).
 */
export function hostileValues(canary: string): string[] {
  const up = 'cd;cd$IFS..;cd$IFS..;cd$IFS..;cd$IFS..';
  return [
    '0301"|"1',
    '"|1|"',
    '1","tier":"vip',
    '"}, "x": {"',
    `\${SHELL(touch /tmp/${canary}x1)}`,
    `$[SHELL(touch /tmp/${canary}x2)]`,
    `SHELL(touch /tmp/${canary}x3)`,
    `" = "" | SHELL(${up};cd$IFS'tmp';touch$IFS'${canary}x4') | "`,
    `1)|SHELL(touch /tmp/${canary}x5)|(1`,
    '${CALLERID(name)}',
    '${EXTEN}',
    '$[1+1]',
    '$["a" = "a"]',
    '${',
    '}{',
    '$',
    '[]',
    'a|b|c',
    'a&b&&c',
    'Müller, Anna',
    'a;b',
    'a:b:c',
    'a):1:1',
    '(',
    ')',
    '))((',
    'f(x)=y',
    '\\',
    '\\\\',
    '\\"',
    'a\\',
    '\\u0022x',
    "O'Neil",
    '<sip:1000@127.0.0.1>',
    '"Boss" <1000>',
    'x'.repeat(300),
    'Zoë Ünal ñ 😀',
    'Ελληνικά 日本語',
    '',
    'anonymous',
    ' ',
    '+4989123456',
    '0049',
    '*#',
    '%2C%22%00',
    '%s%n%x',
    'null',
  ];
}

/**
 * The canary files that exist: in the host's /tmp and in the Asterisk root's /tmp (Asterisk runs
 * chrooted there). Empty when no canary value was ever run as a command.
 */
export function canaryFiles(canary: string, asteriskRoot: string | undefined): string[] {
  if (!asteriskRoot) throw new Error('the Asterisk root is unknown (connection.json has no asteriskRoot): cannot look for canary files');
  return ['/tmp', join(asteriskRoot, 'tmp')].flatMap((dir) =>
    existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith(canary)).map((name) => join(dir, name)) : [],
  );
}
