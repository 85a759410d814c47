import type { NodeOf } from '@stumpfworks/flow';
import { assign, readInputEffect } from '../effects.js';
import { entryOf, retryOr } from './attempts.js';
import { nodeStep, type NodeCall, type Transition } from './transition.js';

type Collect = NodeOf<'CollectDigits'>;

const ask = (node: Collect, call: NodeCall, attempt: number): Transition => ({
  kind: 'wait',
  wait: 'input',
  patch: { attempts: attempt },
  effects: [
    readInputEffect({
      purpose: 'digits',
      prompt: node.params.prompt,
      language: call.snapshot.language,
      timeoutSeconds: node.params.timeoutSeconds,
      maxDigits: node.params.maxDigits,
      terminator: node.params.terminator,
      attempt,
    }),
  ],
});

/**
 * CollectDigits: an entry (keys before the terminator) of `minDigits..maxDigits` keys sets the
 * variable; an empty or too short entry retries while attempts remain, then leaves via `invalid`.
 */
export const collectDigitsStep = nodeStep<Collect>({
  enter: (node, call) => ask(node, call, 1),
  resume: (node, call, event) => {
    const { terminator, maxDigits, minDigits, maxAttempts, variable } = node.params;
    const entry = event.type === 'digits' ? entryOf(event.digits, terminator, maxDigits) : '';
    if (entry.length < minDigits) return retryOr(call.snapshot.attempts, maxAttempts, (n) => ask(node, call, n), 'invalid');
    const { effect, vars } = assign(call.snapshot.vars, variable, entry);
    return { kind: 'follow', output: 'next', effects: [effect], patch: { vars } };
  },
});
