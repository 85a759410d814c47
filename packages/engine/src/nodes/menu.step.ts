import { DIRECT_DIAL_DIGIT_TIMEOUT, menuEntries, type MenuEntries, type NodeOf } from '@stumpfworks/flow';
import { assign, readInputEffect } from '../effects.js';
import { retryOr } from './attempts.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Menu = NodeOf<'Menu'>;

/** A menu reads one key, or a whole direct-dial extension. */
export function menuMaxDigits(node: Menu): number {
  return Math.max(1, ...node.params.directDial.map((d) => d.length));
}

const ask = (node: Menu, call: NodeCall, attempt: number, { keys, direct }: MenuEntries): Transition => ({
  kind: 'wait',
  wait: 'input',
  patch: { attempts: attempt },
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
 */
export const menuStep = nodeStep<Menu>({
  enter: (node, call) => ask(node, call, 1, menuEntries(node, call.graph)),
  resume: (node, call, event) => {
    const entries = menuEntries(node, call.graph);
    const retry = (output: string) => retryOr(call.snapshot.attempts, node.params.maxAttempts, (n) => ask(node, call, n, entries), output);
    if (event.type === 'timeout') return retry('timeout');
    if (event.type !== 'digits') return retry('invalid');
    const { digits } = event;
    if (entries.keys.includes(digits)) return { kind: 'follow', output: digits, digits };
    if (entries.direct.includes(digits)) {
      const { effect, vars } = assign(call.snapshot.vars, 'DIRECT_EXTENSION', digits);
      return { kind: 'follow', output: 'direct', digits, effects: [effect], patch: { vars } };
    }
    return retry('invalid');
  },
});
