import { DIRECT_DIAL_DIGIT_TIMEOUT, menuEntries, type MenuEntries, type NodeOf } from '@stumpfworks/flow';
import { assign, readInputEffect } from '../effects.js';
import { menuEntryOf } from '../keys.js';
import type { CallEvent } from '../types.js';
import { retryOr } from './attempts.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Menu = NodeOf<'Menu'>;

/** A menu reads one key, or a whole direct-dial extension. */
export function menuMaxDigits(node: Menu): number {
  return Math.max(1, ...node.params.directDial.map((d) => d.length));
}

/** Every key, in the order path enumeration looks for one that leads nowhere. */
const ALL_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];

const ask = (node: Menu, call: NodeCall, attempt: number, { keys, direct }: MenuEntries, timeouts = 0): Transition => ({
  kind: 'wait',
  wait: 'input',
  patch: { attempts: attempt, timeouts },
  effects: [
    readInputEffect({
      purpose: 'menu',
      prompt: node.params.prompt,
      language: call.snapshot.language,
      timeoutSeconds: node.params.timeoutSeconds,
      maxDigits: menuMaxDigits(node),
      entries: [...keys, ...direct],
      ...(direct.length > 0 ? { digitTimeoutSeconds: DIRECT_DIAL_DIGIT_TIMEOUT } : {}),
      attempt,
    }),
  ],
});

/**
 * Menu: a connected key or an allowed direct-dial extension (`menuEntries`) leaves at once; anything
 * else (or a timeout) re-prompts while attempts remain, then leaves through `invalid` / `timeout`.
 * Keys typed past a complete entry are not part of it (`menuEntryOf`).
 */
export const menuStep = nodeStep<Menu>({
  enter: (node, call) => ask(node, call, 1, menuEntries(node, call.graph)),
  waits: ['input'],
  resume: (node, call, event) => {
    const entries = menuEntries(node, call.graph);
    const retry = (output: 'timeout' | 'invalid') => retryMenu(node, call, output, entries);
    if (event.type === 'timeout') return retry('timeout');
    if (event.type !== 'digits') return retry('invalid');
    const digits = menuEntryOf(event.digits, [...entries.keys, ...entries.direct], menuMaxDigits(node));
    if (entries.keys.includes(digits)) return { kind: 'follow', output: digits, digits };
    if (entries.direct.includes(digits)) {
      const { effect, vars } = assign(call.snapshot.vars, 'DIRECT_EXTENSION', digits);
      return { kind: 'follow', output: 'direct', digits, effects: [effect], patch: { vars } };
    }
    return retry('invalid');
  },
  /** Each connected key, each direct-dial extension, one key that leads nowhere, and a timeout. */
  choices: (node, call) => {
    const { keys, direct } = menuEntries(node, call.graph);
    const invalid = ALL_KEYS.find((k) => !keys.includes(k) && !direct.some((d) => d.startsWith(k)));
    return [...keys, ...direct, ...(invalid ? [invalid] : [])].map((digits): CallEvent => ({ type: 'digits', digits })).concat({ type: 'timeout' });
  },
});

/**
 * After a timeout or a wrong entry: prompt again, or leave through `output`. `together`: while the
 * prompts so far are fewer than `maxAttempts`. `separately`: while the failures of this kind so far
 * (this one included) are fewer; the prompts before this one were all failures, `timeouts` of them
 * timeouts and the rest wrong entries.
 */
function retryMenu(node: Menu, call: NodeCall, output: 'timeout' | 'invalid', entries: MenuEntries): Transition {
  const { attempts, timeouts } = call.snapshot;
  const { maxAttempts, countRetries } = node.params;
  const timeoutsNow = timeouts + (output === 'timeout' ? 1 : 0);
  if (countRetries === 'together') return retryOr(attempts, maxAttempts, (n) => ask(node, call, n, entries, timeoutsNow), output);
  const failuresOfKind = output === 'timeout' ? timeoutsNow : attempts - timeouts;
  return failuresOfKind < maxAttempts ? ask(node, call, attempts + 1, entries, timeoutsNow) : { kind: 'follow', output };
}
