/** The engine layer of the test-only sample node type (see flow/src/sample-node/confirm.node.ts). */
import type { ConfirmNode } from '../../../flow/src/sample-node/confirm.node.js';
import { readInputEffect } from '../effects.js';
import { nodeStep } from '../nodes/transition.js';

/** Confirm: the prompt (interruptible) and one key; the node's key → `yes`, another key or silence → `no`. */
export const confirmStep = nodeStep<ConfirmNode>({
  enter: (node, { snapshot }) => {
    const { prompt, key, timeoutSeconds } = node.params;
    return {
      kind: 'wait',
      wait: 'input',
      effects: [readInputEffect({ purpose: 'menu', prompt, language: snapshot.language, timeoutSeconds, maxDigits: 1, entries: [key], attempt: 1 })],
    };
  },
  waits: ['input'],
  resume: (node, _call, event) =>
    event.type === 'digits' && event.digits === node.params.key ? { kind: 'follow', output: 'yes', digits: event.digits } : { kind: 'follow', output: 'no' },
  /** The key, another key, and silence. */
  choices: (node) => [
    { type: 'digits', digits: node.params.key },
    { type: 'digits', digits: node.params.key === '1' ? '2' : '1' },
    { type: 'timeout' },
  ],
});
