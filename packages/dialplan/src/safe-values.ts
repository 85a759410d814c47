import { app, type DialplanPriority } from './ir.js';

/**
 * Dialplan steps that transform a value a caller, trunk, phone or web service controls without
 * ever letting Asterisk read it as syntax (docs/flow-semantics.md, "Hostile input"). Asterisk
 * substitutes `${...}` before it parses what surrounds it, so a value inside `$[...]` is parsed as
 * an expression (which can call functions), a value inside a function's arguments can add
 * arguments, and a `)` followed by `:` in it ends the function call early (the rest is read as
 * `:offset:length`; measured in tests/asterisk/http-request.test.ts and condition.test.ts). The steps here only hand a
 * value to Asterisk where it cannot do that:
 *
 * - `Set(NAME=${VALUE})`: Set() takes everything after the first `=` as it is;
 * - functions that take a variable NAME and read the value themselves: REPLACE(), STRREPLACE(),
 *   CUT(), JSON_DECODE(), `${NAME:offset:length}`;
 * - a function's last argument, which Asterisk passes on as it is, once the value can no longer
 *   end the call: URIENCODE() after `:` is replaced, CURL()'s body after `(` `)` are escaped.
 */

/** `\xHH` for REPLACE()'s character list (escaped once more for its argument parser). */
const hex = (code: number) => `\\\\x${code.toString(16).padStart(2, '0')}`;

/** ASCII control characters as a REPLACE() list; NUL cannot occur in an Asterisk string. */
export const CONTROL_CHARS = [...Array.from({ length: 31 }, (_, i) => hex(i + 1)), hex(0x7f)].join('');

/**
 * What a mapped response field loses (a REPLACE() list): `" $ , ; [ \ ] { | }` and the control
 * characters. The engine's `responseField` drops the same.
 */
export const MAPPED_DROPPED_CHARS = [...'"$,;[\\]{|}'].map((c) => hex(c.charCodeAt(0))).join('') + CONTROL_CHARS;

/**
 * `target` = the value of `source` (a variable name, or a function such as `CALLERID(num)`)
 * without the characters in `chars` (a REPLACE() list). REPLACE() reads the value by name.
 */
export function copyWithout(target: string, source: string, chars: string): DialplanPriority {
  return app('Set', `${target}=\${REPLACE(${source},${chars})}`);
}

/** STRREPLACE() of `find` by `replace` in the variable `name` (both already escaped for its argument parser). */
function replaceIn(name: string, find: string, replace: string): DialplanPriority {
  return app('Set', `${name}=\${STRREPLACE(${name},${find},${replace})}`);
}

/**
 * `target` = the value of `source` as the engine's `jsonStringValue` gives it: control characters
 * dropped, `\` and `"` escaped, `(` and `)` as `\u0028` `\u0029`. Safe between the quotes of a
 * JSON string inside CURL()'s body argument.
 */
export function jsonStringSteps(target: string, source: string): DialplanPriority[] {
  return [
    copyWithout(target, source, CONTROL_CHARS),
    replaceIn(target, '\\\\', '\\\\\\\\'),
    replaceIn(target, '\\"', '\\\\\\"'),
    replaceIn(target, '\\(', '\\\\u0028'),
    replaceIn(target, '\\)', '\\\\u0029'),
  ];
}

/**
 * `target` = the value of `source` as the engine's `urlValue` gives it: control characters dropped,
 * percent-encoded except `A-Z a-z 0-9 - _ . ~`. URIENCODE() gets the value with `:` replaced by
 * the (now absent) character 0x01, so no `)` in it can end the call; `%01` then becomes `%3A`.
 * URIENCODE() leaves `! ' ( ) *` as they are: they are encoded after it.
 */
export function urlValueSteps(target: string, source: string): DialplanPriority[] {
  return [
    copyWithout(target, source, CONTROL_CHARS),
    // REPLACE()'s last argument is passed on unparsed: one backslash.
    app('Set', `${target}=\${REPLACE(${target},:,\\x01)}`),
    app('Set', `${target}=\${URIENCODE(\${${target}})}`),
    replaceIn(target, '%01', '%3A'),
    replaceIn(target, '!', '%21'),
    replaceIn(target, "'", '%27'),
    replaceIn(target, '\\(', '%28'),
    replaceIn(target, '\\)', '%29'),
    replaceIn(target, '*', '%2A'),
  ];
}
