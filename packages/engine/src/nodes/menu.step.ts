import { MENU_DIGITS, type NodeOf } from '@stumpfworks/flow';
import { assign, readInputEffect } from '../effects.js';
import { retryOr } from './attempts.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Menu = NodeOf<'Menu'>;

/** A menu reads one key, or a whole direct-dial extension. */
export function menuMaxDigits(node: Menu): number {
  return Math.max(1, ...node.params.directDial.map((d) => d.length));
}

/** The digit outputs of a menu that lead somewhere, in catalogue order. */
export function connectedDigits(node: Menu, call: Pick<NodeCall, 'graph'>): string[] {
  return call.graph.connectedOutputs(node.id).filter((o) => (MENU_DIGITS as readonly string[]).includes(o));
}

const ask = (node: Menu, call: NodeCall, attempt: number): Transition => ({
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
      attempt,
    }),
  ],
});

/**
 * Menu: a connected digit output or an allowed direct-dial extension leaves at once; anything else
 * (or a timeout) re-prompts while attempts remain, then leaves through `invalid` / `timeout`.
 */
export const menuStep = nodeStep<Menu>({
  enter: (node, call) => ask(node, call, 1),
  resume: (node, call, event) => {
    const retry = (output: string) =>
      retryOr(call.snapshot.attempts, node.params.maxAttempts, (n) => ask(node, call, n), output);
    if (event.type === 'timeout') return retry('timeout');
    if (event.type !== 'digits') return retry('invalid');
    const { digits } = event;
    if (connectedDigits(node, call).includes(digits)) return { kind: 'follow', output: digits, digits };
    if (node.params.directDial.includes(digits)) {
      const { effect, vars } = assign(call.snapshot.vars, 'DIRECT_EXTENSION', digits);
      return { kind: 'follow', output: 'direct', digits, effects: [effect], patch: { vars } };
    }
    return retry('invalid');
  },
});
