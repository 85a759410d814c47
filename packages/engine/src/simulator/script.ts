import { SimulationError } from '../errors.js';
import type { CallEvent, HttpResult } from '../types.js';

/** The words a script may use besides key sequences. */
export const SCRIPT_WORDS = ['timeout', 'answer', 'busy', 'noanswer', 'unavailable', 'overflow', 'hangup'] as const;
export type ScriptWord = (typeof SCRIPT_WORDS)[number];

/** The script words that end a dial (and a transfer), and a queue, in the order paths try them. */
export const DIAL_RESULT_WORDS = ['answer', 'busy', 'noanswer', 'unavailable'] as const satisfies readonly ScriptWord[];
export const QUEUE_RESULT_WORDS = ['answer', 'overflow'] as const satisfies readonly ScriptWord[];

/** One thing the caller or the network does: keys (`1`, `1002`, `4711#`) or a word like `busy`. */
export type ScriptToken = string;

const KEYS = /^[0-9*#]+$/;
/** `answer:<target>`: a simultaneous dial answered by that target (an extension). */
const ANSWERED_BY = /^answer:([0-9]{1,20})$/i;

/** The target an `answer:<target>` token names, or undefined. */
export function answeredByOf(token: ScriptToken): string | undefined {
  return ANSWERED_BY.exec(token)?.[1];
}

/**
 * HTTP results in a script: `http:<status>` (e.g. `http:404`), `http:<status>:<JSON body>`
 * (e.g. `http:200:{"tier":"vip"}`; commas inside the JSON do not split the script),
 * `http:timeout` and `http:failure` (no response: connection refused or closed).
 */
const HTTP = /^http:(?:([1-5][0-9][0-9])(?::(.*))?|timeout|failure)$/is;

/** The HTTP result a token stands for, or undefined when it is not an HTTP token. */
export function httpTokenResult(token: ScriptToken): HttpResult | undefined {
  const match = HTTP.exec(token);
  if (!match) return undefined;
  if (match[1] === undefined) return token.toLowerCase().endsWith('timeout') ? { kind: 'timeout' } : { kind: 'failure' };
  return { kind: 'response', status: Number(match[1]), body: match[2] ?? '' };
}

/** Splits at commas that are outside JSON braces, brackets and strings. */
function splitScript(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Reads a comma-separated event script. Tokens are trimmed; words are case-insensitive. An empty
 * script is no events.
 *
 * @throws SimulationError `bad-token`, naming the token's position.
 * @example
 * parseScript('1, busy, 4711#'); // ['1', 'busy', '4711#']
 */
export function parseScript(text: string): ScriptToken[] {
  if (text.trim() === '') return [];
  return splitScript(text).map((raw, index) => {
    const token = raw.trim();
    const word = token.toLowerCase();
    if (KEYS.test(token)) return token;
    if ((SCRIPT_WORDS as readonly string[]).includes(word)) return word;
    if (ANSWERED_BY.test(token)) return word;
    const http = httpTokenResult(token);
    if (http) {
      if (http.kind !== 'response') return word;
      if (http.body !== '' && !isJson(http.body)) {
        throw new SimulationError('bad-token', `event ${index + 1} ("${token}") has a body that is not JSON`, index + 1);
      }
      return `http:${http.status}${http.body === '' ? '' : `:${http.body}`}`;
    }
    const what = token === '' ? 'is empty' : `("${token}") is not a key sequence of 0-9 * #`;
    throw new SimulationError(
      'bad-token',
      `event ${index + 1} ${what}; use keys like 1 or 4711#, one of ${SCRIPT_WORDS.join(', ')}, answer:1002, or http:200, http:200:{"field":"value"}, http:timeout, http:failure`,
      index + 1,
    );
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The script token of an event, the way a script writes it (`parseScript` reads it back to the
 * same event): keys as they are, `timeout`, dial and queue results by name (`answer:<target>` for an
 * answer by a named target), `http:<status>[:<body>]`,
 * `http:timeout`, `http:failure`, `hangup`.
 *
 * @throws Error for `start` and `done`, which scripts never give.
 */
export function scriptToken(event: CallEvent): ScriptToken {
  switch (event.type) {
    case 'digits':
      return event.digits;
    case 'dialResult':
      return event.answeredBy !== undefined ? `answer:${event.answeredBy}` : event.result;
    case 'queueResult':
      return event.result;
    case 'httpResult': {
      const r = event.result;
      if (r.kind !== 'response') return `http:${r.kind}`;
      return `http:${r.status}${r.body === '' ? '' : `:${r.body}`}`;
    }
    case 'timeout':
    case 'hangup':
      return event.type;
    case 'start':
    case 'done':
      throw new Error(`"${event.type}" is not a script token: the simulator feeds it itself`);
  }
}

/** True for a key sequence token (`1`, `4711#`), false for a word. */
export function isKeys(token: ScriptToken): boolean {
  return KEYS.test(token);
}
