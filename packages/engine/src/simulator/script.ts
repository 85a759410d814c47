import { SimulationError } from '../errors.js';

/** The words a script may use besides key sequences. */
export const SCRIPT_WORDS = ['timeout', 'answer', 'busy', 'noanswer', 'unavailable', 'overflow', 'hangup'] as const;
export type ScriptWord = (typeof SCRIPT_WORDS)[number];

/** The script words that end a dial (and a transfer), and a queue, in the order paths try them. */
export const DIAL_RESULT_WORDS = ['answer', 'busy', 'noanswer', 'unavailable'] as const satisfies readonly ScriptWord[];
export const QUEUE_RESULT_WORDS = ['answer', 'overflow'] as const satisfies readonly ScriptWord[];

/** One thing the caller or the network does: keys (`1`, `1002`, `4711#`) or a word like `busy`. */
export type ScriptToken = string;

const KEYS = /^[0-9*#]+$/;

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
  return text.split(',').map((raw, index) => {
    const token = raw.trim();
    const word = token.toLowerCase();
    if (KEYS.test(token)) return token;
    if ((SCRIPT_WORDS as readonly string[]).includes(word)) return word;
    const what = token === '' ? 'is empty' : `("${token}") is not a key sequence of 0-9 * #`;
    throw new SimulationError(
      'bad-token',
      `event ${index + 1} ${what}; use keys like 1 or 4711# or one of ${SCRIPT_WORDS.join(', ')}`,
      index + 1,
    );
  });
}

/** True for a key sequence token (`1`, `4711#`), false for a word. */
export function isKeys(token: ScriptToken): boolean {
  return KEYS.test(token);
}
