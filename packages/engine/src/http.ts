import { CALLER_ID_REFERENCE, CALLER_NUMBER_MAX_BYTES, HTTP_BODY_LIMIT, HTTP_REQUEST_LIMIT, utf8Length } from '@stumpfworks/flow';
import type { HttpResult } from './types.js';

/** The body whose fields are read: empty when it is longer than HTTP_BODY_LIMIT bytes. */
export function mappableBody(body: string): string {
  return utf8Length(body) > HTTP_BODY_LIMIT ? '' : body;
}

/** Whether a filled request is too long to be sent (HTTP_REQUEST_LIMIT): the URL, and for POST a comma and the body. */
export function requestTooLong(url: string, body: string | undefined): boolean {
  return utf8Length(url) + (body === undefined ? 0 : 1 + utf8Length(body)) > HTTP_REQUEST_LIMIT;
}

/** Which output an HTTP result takes: a 2xx response is `success`; any other response or failure is `failure`. */
export function httpOutput(result: HttpResult): 'success' | 'failure' | 'timeout' {
  if (result.kind === 'timeout') return 'timeout';
  return result.kind === 'response' && result.status >= 200 && result.status <= 299 ? 'success' : 'failure';
}

/** ASCII control characters: dropped from every value a request carries (both engines). */
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** Lone UTF-16 surrogates, which have no UTF-8 form: sent as U+FFFD, as fetch and TextEncoder do. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A value as it goes into a URL: control characters dropped, then percent-encoded as UTF-8 except
 * the RFC 3986 unreserved characters `A-Z a-z 0-9 - _ . ~` (so `! ' ( ) *` are encoded too, which
 * encodeURIComponent leaves alone). The dialplan does the same with URIENCODE() and STRREPLACE().
 *
 * @example
 * urlValue("O'Neil (+49)"); // 'O%27Neil%20%28%2B49%29'
 */
export function urlValue(value: string): string {
  return encodeURIComponent(value.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd')).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const JSON_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '(': '\\u0028', ')': '\\u0029' };

/**
 * A value as it goes between the quotes of a JSON string in a request body: control characters
 * dropped, `\` and `"` escaped as `\\` and `\"`, and `(` `)` written `\u0028` `\u0029`
 * (the dialplan passes the body inside a CURL() call, where a `)` followed by a `:` would end it).
 * Whatever the value, the string stays one JSON string.
 *
 * @example
 * jsonStringValue('1","tier":"vip'); // '1\\",\\"tier\\":\\"vip'
 */
export function jsonStringValue(value: string): string {
  return value.replace(CONTROL, '').replace(/[\\"()]/g, (c) => JSON_ESCAPES[c]!);
}

/**
 * Fills `${NAME}` references of a URL or body template: flow variables (unset = empty) and
 * `${CALLERID}`, the caller's number (empty when it is longer than CALLER_NUMBER_MAX_BYTES:
 * Asterisk reads only a cut copy of such a number). In a URL each value goes in as `urlValue`
 * gives it, in a body as `jsonStringValue` gives it (the flow schema puts every body reference
 * inside a JSON string).
 *
 * @example
 * fillTemplate('https://crm.example/c?phone=${CALLERID}', {}, '+4989', 'url'); // 'https://crm.example/c?phone=%2B4989'
 */
export function fillTemplate(template: string, vars: Record<string, string>, callerId: string, where: 'url' | 'body'): string {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_match, name: string) => {
    const caller = utf8Length(callerId) > CALLER_NUMBER_MAX_BYTES ? '' : callerId;
    const value = name === CALLER_ID_REFERENCE ? caller : (vars[name] ?? '');
    return where === 'url' ? urlValue(value) : jsonStringValue(value);
  });
}

/**
 * Characters a mapped value keeps: printable ASCII except `" $ , ; [ \ ] { | }`, and every
 * non-ASCII character. The others could break the dialplan where the value is used later, so
 * both engines drop them (the dialplan with REPLACE()).
 */
const DROPPED = /["$,;[\\\]{|}\u0000-\u001f\u007f]/g;

/**
 * The text of the field at `path` (keys separated by dots) in a JSON body, the way Asterisk's
 * JSON_DECODE() reads it, cleaned of the characters in `DROPPED`:
 * a key missing from an object, or a body that is not JSON, gives the empty string; a number
 * key indexes an array; a path that runs into a string, number or boolean stops there and gives
 * that value; strings as they are; integers in decimal (Asterisk keeps 32 bits of them);
 * other numbers like C's `%.17g`; true/false as 1/0; null as empty; objects and arrays as
 * compact JSON (which then loses its quotes, commas and brackets).
 *
 * @example
 * responseField('{"customer":{"tier":"vip"}}', 'customer.tier'); // 'vip'
 */
export function responseField(body: string, path: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return '';
  }
  for (const key of path.split('.')) {
    if (Array.isArray(value)) {
      if (!/^[0-9]+$/.test(key) || Number(key) >= value.length) return '';
      value = value[Number(key)];
    } else if (value !== null && typeof value === 'object') {
      if (!Object.hasOwn(value, key)) return '';
      value = (value as Record<string, unknown>)[key];
    } else {
      break;
    }
  }
  return jsonText(value).replace(DROPPED, '');
}

function jsonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 53 ? String(value | 0) : printG17(value);
  return JSON.stringify(value);
}

/** C's `printf("%.17g")`, which Asterisk uses for JSON reals. */
export function printG17(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential(16).split('e') as [string, string];
  const exponent = Number(exp);
  const trim = (digits: string) => (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits);
  if (exponent < -4 || exponent >= 17) {
    return `${trim(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(x.toFixed(16 - exponent));
}
